// Collects finished traces and writes them in a batch a moment later, off the stream's path: a
// stream never waits on a trace, and a trace that cannot be written is logged, never the answer's
// failure.
import type { Trace } from '../../../shared/types'
import { log } from '../log/log'
import type { TraceStore } from './trace-store'

/** How long finished traces wait to be written together. */
const FLUSH_AFTER_MS = 250
/** Beyond this many waiting (a disk that refuses every write), the oldest are dropped. */
const MAX_WAITING = 5_000

export class TraceRecorder {
  private waiting: Trace[] = []
  private timer: ReturnType<typeof setTimeout> | null = null
  private listeners = new Set<(traces: readonly Trace[]) => void>()

  constructor(
    private readonly store: TraceStore,
    private readonly report: (problem: string, error: unknown) => void = (problem, error) =>
      log.error(problem, error),
  ) {}

  add(trace: Trace): void {
    this.waiting.push(trace)
    if (this.waiting.length > MAX_WAITING) this.waiting.splice(0, this.waiting.length - MAX_WAITING)
    this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS)
    this.timer.unref?.()
  }

  /** Writes what waits now (at shutdown, in tests). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.waiting.length === 0) return
    const batch = this.waiting
    this.waiting = []
    try {
      this.store.write(batch)
    } catch (error) {
      // Kept for the next try: a full disk may have room later.
      this.waiting = [...batch, ...this.waiting].slice(-MAX_WAITING)
      this.report('could not write traces (will try again):', error)
      this.timer = setTimeout(() => this.flush(), FLUSH_AFTER_MS * 20)
      this.timer.unref?.()
      return
    }
    for (const listener of this.listeners) listener(batch)
  }

  /** Called with each batch once it is on disk (Monitoring refreshes). */
  onWritten(listener: (traces: readonly Trace[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A trace not yet written, for an answer's details asked for at once. */
  pending(messageId: string): Trace | null {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const trace = this.waiting[i]
      if (trace?.messageId === messageId) return trace
    }
    return null
  }
}
