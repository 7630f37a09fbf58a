// Draws a Mermaid source into an SVG picture, once per source and scheme. The drawing code and Mermaid
// are loaded on first use (they are large), and renders run one at a time: Mermaid's configuration is
// global, and so is the guard mermaid-render.ts keeps while it draws.
import { type ColorScheme, type Drawing, describeDiagramError } from './mermaid-text'

export type { Drawing }

let queue: Promise<unknown> = Promise.resolve()
const drawn = new Map<string, Promise<Drawing>>()
/** The drawings already finished, so a block shown again (scrolled back into view) has its picture at once. */
const settled = new Map<string, Drawing>()
const KEEP = 64

/** The drawing of `source` in `scheme`; the same promise for the same input. */
export function drawDiagram(source: string, scheme: ColorScheme): Promise<Drawing> {
  const key = `${scheme}\n${source}`
  const known = drawn.get(key)
  if (known) return known
  const result = queue
    .then(() => import('./mermaid-render'))
    .then(({ renderDiagram }) => renderDiagram(source, scheme))
    .catch((error: unknown): Drawing => ({ ok: false, error: describeDiagramError(error) }))
  queue = result
  drawn.set(key, result)
  void result.then((drawing) => settled.set(key, drawing))
  if (drawn.size > KEEP) {
    const oldest = drawn.keys().next().value as string
    drawn.delete(oldest)
    settled.delete(oldest)
  }
  return result
}

/** The drawing of `source` in `scheme` if it is already finished. */
export function finishedDrawing(source: string, scheme: ColorScheme): Drawing | undefined {
  return settled.get(`${scheme}\n${source}`)
}
