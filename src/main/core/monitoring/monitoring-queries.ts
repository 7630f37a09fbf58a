// Monitoring's reads: figures per model and per hour or day (from the rollups), and the request log.
// Plain functions over a connection, so they run the same on the reads worker (its own read-only
// connection) and, where no worker can start, on the main one. The worker loads this file as it is:
// explicit .ts imports of plain code, types otherwise.
import type {
  ModelStats,
  MonitoringBucket,
  MonitoringRange,
  MonitoringReport,
  RequestLogFilter,
  RequestLogRow,
} from '../../../shared/types'
import type { Db } from '../store/database'
import { percentileOfBins } from '../traces/histogram.ts'
import { lastPeriods, type Span } from '../traces/local-day.ts'
import { fromRow, type TraceRow } from '../traces/trace-row.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
export const RANGE_MS: Record<MonitoringRange, number> = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
}
/** Each range's periods: 24 local hours, or 7 or 30 local days. */
const PERIODS: Record<MonitoringRange, { span: Span; count: number; bucketMs: number }> = {
  '24h': { span: 'hour', count: 24, bucketMs: HOUR_MS },
  '7d': { span: 'day', count: 7, bucketMs: DAY_MS },
  '30d': { span: 'day', count: 30, bucketMs: DAY_MS },
}
const LOG_LIMIT = 100
const LOG_LIMIT_MAX = 500

type ModelFigures = Omit<ModelStats, 'breaker'>
type ModelCounts = Omit<ModelFigures, 'p50FirstTokenMs' | 'p95FirstTokenMs' | 'p50TokensPerSecond'>
type Bins = Map<number, number>

const key = (providerId: string | null, model: string | null) => `${providerId ?? ''}\u0000${model ?? ''}`

/**
 * The range's figures, read from the hourly or daily rollups kept as traces are written (see
 * migration 007): a few rows per period and model, however many requests there were.
 */
export function monitoringReport(
  db: Db,
  range: MonitoringRange,
  now: number,
): MonitoringReport<ModelFigures> {
  const { span, count, bucketMs } = PERIODS[range]
  const periods = lastPeriods(span, now, count)
  const from = periods[0] ?? now
  const where = { span, from }

  const models = db
    .prepare<typeof where, ModelCounts & { providerId: string; model: string }>(
      `SELECT provider_id AS providerId, max(provider_name) AS providerName, model, sum(requests) AS requests,
         sum(errors) AS errors, sum(tokens) AS tokens, sum(cost) AS cost, sum(cache_hits) AS cacheHits
       FROM trace_rollups WHERE span = @span AND start >= @from
       GROUP BY provider_id, model ORDER BY requests DESC`,
    )
    .all(where)
    // Stored as '' (a key column): a request that failed before a model was chosen has none.
    .map((row) => ({ ...row, providerId: row.providerId || null, model: row.model || null }))

  // One pass over the bins fills both the models' and the periods' histograms.
  const modelBins = new Map<string, Map<string, Bins>>()
  const periodBins = new Map<string, Map<string, Bins>>()
  const binRows = db
    .prepare<typeof where, [number, string, string, string, number, number]>(
      `SELECT start, provider_id, model, metric, bin, n FROM trace_rollup_bins WHERE span = @span AND start >= @from`,
    )
    .raw()
    .all(where)
  for (const [start, providerId, model, metric, bin, n] of binRows) {
    if (metric !== 'duration_ms')
      add(binsFor(modelBins, key(providerId || null, model || null), metric), bin, n)
    if (metric !== 'tokens_per_second') add(binsFor(periodBins, String(start), metric), bin, n)
  }

  const periodRows = db
    .prepare<typeof where, { start: number; requests: number; errors: number; tokens: number; cost: number }>(
      `SELECT start, sum(requests) AS requests, sum(errors) AS errors, sum(tokens) AS tokens, sum(cost) AS cost
       FROM trace_rollups WHERE span = @span AND start >= @from GROUP BY start`,
    )
    .all(where)
  const perPeriod = new Map(periodRows.map((row) => [row.start, row]))

  const none: Bins = new Map()
  const stats = models.map((row) => {
    const metrics = modelBins.get(key(row.providerId, row.model))
    const first = metrics?.get('first_token_ms') ?? none
    return {
      ...row,
      p50FirstTokenMs: percentileOfBins(first, 50),
      p95FirstTokenMs: percentileOfBins(first, 95),
      p50TokensPerSecond: percentileOfBins(metrics?.get('tokens_per_second') ?? none, 50),
    }
  })
  // Every period of the range, the quiet ones as zeros, so a chart's gaps are real gaps in use.
  const buckets: MonitoringBucket[] = periods.map((start) => {
    const counts = perPeriod.get(start)
    const bins = periodBins.get(String(start))
    return {
      start,
      requests: counts?.requests ?? 0,
      errors: counts?.errors ?? 0,
      tokens: counts?.tokens ?? 0,
      cost: counts?.cost ?? 0,
      p50FirstTokenMs: percentileOfBins(bins?.get('first_token_ms') ?? none, 50),
      p50DurationMs: percentileOfBins(bins?.get('duration_ms') ?? none, 50),
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
  return { range, from, to: now, bucketMs, totals, models: stats, buckets }
}

function add(bins: Bins, bin: number, n: number): void {
  bins.set(bin, (bins.get(bin) ?? 0) + n)
}

function binsFor(all: Map<string, Map<string, Bins>>, which: string, metric: string): Bins {
  let metrics = all.get(which)
  if (!metrics) {
    metrics = new Map()
    all.set(which, metrics)
  }
  let bins = metrics.get(metric)
  if (!bins) {
    bins = new Map()
    metrics.set(metric, bins)
  }
  return bins
}

type LogRow = TraceRow & { chat_title: string | null; attempt_count: number }

/** The request log's filters that match a column exactly. */
const EXACT_FILTERS = [
  ['providerId', 't.provider_id'],
  ['model', 't.model'],
  ['status', 't.status'],
  ['chatId', 't.chat_id'],
] as const satisfies readonly [keyof RequestLogFilter, string][]

/** The newest requests first, filtered; page with `before` (the last row's start). */
export function requestLog(db: Db, filter: RequestLogFilter, now: number): RequestLogRow[] {
  const conditions = ['t.started_at >= @from', 't.started_at < @before']
  const params: Record<string, string | number> = {
    from: now - RANGE_MS[filter.range],
    before: filter.before ?? now + 1,
    limit: Math.min(Math.max(1, filter.limit ?? LOG_LIMIT), LOG_LIMIT_MAX),
  }
  for (const [name, column] of EXACT_FILTERS) {
    const value = filter[name]
    if (value === undefined) continue
    conditions.push(`${column} = @${name}`)
    params[name] = value
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
  return rows.map(({ chat_title, attempt_count, ...row }) => {
    const { route: _route, ...trace } = fromRow(row)
    return { ...trace, chatTitle: chat_title, attemptCount: attempt_count }
  })
}
