// Token counts for the context window, asked of the reads worker and remembered by message: a long
// chat's messages are counted once, and each send after that counts only what is new.
import type { Encoding } from './encodings'

export interface CountItem {
  /** A stable name for the text (a stored message, a summary); null: counted afresh each time. */
  key: string | null
  text: string
}

export type CountTexts = (encoding: Encoding, texts: readonly string[]) => Promise<number[]>

/** Counted from the newest back in blocks of this many, until the room is full. */
const BLOCK = 64
const REMEMBERED = 100_000

export class TokenCounter {
  // Insertion order is the eviction order: a hit moves its entry to the end.
  private readonly known = new Map<string, number>()

  constructor(private readonly countTexts: CountTexts) {}

  async count(encoding: Encoding, items: readonly CountItem[]): Promise<number[]> {
    const counts: number[] = new Array(items.length).fill(0)
    const missing: number[] = []
    items.forEach((item, index) => {
      const key = this.keyOf(encoding, item)
      const known = key === null ? undefined : this.known.get(key)
      if (known === undefined) missing.push(index)
      else {
        this.remember(key as string, known)
        counts[index] = known
      }
    })
    if (missing.length > 0) {
      const counted = await this.countTexts(
        encoding,
        missing.map((index) => (items[index] as CountItem).text),
      )
      missing.forEach((index, at) => {
        const tokens = counted[at] ?? 0
        counts[index] = tokens
        const key = this.keyOf(encoding, items[index] as CountItem)
        if (key !== null) this.remember(key, tokens)
      })
    }
    return counts
  }

  /**
   * The newest items' counts, counted back from the end until they pass `enough` tokens; older ones are
   * null (they could not fit). `enough` of Infinity counts everything.
   */
  async countNewest(
    encoding: Encoding,
    items: readonly CountItem[],
    enough: number,
  ): Promise<(number | null)[]> {
    const counts: (number | null)[] = new Array(items.length).fill(null)
    let total = 0
    let end = items.length
    while (end > 0 && total <= enough) {
      const start = Math.max(0, end - BLOCK)
      const block = await this.count(encoding, items.slice(start, end))
      block.forEach((tokens, at) => {
        counts[start + at] = tokens
        total += tokens
      })
      end = start
    }
    return counts
  }

  private keyOf(encoding: Encoding, item: CountItem): string | null {
    // The length too: an answer continued after it was counted has grown.
    return item.key === null ? null : `${encoding} ${item.key} ${item.text.length}`
  }

  private remember(key: string, tokens: number): void {
    this.known.delete(key)
    this.known.set(key, tokens)
    if (this.known.size > REMEMBERED) {
      const oldest = this.known.keys().next().value
      if (oldest !== undefined) this.known.delete(oldest)
    }
  }
}
