// What the page reports on `window.__result` once every stream has finished (times in ms, heap in bytes).

export type Mode = 'ours' | 'baseline'

export interface PageResult {
  mode: Mode
  /** Who read the streams and made the batches: a worker standing in for the main process, or the page. */
  feed: 'worker' | 'page'
  columns: number
  /** Long tasks (all over 50 ms, by definition) from the first request to the last frame. */
  longTasks: number
  longTaskMaxMs: number
  longTaskTotalMs: number
  /** requestAnimationFrame gaps from the first byte until every stream has finished and painted. */
  frames: number
  frameGapP50Ms: number
  frameGapP95Ms: number
  frameGapMaxMs: number
  /** The same gaps with nothing going on, just before the run: what this browser's frame rate is. */
  idleFrameGapP95Ms: number
  /** From the first request to the last frame. */
  totalMs: number
  /** From the first byte of any stream to the last frame. */
  streamingMs: number
  /** performance.memory.usedJSHeapSize at the end, as it is and after a forced GC (null without gc()). */
  heapBytes: number
  heapAfterGcBytes: number | null
  /** SSE content deltas received, summed over the columns. */
  tokens: number
  /** Characters shown at the end, summed over the columns (checked against what was streamed). */
  chars: number
  /** `ours`: batches handed to the store; `baseline`: React commits of the columns. */
  updates: number
  /**
   * The most streams being read at the same moment (first byte to end). Below the column count when
   * the page is too busy to read the others: their bytes wait in the network buffers meanwhile.
   */
  streamsAtOnce: number
  /** Calls that reached the stubbed api module (must be 0). */
  apiCalls: string[]
}
