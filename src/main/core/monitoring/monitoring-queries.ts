// Monitoring's reads: figures per model and per hour or day, and the request log. Plain functions over
// a connection, so they run the same on the monitoring worker (its own read-only connection) and, where
// no worker can start, on the main one. Only type imports: the worker loads this file as it is.
import type {
  ModelStats,
  MonitoringBucket,
  MonitoringRange,
  MonitoringReport,
  RequestLogFilter,
  RequestLogRow,
} from '../../../shared/types'
import type { Db } from '../store/database'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
export const RANGE_MS: Record<MonitoringRange, number> = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
}
const BUCKET_MS: Record<MonitoringRange, number> = { '24h': HOUR_MS, '7d': DAY_MS, '30d': DAY_MS }
const LOG_LIMIT = 100
const LOG_LIMIT_MAX = 500

/** Errors are failures the person saw; a stop is the person's choice, not a failure. */
const FAILED = `(status IN ('error', 'interrupted'))`

type ModelFigures = Omit<ModelStats, 'breaker'>

/**
 * The rank of the value at percentile `p` among `n` sorted values (nearest rank), in integer arithmetic
 * (SQLite's ceil() is not always built in).
 */
const rankAt = (p: number) => `max(1, (n * ${p} + 99) / 100)`

export function monitoringReport(
  db: Db,
  range: MonitoringRange,
  now: number,
): MonitoringReport<ModelFigures> {
  const bucketMs = BUCKET_MS[range]
  // Buckets line up with whole hours or days (UTC), so the newest holds what happened in it so far.
  const to = now
  const from = Math.floor((now - RANGE_MS[range]) / bucketMs) * bucketMs + bucketMs
  const window = { from, to }

  const models = db
    .prepare<typeof window, Omit<ModelFigures, 'p50FirstTokenMs' | 'p95FirstTokenMs' | 'p50TokensPerSecond'>>(
      `SELECT provider_id AS providerId, max(provider_name) AS providerName, model,
         count(*) AS requests, sum(${FAILED}) AS errors,
         coalesce(sum(coalesce(tokens_in, 0) + coalesce(tokens_out, 0)), 0) AS tokens,
         coalesce(sum(cost), 0) AS cost, sum(cache_hit) AS cacheHits
       FROM traces WHERE started_at >= @from AND started_at <= @to
       GROUP BY provider_id, model ORDER BY requests DESC`,
    )
    .all(window)

  // Percentiles by rank within each model; a cached answer's speed says nothing of the model's.
  const percentiles = db
    .prepare<
      typeof window,
      {
        providerId: string | null
        model: string | null
        p50: number | null
        p95: number | null
        tps: number | null
      }
    >(
      `WITH ttft AS (
         SELECT provider_id, model, first_token_ms AS v,
           row_number() OVER (PARTITION BY provider_id, model ORDER BY first_token_ms) AS rn,
           count(*) OVER (PARTITION BY provider_id, model) AS n
         FROM traces WHERE started_at >= @from AND started_at <= @to AND first_token_ms IS NOT NULL AND cache_hit = 0
       ), speed AS (
         SELECT provider_id, model, tokens_per_second AS v,
           row_number() OVER (PARTITION BY provider_id, model ORDER BY tokens_per_second) AS rn,
           count(*) OVER (PARTITION BY provider_id, model) AS n
         FROM traces WHERE started_at >= @from AND started_at <= @to AND tokens_per_second IS NOT NULL AND cache_hit = 0
       ), first AS (
         SELECT provider_id, model,
           max(CASE WHEN rn = ${rankAt(50)} THEN v END) AS p50,
           max(CASE WHEN rn = ${rankAt(95)} THEN v END) AS p95
         FROM ttft GROUP BY provider_id, model
       ), fast AS (
         SELECT provider_id, model, max(CASE WHEN rn = ${rankAt(50)} THEN v END) AS tps
         FROM speed GROUP BY provider_id, model
       )
       SELECT f.provider_id AS providerId, f.model AS model, f.p50 AS p50, f.p95 AS p95, s.tps AS tps
       FROM first f LEFT JOIN fast s ON s.provider_id IS f.provider_id AND s.model IS f.model`,
    )
    .all(window)
  const key = (providerId: string | null, model: string | null) => `${providerId ?? ''}\u0000${model ?? ''}`
  const byModel = new Map(percentiles.map((row) => [key(row.providerId, row.model), row]))

  const buckets = db
    .prepare<typeof window & { bucketMs: number }, MonitoringBucket>(
      `WITH t AS (
         SELECT status, first_token_ms, duration_ms, tokens_in, tokens_out, cost, cache_hit,
           -- Numbers arrive as REAL: cast, so the division is a whole number of buckets.
           CAST(@from AS INTEGER) + CAST((started_at - @from) / @bucketMs AS INTEGER) * CAST(@bucketMs AS INTEGER) AS bucket
         FROM traces
         WHERE started_at >= @from AND started_at <= @to
       ), ranked AS (
         SELECT bucket, first_token_ms AS v,
           row_number() OVER (PARTITION BY bucket ORDER BY first_token_ms) AS rn,
           count(*) OVER (PARTITION BY bucket) AS n
         FROM t WHERE first_token_ms IS NOT NULL AND cache_hit = 0
       ), timed AS (
         SELECT bucket, duration_ms AS v,
           row_number() OVER (PARTITION BY bucket ORDER BY duration_ms) AS rn,
           count(*) OVER (PARTITION BY bucket) AS n
         FROM t WHERE cache_hit = 0
       ), agg AS (
         SELECT bucket, count(*) AS requests, sum(${FAILED}) AS errors,
           coalesce(sum(coalesce(tokens_in, 0) + coalesce(tokens_out, 0)), 0) AS tokens,
           coalesce(sum(cost), 0) AS cost
         FROM t GROUP BY bucket
       ), first AS (
         SELECT bucket, max(CASE WHEN rn = ${rankAt(50)} THEN v END) AS p FROM ranked GROUP BY bucket
       ), total AS (
         SELECT bucket, max(CASE WHEN rn = ${rankAt(50)} THEN v END) AS p FROM timed GROUP BY bucket
       )
       SELECT a.bucket AS start, a.requests, a.errors, a.tokens, a.cost,
         f.p AS p50FirstTokenMs, d.p AS p50DurationMs
       FROM agg a LEFT JOIN first f ON f.bucket = a.bucket LEFT JOIN total d ON d.bucket = a.bucket
       ORDER BY a.bucket`,
    )
    .all({ ...window, bucketMs })

  const stats = models.map((row) => {
    const ranks = byModel.get(key(row.providerId, row.model))
    return {
      ...row,
      p50FirstTokenMs: ranks?.p50 ?? null,
      p95FirstTokenMs: ranks?.p95 ?? null,
      p50TokensPerSecond: ranks?.tps ?? null,
    }
  })
  const totals = stats.reduce(
    (sum, row) => ({
      requests: sum.requests + row.requests,
      errors: sum.errors + row.errors,
      tokens: sum.tokens + row.tokens,
      cost: sum.cost + row.cost,
      cacheHits: sum.cacheHits + row.cacheHits,
    }),
    { requests: 0, errors: 0, tokens: 0, cost: 0, cacheHits: 0 },
  )
  return {
    range,
    from,
    to,
    bucketMs,
    totals,
    models: stats,
    buckets: fillBuckets(buckets, from, to, bucketMs),
  }
}

/** Every hour or day of the range, the quiet ones as zeros, so a chart's gaps are real gaps in use. */
function fillBuckets(
  found: MonitoringBucket[],
  from: number,
  to: number,
  bucketMs: number,
): MonitoringBucket[] {
  const byStart = new Map(found.map((bucket) => [bucket.start, bucket]))
  const all: MonitoringBucket[] = []
  for (let start = from; start <= to; start += bucketMs)
    all.push(
      byStart.get(start) ?? {
        start,
        requests: 0,
        errors: 0,
        tokens: 0,
        cost: 0,
        p50FirstTokenMs: null,
        p50DurationMs: null,
      },
    )
  return all
}

interface LogRow {
  id: string
  chat_id: string | null
  message_id: string | null
  purpose: 'answer' | 'title'
  provider_id: string | null
  provider_name: string | null
  model: string | null
  status: RequestLogRow['status']
  error_kind: string | null
  finish_reason: string | null
  started_at: number
  queue_ms: number | null
  first_token_ms: number | null
  duration_ms: number
  tokens_in: number | null
  tokens_out: number | null
  tokens_estimated: 0 | 1
  tokens_per_second: number | null
  cost: number | null
  cache_hit: 0 | 1
  chat_title: string | null
  attempt_count: number
}

/** The newest requests first, filtered; page with `before` (the last row's start). */
export function requestLog(db: Db, filter: RequestLogFilter, now: number): RequestLogRow[] {
  const conditions = ['t.started_at >= @from', 't.started_at < @before']
  const params: Record<string, string | number> = {
    from: now - RANGE_MS[filter.range],
    before: filter.before ?? now + 1,
    limit: Math.min(Math.max(1, filter.limit ?? LOG_LIMIT), LOG_LIMIT_MAX),
  }
  if (filter.providerId !== undefined) {
    conditions.push('t.provider_id = @providerId')
    params.providerId = filter.providerId
  }
  if (filter.model !== undefined) {
    conditions.push('t.model = @model')
    params.model = filter.model
  }
  if (filter.status !== undefined) {
    conditions.push('t.status = @status')
    params.status = filter.status
  }
  if (filter.chatId !== undefined) {
    conditions.push('t.chat_id = @chatId')
    params.chatId = filter.chatId
  }
  const rows = db
    .prepare<typeof params, LogRow>(
      `SELECT t.*, c.title AS chat_title,
         (SELECT count(*) FROM trace_attempts a WHERE a.trace_id = t.id) AS attempt_count
       FROM traces t LEFT JOIN chats c ON c.id = t.chat_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY t.started_at DESC, t.rowid DESC LIMIT @limit`,
    )
    .all(params)
  return rows.map((row) => ({
    id: row.id,
    chatId: row.chat_id,
    messageId: row.message_id,
    purpose: row.purpose,
    providerId: row.provider_id,
    providerName: row.provider_name,
    model: row.model,
    status: row.status,
    errorKind: row.error_kind,
    finishReason: row.finish_reason,
    startedAt: row.started_at,
    queueMs: row.queue_ms,
    firstTokenMs: row.first_token_ms,
    durationMs: row.duration_ms,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    tokensEstimated: row.tokens_estimated === 1,
    tokensPerSecond: row.tokens_per_second,
    cost: row.cost,
    cacheHit: row.cache_hit === 1,
    chatTitle: row.chat_title,
    attemptCount: row.attempt_count,
  }))
}
