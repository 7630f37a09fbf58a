// A ```mermaid block: its source while the block streams, then the drawn diagram with a toggle back to
// the source. The diagram is an <img> of the SVG Mermaid draws, so its styles stay inside the picture
// (the page's CSP allows no inline styles) and nothing in it can run or fetch.
import { useEffect, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { CodeBlock, CodeBlockCopyButton, type CustomRendererProps } from 'streamdown'
import { CopyButton } from './CopyButton'
import { type Drawing, drawDiagram, finishedDrawing } from './mermaid-draw'
import { type ColorScheme, diagramAlt, effectiveScheme } from './mermaid-text'

const DARK = '(prefers-color-scheme: dark)'

function currentScheme(): ColorScheme {
  return effectiveScheme(document.documentElement.dataset.theme, window.matchMedia(DARK).matches)
}

function subscribeToScheme(onChange: () => void): () => void {
  const media = window.matchMedia(DARK)
  media.addEventListener('change', onChange)
  const observer = new MutationObserver(onChange)
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  return () => {
    media.removeEventListener('change', onChange)
    observer.disconnect()
  }
}

/** The scheme the page shows now, following the Theme setting and the system. */
function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribeToScheme, currentScheme, () => 'light')
}

/** The drawing of `source`, or null while it is being drawn. */
function useDrawing(source: string, scheme: ColorScheme): Drawing | null {
  const [state, setState] = useState<{ key: string; drawing: Drawing } | null>(null)
  const key = `${scheme}\n${source}`
  useEffect(() => {
    let live = true
    void drawDiagram(source, scheme).then((drawing) => {
      if (live) setState({ key: `${scheme}\n${source}`, drawing })
    })
    return () => {
      live = false
    }
  }, [source, scheme])
  return state?.key === key ? state.drawing : (finishedDrawing(source, scheme) ?? null)
}

function Source({ code }: { code: string }) {
  return <CodeBlock className="mermaid-source" code={code} language="mermaid" />
}

function DrawnBlock({ code }: { code: string }) {
  const { t } = useTranslation('chat')
  const scheme = useColorScheme()
  const drawing = useDrawing(code, scheme)
  const [view, setView] = useState<'diagram' | 'source'>('diagram')
  const showDiagram = drawing?.ok === true && view === 'diagram'
  return (
    <div className="mermaid-block" data-streamdown="mermaid-block">
      <div className="mermaid-header">
        <span className="mermaid-language">{t('mermaid.language')}</span>
        {drawing === null && <span className="mermaid-status">{t('mermaid.drawing')}</span>}
        <div className="mermaid-actions">
          {drawing?.ok && (
            // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form's fieldset
            <div role="group" aria-label={t('mermaid.show')} className="mermaid-toggle">
              <button type="button" aria-pressed={view === 'diagram'} onClick={() => setView('diagram')}>
                {t('mermaid.diagram')}
              </button>
              <button type="button" aria-pressed={view === 'source'} onClick={() => setView('source')}>
                {t('mermaid.source')}
              </button>
            </div>
          )}
          <CopyButton text={code} />
        </div>
      </div>
      {drawing?.ok === false && (
        <p className="mermaid-error">{t('mermaid.failed', { error: drawing.error })}</p>
      )}
      {showDiagram ? (
        <div className="mermaid-diagram">
          <img src={drawing.url} alt={diagramAlt(code, t)} width={drawing.width} height={drawing.height} />
        </div>
      ) : (
        <Source code={code} />
      )}
    </div>
  )
}

/** Streamdown's renderer for ```mermaid blocks. */
export function MermaidBlock({ code, isIncomplete }: CustomRendererProps) {
  // Still arriving: the source, as any code block, and no drawing per token.
  if (isIncomplete) {
    return (
      <CodeBlock code={code} language="mermaid" isIncomplete>
        <CodeBlockCopyButton />
      </CodeBlock>
    )
  }
  return <DrawnBlock code={code} />
}
