// Pure helpers for Mermaid blocks: what the diagram is called, which theme it is drawn in, and how a
// failure is worded. No DOM and no mermaid here, so they are tested as plain functions.

import type { ChatT } from './words'

export type ColorScheme = 'light' | 'dark'

/** A drawn diagram (an SVG as a data: URL, and its size), or why it could not be drawn. */
export type Drawing = { ok: true; url: string; width: number; height: number } | { ok: false; error: string }

/** The scheme the page shows: the Theme setting (`data-theme` on <html>) if set, else the system's. */
export function effectiveScheme(dataTheme: string | undefined, systemPrefersDark: boolean): ColorScheme {
  if (dataTheme === 'light' || dataTheme === 'dark') return dataTheme
  return systemPrefersDark ? 'dark' : 'light'
}

const ALT_MAX = 80

/** The image's alt text: "Diagram: " and the first line of the source that says something. */
export function diagramAlt(source: string, t: ChatT): string {
  const first = source
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length > 0 && !line.startsWith('%%') && line !== '---')
  if (!first) return t('mermaid.alt')
  return t('mermaid.altNamed', { first: first.length > ALT_MAX ? `${first.slice(0, ALT_MAX - 1)}…` : first })
}

const ERROR_MAX = 160

/**
 * One short line saying why a diagram could not be drawn. Mermaid's parse errors run over several lines
 * (the line, a caret under it, then what was expected): keep where it failed and what it wanted.
 */
export function describeDiagramError(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : ''
  const lines = raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
  let text: string
  if (lines.length === 0) text = 'unknown error'
  else if (/^Parse error on line \d+:?$/i.test(lines[0] ?? '') && lines.length > 1) {
    const where = (lines[0] ?? '').replace(/:$/, '')
    text = `${where}: ${lines.at(-1)}`
  } else text = lines[0] ?? 'unknown error'
  text = text.replace(/\s+/g, ' ')
  return text.length > ERROR_MAX ? `${text.slice(0, ERROR_MAX - 1)}…` : text
}

export interface SizedSvg {
  svg: string
  width: number
  height: number
}

/**
 * Gives the SVG's root an absolute width and height from its viewBox. Mermaid writes `width="100%"` and a
 * max-width style, which an <img> cannot size itself from (it would have no natural size).
 */
export function sizeSvg(svg: string): SizedSvg | null {
  const root = /<svg\b[^>]*>/i.exec(svg)
  if (!root) return null
  const viewBox = /\sviewBox\s*=\s*(['"])(.*?)\1/i.exec(root[0])
  const numbers = (viewBox?.[2] ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number)
  const width = numbers[2]
  const height = numbers[3]
  if (numbers.length !== 4 || numbers.some(Number.isNaN) || !width || !height || width <= 0 || height <= 0) {
    return null
  }
  const w = Math.ceil(width)
  const h = Math.ceil(height)
  const tag = root[0]
    .replace(/\s(width|height|style)\s*=\s*(['"]).*?\2/gi, '')
    .replace(/^<svg\b/i, `<svg width="${w}" height="${h}"`)
  return { svg: svg.slice(0, root.index) + tag + svg.slice(root.index + root[0].length), width: w, height: h }
}

/**
 * Undoes the renaming the drawing was made with (see mermaid-draw.ts): the renamed style attributes are
 * style attributes again, stand-ins are dropped, and the recorded CSS goes first in the SVG, escaped for
 * XML (the SVG is read as XML by the <img>).
 */
export function restoreStyles(
  svg: string,
  names: { attribute: string; element: string; css: string[] },
): string {
  const attribute = new RegExp(`(\\s)${escapeRegExp(names.attribute)}=`, 'g')
  const element = new RegExp(
    `<${escapeRegExp(names.element)}\\b[^>]*>(?:</${escapeRegExp(names.element)}>)?`,
    'g',
  )
  const restored = svg.replace(attribute, '$1style=').replace(element, '')
  const css = names.css.join('\n')
  if (css.length === 0) return restored
  const sheet = `<style>${css.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</style>`
  return restored.replace(/<svg\b[^>]*>/i, (root) => root + sheet)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
