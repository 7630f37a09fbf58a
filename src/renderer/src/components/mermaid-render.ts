// Draws one Mermaid source into an SVG picture. Loaded on first use with Mermaid itself (it is large):
// see mermaid-draw.ts, which caches the drawings and runs them one at a time.
//
// Mermaid lays a diagram out in a hidden element of the page (it measures text there), puts a <style>
// into it, sets style attributes, and re-parses the result with DOMPurify's DOMParser. The page's CSP
// (style-src 'self') blocks and reports every one of those. While Mermaid draws, `withoutInlineStyles`
// keeps the styles out of the page: style attributes are written under another name, the <style> is a
// stand-in that only records its text, and the markup DOMPurify parses carries the same renaming. The
// finished SVG gets its styles back as text, and is only ever shown as an <img>, where they apply inside
// the picture and nothing can run or fetch.
import mermaid from 'mermaid'
import { type ColorScheme, type Drawing, describeDiagramError, restoreStyles, sizeSvg } from './mermaid-text'

let counter = 0
/** Names no diagram text can guess, so renaming there and back cannot meet a source's own words. */
const MARK = `rt${Math.random().toString(36).slice(2, 10)}`
const STYLE_ATTRIBUTE = `data-${MARK}-style`
const STYLE_ELEMENT = `${MARK}-css`

/** Draws `source` for `scheme`; a source Mermaid cannot read gives its reason, in one line. */
export async function renderDiagram(source: string, scheme: ColorScheme): Promise<Drawing> {
  // Off-screen, at Mermaid's font and size, so the text is measured as the picture will show it.
  const fontFamily = getComputedStyle(document.body).fontFamily
  const host = document.createElement('div')
  host.setAttribute('aria-hidden', 'true')
  Object.assign(host.style, {
    position: 'fixed',
    left: '-100000px',
    top: '0',
    width: '800px',
    visibility: 'hidden',
    fontFamily,
    fontSize: '16px',
  })
  document.body.append(host)
  try {
    mermaid.initialize({
      startOnLoad: false,
      // What a diagram's own %%{init}%% may not change: Mermaid's list, plus how labels are made and measured.
      secure: [
        'secure',
        'securityLevel',
        'startOnLoad',
        'maxTextSize',
        'suppressErrorRendering',
        'maxEdges',
        'htmlLabels',
        'fontFamily',
        'fontSize',
      ],
      securityLevel: 'strict',
      theme: scheme === 'dark' ? 'dark' : 'default',
      // Labels as SVG text, not HTML in a foreignObject.
      htmlLabels: false,
      // A bad source throws; Mermaid draws no error picture of its own.
      suppressErrorRendering: true,
      fontFamily,
    })
    await mermaid.parse(source)
    counter += 1
    const id = `roundtable-mermaid-${counter}`
    const { svg, css } = await withoutInlineStyles(() => mermaid.render(id, source, host).then((r) => r.svg))
    const sized = sizeSvg(restoreStyles(svg, { attribute: STYLE_ATTRIBUTE, element: STYLE_ELEMENT, css }))
    if (!sized) return { ok: false, error: 'the drawing came out empty' }
    const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sized.svg)}`
    return { ok: true, url, width: sized.width, height: sized.height }
  } catch (error) {
    return { ok: false, error: describeDiagramError(error) }
  } finally {
    host.remove()
  }
}

/** Runs `draw` with inline styles kept out of the page; returns what it drew and the CSS it meant to add. */
async function withoutInlineStyles(draw: () => Promise<string>): Promise<{ svg: string; css: string[] }> {
  const css: string[] = []
  const element = Element.prototype
  const { setAttribute, getAttribute, removeAttribute } = element
  const createElement = document.createElement
  const parseFromString = DOMParser.prototype.parseFromString
  const rename = (name: string) => (name.toLowerCase() === 'style' ? STYLE_ATTRIBUTE : name)
  element.setAttribute = function (this: Element, name: string, value: string) {
    setAttribute.call(this, rename(name), value)
  }
  element.getAttribute = function (this: Element, name: string) {
    return getAttribute.call(this, rename(name))
  }
  element.removeAttribute = function (this: Element, name: string) {
    removeAttribute.call(this, rename(name))
  }
  document.createElement = function (this: Document, tag: string, options?: ElementCreationOptions) {
    if (tag.toLowerCase() !== 'style') return createElement.call(this, tag, options)
    // A stand-in that keeps the rules as text, never as a style sheet of the page.
    const standIn = createElement.call(this, STYLE_ELEMENT)
    for (const property of ['innerHTML', 'textContent'] as const) {
      Object.defineProperty(standIn, property, {
        get: () => '',
        set: (text: string) => void css.push(String(text)),
      })
    }
    return standIn
  } as typeof document.createElement
  DOMParser.prototype.parseFromString = function (
    this: DOMParser,
    markup: string,
    type: DOMParserSupportedType,
  ) {
    const renamed = String(markup)
      .replace(/(\s)style=/gi, `$1${STYLE_ATTRIBUTE}=`)
      .replace(/<(\/?)style\b/gi, `<$1${STYLE_ELEMENT}`)
    return parseFromString.call(this, renamed, type)
  }
  try {
    return { svg: await draw(), css }
  } finally {
    element.setAttribute = setAttribute
    element.getAttribute = getAttribute
    element.removeAttribute = removeAttribute
    document.createElement = createElement
    DOMParser.prototype.parseFromString = parseFromString
  }
}
