// Find in chat's marks on the words themselves. The main process says which messages hold the text;
// this marks where, in the messages that are in the page, with the CSS Custom Highlight API: ranges
// over the text React drew, so nothing is added to (or fights over) the Markdown's nodes.
import { parseQuery } from '../../../shared/search-query'

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

// ---- Marking: the page ----

const MATCH = 'find-match'
const CURRENT = 'find-current'
const LIST = '.message-list'
const MESSAGE = '[data-message-id]'
/** What a message says (its text or its Markdown): not its author, badges, buttons or reasoning. */
const BODY = '.message-text, .markdown'
/** Inside a body, text that is not what the message says or is never drawn. */
const SKIP = 'button, select, textarea, svg, .katex-mathml'
/** Frames the conversation's scroll must hold still (the list landing on a message) before revealing. */
const STILL_FRAMES = 5
const REVEAL_WITHIN_MS = 2_000
/** Room kept between a revealed mark and the edge of what scrolls (px). */
const EDGE_PX = 24

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function'
}

export interface FindMarks {
  terms: readonly string[]
  /** The messages the main process found: only these are marked, so the marks agree with the count. */
  messageIds: ReadonlySet<string>
  /** The message Enter went to: its first occurrence is the current one. */
  currentId: string | null
}

/**
 * Keeps the marks on the messages in the page while a find is open. The list is virtualized and answers
 * stream, so the messages under `scope` are watched, and those that changed are read again once per
 * frame; the others keep the ranges they had.
 */
export class FindHighlighter {
  private marks: FindMarks = { terms: [], messageIds: new Set(), currentId: null }
  private readonly ranges = new Map<Element, Range[]>()
  private readonly dirty = new Set<Element>()
  private everything = true
  /** Messages left the page: their ranges go. */
  private removed = false
  private repaint = false
  private frame = 0
  private reveal: { id: string; until: number; top: number | null; still: number } | null = null
  private readonly observer: MutationObserver

  constructor(private readonly scope: Element) {
    this.observer = new MutationObserver((records) => this.changed(records))
    this.observer.observe(scope, { childList: true, subtree: true, characterData: true })
  }

  set(marks: FindMarks): void {
    const before = this.marks
    this.marks = marks
    // Another current message only repaints; other words or messages are read again.
    if (before.messageIds === marks.messageIds && sameTerms(before.terms, marks.terms)) this.repaint = true
    else this.everything = true
    this.schedule()
  }

  /** Scrolls the current occurrence into view once the list has landed on its message (a tall one may not show it). */
  revealWhenShown(messageId: string): void {
    this.reveal = { id: messageId, until: performance.now() + REVEAL_WITHIN_MS, top: null, still: 0 }
    this.schedule()
  }

  dispose(): void {
    this.observer.disconnect()
    if (this.frame) cancelAnimationFrame(this.frame)
    this.frame = 0
    this.ranges.clear()
    this.dirty.clear()
    CSS.highlights.delete(MATCH)
    CSS.highlights.delete(CURRENT)
  }

  private changed(records: MutationRecord[]): void {
    if (this.marks.terms.length === 0 || this.everything) return
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement
      const message = target?.closest(MESSAGE)
      if (message) {
        this.dirty.add(message)
        continue
      }
      if (record.removedNodes.length > 0) this.removed = true
      // Slots the list mounted as it scrolled, a column that appeared.
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue
        if (node.matches(MESSAGE)) this.dirty.add(node)
        for (const inner of node.querySelectorAll(MESSAGE)) this.dirty.add(inner)
      }
    }
    if (this.dirty.size > 0 || this.removed) this.schedule()
  }

  private schedule(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.onFrame())
  }

  private onFrame(): void {
    this.frame = 0
    this.refresh()
    if (this.reveal) this.revealStep()
  }

  private refresh(): void {
    if (!this.everything && !this.removed && this.dirty.size === 0) {
      if (this.repaint) this.paint()
      this.repaint = false
      return
    }
    this.repaint = false
    const { terms, messageIds } = this.marks
    if (this.everything) {
      this.ranges.clear()
      if (terms.length > 0)
        for (const message of this.scope.querySelectorAll(`${LIST} ${MESSAGE}`)) this.dirty.add(message)
    }
    this.everything = false
    this.removed = false
    for (const message of this.ranges.keys()) if (!message.isConnected) this.ranges.delete(message)
    for (const message of this.dirty) {
      const id = message.getAttribute('data-message-id')
      if (!message.isConnected || !id || !messageIds.has(id) || !message.closest(LIST)) {
        this.ranges.delete(message)
        continue
      }
      const found = rangesIn(message, terms)
      if (found.length > 0) this.ranges.set(message, found)
      else this.ranges.delete(message)
    }
    this.dirty.clear()
    this.paint()
  }

  private paint(): void {
    const others = new Highlight()
    let current: Range | null = null
    for (const [message, found] of this.ranges) {
      const isCurrent = current === null && message.getAttribute('data-message-id') === this.marks.currentId
      for (const [i, range] of found.entries()) {
        if (isCurrent && i === 0) current = range
        else others.add(range)
      }
    }
    if (others.size > 0) CSS.highlights.set(MATCH, others)
    else CSS.highlights.delete(MATCH)
    if (current) {
      const highlight = new Highlight(current)
      // Drawn over the others wherever they could meet.
      highlight.priority = 1
      CSS.highlights.set(CURRENT, highlight)
    } else CSS.highlights.delete(CURRENT)
  }

  /**
   * Waits for the message and for the list's scroll to hold still (the list moves to the message over a
   * few frames and measures it on the way), then brings the occurrence into view if it is not.
   */
  private revealStep(): void {
    const reveal = this.reveal
    if (!reveal) return
    if (performance.now() > reveal.until) {
      this.reveal = null
      return
    }
    const list = this.scope.querySelector(LIST)
    const top = list?.scrollTop ?? 0
    const range = this.firstRangeOf(reveal.id)
    if (range && top === reveal.top) reveal.still++
    else reveal.still = 0
    reveal.top = top
    if (range && reveal.still >= STILL_FRAMES) {
      this.reveal = null
      bringIntoView(range, this.scope)
      return
    }
    this.schedule()
  }

  private firstRangeOf(messageId: string): Range | null {
    for (const [message, found] of this.ranges) {
      if (message.getAttribute('data-message-id') === messageId) return found[0] ?? null
    }
    return null
  }
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((term, i) => term === b[i])
}

function rangesIn(message: Element, terms: readonly string[]): Range[] {
  const ranges: Range[] = []
  for (const body of message.querySelectorAll(BODY)) {
    // A body inside another is read with it.
    const outer = body.parentElement?.closest(BODY)
    if (outer && message.contains(outer)) continue
    const nodes: Text[] = []
    const pieces: TextPiece[] = []
    let block: Element | null = null
    let lineBreak = false
    const inline = new Map<Element, boolean>()
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => {
        if (node instanceof Text) return NodeFilter.FILTER_ACCEPT
        const element = node as Element
        if (element.matches(SKIP)) return NodeFilter.FILTER_REJECT
        return element.tagName === 'BR' ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP
      },
    })
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node instanceof Text)) {
        lineBreak = true
        continue
      }
      const own = blockOf(node, body, inline)
      pieces.push({ text: node.data, breakBefore: lineBreak || own !== block })
      nodes.push(node)
      block = own
      lineBreak = false
    }
    for (const span of findInPieces(pieces, terms)) {
      const start = nodes[span.start.piece]
      const end = nodes[span.end.piece]
      if (!start || !end) continue
      const range = document.createRange()
      range.setStart(start, span.start.offset)
      range.setEnd(end, span.end.offset)
      ranges.push(range)
    }
  }
  return ranges
}

/**
 * The box a text node's line belongs to: its nearest ancestor that is not laid out inline. Read from the
 * computed style, not the tag: a code block's lines are spans shown as blocks, with no newline between.
 */
function blockOf(node: Text, body: Element, inline: Map<Element, boolean>): Element {
  let element = node.parentElement
  while (element && element !== body && isInline(element, inline)) element = element.parentElement
  return element ?? body
}

function isInline(element: Element, known: Map<Element, boolean>): boolean {
  let inline = known.get(element)
  if (inline === undefined) {
    const display = getComputedStyle(element).display
    inline = display.startsWith('inline') || display === 'contents' || display.startsWith('ruby')
    known.set(element, inline)
  }
  return inline
}

/**
 * Scrolls each box that holds the range (a code block sideways, a column, the conversation), innermost
 * first, just enough to centre it where it is out of view; a range already in view moves nothing.
 */
function bringIntoView(range: Range, scope: Element): void {
  for (let box = range.startContainer.parentElement; box && scope.contains(box); box = box.parentElement) {
    const where = range.getBoundingClientRect()
    // Not drawn (a hidden tab's column): there is nothing to show.
    if (where.width === 0 && where.height === 0) return
    const style = getComputedStyle(box)
    const frame = box.getBoundingClientRect()
    if (scrolls(style.overflowY) && box.scrollHeight > box.clientHeight) {
      if (where.top < frame.top + EDGE_PX || where.bottom > frame.bottom - EDGE_PX) {
        box.scrollTop += where.top - frame.top - (box.clientHeight - where.height) / 2
      }
    }
    if (scrolls(style.overflowX) && box.scrollWidth > box.clientWidth) {
      if (where.left < frame.left + EDGE_PX || where.right > frame.right - EDGE_PX) {
        box.scrollLeft += where.left - frame.left - (box.clientWidth - where.width) / 2
      }
    }
  }
}

function scrolls(overflow: string): boolean {
  return overflow === 'auto' || overflow === 'scroll'
}
