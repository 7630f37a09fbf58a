// Turns the fake provider's filler words into markdown as they stream, deterministically: the fake only
// writes sentences with a **bold** word now and then, while real answers mix headings, lists, code,
// quotes and tables. Blocks change every WORDS_PER_BLOCK words. Pure (no DOM, no Node), so the page and
// run.ts (which sizes the answer) wrap exactly the same way.

const WORDS_PER_BLOCK = 40
const KINDS = ['paragraph', 'heading', 'list', 'code', 'paragraph', 'table', 'ordered', 'quote'] as const
type Kind = (typeof KINDS)[number]

function kindAt(word: number): Kind {
  return KINDS[Math.floor(word / WORDS_PER_BLOCK) % KINDS.length] ?? 'paragraph'
}

function open(kind: Kind): string {
  switch (kind) {
    case 'heading':
      return '### '
    case 'list':
      return '- '
    case 'ordered':
      return '1. '
    case 'code':
      return '```ts\n'
    case 'quote':
      return '> '
    case 'table':
      return '| Name | Value |\n| --- | --- |\n| '
    case 'paragraph':
      return ''
  }
}

function close(kind: Kind): string {
  return kind === 'code' ? '\n```\n\n' : '\n\n'
}

/** What goes before word `word` (0-based) inside its block, `pos` words into it. */
function within(kind: Kind, pos: number): string {
  switch (kind) {
    case 'heading':
      return pos === 6 ? '\n\n' : ' '
    case 'list':
      return pos % 8 === 0 ? '\n- ' : ' '
    case 'ordered':
      return pos % 8 === 0 ? '\n1. ' : ' '
    case 'code':
      return pos % 8 === 0 ? '\n  ' : ' '
    case 'quote':
      return pos === 20 ? '\n>\n> ' : ' '
    case 'table':
      return pos % 2 === 0 ? ' |\n| ' : ' | '
    case 'paragraph':
      return ' '
  }
}

/** Whatever goes before the start of word `word` (0-based). */
function separator(word: number): string {
  const kind = kindAt(word)
  if (word === 0) return open(kind)
  const pos = word % WORDS_PER_BLOCK
  if (pos === 0) return close(kindAt(word - 1)) + open(kind)
  return within(kind, pos)
}

/**
 * Stateful, one per stream: `push` each delta as it arrives and send on what it returns; `finish`
 * at the end of the stream closes an open code fence. The fake's own whitespace is replaced.
 */
export class MarkdownWrapper {
  private words = 0
  private inWord = false

  push(delta: string): string {
    const core = delta.trimEnd()
    let out = ''
    if (core.length > 0) {
      if (!this.inWord) {
        out += separator(this.words)
        this.words++
        this.inWord = true
      }
      out += core
    }
    if (core.length < delta.length) this.inWord = false
    return out
  }

  finish(): string {
    return this.words > 0 && kindAt(this.words - 1) === 'code' ? '\n```' : ''
  }
}
