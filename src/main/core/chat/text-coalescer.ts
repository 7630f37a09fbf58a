// Gathers streamed text and hands it on at most once per interval. Used twice with different rhythms:
// to the renderer about once per frame (leading edge, so the first token shows at once), and to SQLite
// a few times a second (so a killed process loses only the last fraction of a second).
export interface CoalescerOptions {
  intervalMs: number
  /** Deliver the first text immediately when nothing was delivered within the last interval. */
  leading: boolean
  now?: () => number
}

export class TextCoalescer {
  private pending = ''
  private timer: NodeJS.Timeout | null = null
  private lastDelivery = Number.NEGATIVE_INFINITY
  private readonly now: () => number

  constructor(
    private readonly deliver: (text: string) => void,
    private readonly options: CoalescerOptions,
  ) {
    this.now = options.now ?? performance.now.bind(performance)
  }

  push(text: string): void {
    if (text.length === 0) return
    this.pending += text
    if (this.timer) return
    const wait = this.options.leading
      ? Math.max(0, this.lastDelivery + this.options.intervalMs - this.now())
      : this.options.intervalMs
    if (wait === 0) this.flush()
    else this.timer = setTimeout(() => this.flush(), wait)
  }

  /** Delivers whatever is pending now and returns it (also what was not yet delivered on close). */
  flush(): string {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const text = this.pending
    this.pending = ''
    if (text.length > 0) {
      this.lastDelivery = this.now()
      this.deliver(text)
    }
    return text
  }

  /** The text waiting to be delivered, left where it is. */
  peek(): string {
    return this.pending
  }

  /** Stops the timer and returns the pending text without delivering it. */
  take(): string {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const text = this.pending
    this.pending = ''
    return text
  }
}
