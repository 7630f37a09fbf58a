// Streamed text reaches the page in batches, several a frame when many answers stream at once. Drawing
// each as it comes would let them take the whole frame; instead they wait for the next frame, and each
// frame draws answers (oldest waiting first) only until its budget is spent. The rest wait one more
// frame, their batches merged, so every frame is painted and no answer falls behind for long.
import type { StreamBatch } from '../../shared/types'

export interface FrameQueueOptions {
  /** Applies every batch waiting for one answer, in order, and draws the result. */
  apply(messageId: string, batches: StreamBatch[]): void
  /** How much of a frame drawing may take, in ms. */
  budgetMs: number
  requestFrame(callback: () => void): void
  now(): number
}

export interface FrameQueue {
  add(batch: StreamBatch): void
  /** Batches waiting, for every answer together. */
  readonly waiting: number
}

export function createFrameQueue(options: FrameQueueOptions): FrameQueue {
  // Insertion order is the order answers started waiting: the ones skipped go first next frame.
  const pending = new Map<string, StreamBatch[]>()
  let scheduled = false

  const schedule = () => {
    if (scheduled) return
    scheduled = true
    options.requestFrame(drawFrame)
  }

  const drawFrame = () => {
    scheduled = false
    const started = options.now()
    try {
      for (const [messageId, batches] of pending) {
        pending.delete(messageId)
        options.apply(messageId, batches)
        if (options.now() - started >= options.budgetMs) break
      }
    } finally {
      // One answer failing to draw must not leave the others waiting for a frame nobody asks for.
      if (pending.size > 0) schedule()
    }
  }

  return {
    add(batch) {
      const waiting = pending.get(batch.messageId)
      if (waiting) waiting.push(batch)
      else pending.set(batch.messageId, [batch])
      schedule()
    },
    get waiting() {
      let count = 0
      for (const batches of pending.values()) count += batches.length
      return count
    },
  }
}
