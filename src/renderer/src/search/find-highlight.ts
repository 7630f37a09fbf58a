// Find in chat's marks on the words themselves: where, in a message's text, the words the main process
// looked for are.
import { parseQuery } from '../../../main/core/search/search-query'

// ---- Finding: pure, no DOM ----

/** A stretch of a string, `end` excluded. */
export interface Span {
  start: number
  end: number
}

/**
 * The words a find looks for, read the way the main process reads the query (quotes make one word,
 * filters such as role: are not words), so the marks are of what was counted.
 */
export function findTerms(query: string): string[] {
  return parseQuery(query).terms
}

/**
 * Find in chat runs SQLite's LIKE, which ignores the case of ASCII letters only (É is not é there), so
 * only those are folded here. Folding keeps the length, so offsets in the folded text are the text's.
 */
export function foldCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
}

/** Every occurrence of every term in `text`, in order; occurrences that overlap are one. */
export function findInText(text: string, terms: readonly string[]): Span[] {
  const haystack = foldCase(text)
  const spans: Span[] = []
  for (const term of terms) {
    const needle = foldCase(term)
    if (needle === '') continue
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      spans.push({ start: at, end: at + needle.length })
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: Span[] = []
  for (const span of spans) {
    const last = merged.at(-1)
    // Two marks side by side stay two (walruswalrus is two finds); only overlapping ones are joined.
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end)
    else merged.push({ ...span })
  }
  return merged
}

/** One text node's text, and whether a block (a paragraph, a list item, a line break) starts before it. */
export interface TextPiece {
  text: string
  breakBefore: boolean
}

export interface PiecePoint {
  piece: number
  offset: number
}

export interface PieceSpan {
  start: PiecePoint
  end: PiecePoint
}

/**
 * Occurrences in text split over nodes: a word whose letters are in several nodes (a code token
 * coloured in parts, a word half bold) is found across them, but never across a block's edge, where the
 * reader sees a new line (and the message's source has one).
 */
export function findInPieces(pieces: readonly TextPiece[], terms: readonly string[]): PieceSpan[] {
  const found: PieceSpan[] = []
  let first = 0
  while (first < pieces.length) {
    let last = first + 1
    while (last < pieces.length && !pieces[last]?.breakBefore) last++
    const run = pieces.slice(first, last)
    const starts: number[] = []
    let length = 0
    for (const piece of run) {
      starts.push(length)
      length += piece.text.length
    }
    for (const span of findInText(run.map((piece) => piece.text).join(''), terms)) {
      found.push({
        start: locate(starts, run, span.start, false, first),
        end: locate(starts, run, span.end, true, first),
      })
    }
    first = last
  }
  return found
}

/**
 * Where an offset of a run's joined text falls. A start is put in the piece whose first character it is,
 * an end at the close of the piece holding the last character, so a mark does not reach into a
 * neighbouring node it does not cover.
 */
function locate(
  starts: readonly number[],
  run: readonly TextPiece[],
  offset: number,
  isEnd: boolean,
  base: number,
): PiecePoint {
  for (let i = 0; i < run.length; i++) {
    const start = starts[i] ?? 0
    const end = start + (run[i]?.text.length ?? 0)
    if (isEnd ? offset > start && offset <= end : offset >= start && offset < end) {
      return { piece: base + i, offset: offset - start }
    }
  }
  // Not reached for a span inside the run's text.
  const lastPiece = run.length - 1
  return { piece: base + lastPiece, offset: run[lastPiece]?.text.length ?? 0 }
}
