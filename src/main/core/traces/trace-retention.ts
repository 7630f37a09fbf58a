// Old traces go in the background: once shortly after start, then every few hours, in small batches
// so no single delete holds the writer for long.

import { log } from '../log/log'
import type { Db } from '../store/database'
import { startOf } from './local-day'

const DAY_MS = 86_400_000
const FIRST_AFTER_MS = 30_000
const EVERY_MS = 6 * 3_600_000
const BATCH = 5_000

/** Deletes traces older than `retentionDays`, a batch at a time; returns how many went. */
export function pruneTraces(db: Db, retentionDays: number, now = Date.now()): number {
  const before = now - retentionDays * DAY_MS
  const batch = db.prepare(
    `DELETE FROM traces WHERE rowid IN (SELECT rowid FROM traces WHERE started_at < ? LIMIT ${BATCH})`,
  )
  let total = 0
  for (;;) {
    const { changes } = batch.run(before)
    total += changes
    if (changes < BATCH) break
  }
  // Whole periods only: an hour or a day partly kept stays in the figures until all of it is gone.
  // Hours are only read for the last 24 hours: kept two days.
  const hoursBefore = Math.max(before, now - 2 * DAY_MS)
  for (const span of ['hour', 'day'] as const) {
    const first = startOf(span, span === 'hour' ? hoursBefore : before)
    db.prepare('DELETE FROM trace_rollups WHERE span = ? AND start < ?').run(span, first)
    db.prepare('DELETE FROM trace_rollup_bins WHERE span = ? AND start < ?').run(span, first)
  }
  return total
}

/** Starts the background pruning; the returned function stops it. */
export function keepTracesPruned(
  db: Db,
  retentionDays: () => number,
  report: (problem: string, error: unknown) => void = (problem, error) => log.error(problem, error),
): () => void {
  const run = () => {
    try {
      pruneTraces(db, retentionDays())
    } catch (error) {
      report('could not prune old traces:', error)
    }
  }
  const first = setTimeout(run, FIRST_AFTER_MS)
  const every = setInterval(run, EVERY_MS)
  first.unref?.()
  every.unref?.()
  return () => {
    clearTimeout(first)
    clearInterval(every)
  }
}
