// Monitoring: how the models did over the last day, week or month, from the traces on this computer.
import { useEffect, useState } from 'react'
import type { MonitoringRange, MonitoringReport } from '../../../shared/types'
import { api } from '../api'
import { BarChart } from './BarChart'
import { formatCompact, formatCost, formatMs, formatRate, formatSpeed, formatTokens } from './format'
import { RequestLog } from './RequestLog'
import './monitoring.css'

const RANGES: { value: MonitoringRange; label: string }[] = [
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
]
/** While the page is open its figures follow new requests. */
const REFRESH_MS = 15_000

const BREAKER_WORDS = { closed: 'Working', open: 'Paused', 'half-open': 'Being tried again' } as const

export function MonitoringPage() {
  const [range, setRange] = useState<MonitoringRange>('24h')
  const [report, setReport] = useState<MonitoringReport | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [refreshed, setRefreshed] = useState(0)

  useEffect(() => {
    const timer = setInterval(() => {
      if (!document.hidden) setRefreshed((n) => n + 1)
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: a refresh asks again
  useEffect(() => {
    let current = true
    api.getMonitoring({ range }).then(
      (found) => {
        if (!current) return
        setReport(found)
        setProblem(null)
      },
      (error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)),
    )
    return () => {
      current = false
    }
  }, [range, refreshed])

  return (
    <section className="monitoring" aria-labelledby="monitoring-title">
      <header className="monitoring-header">
        <h2 id="monitoring-title">Monitoring</h2>
        <fieldset className="segmented range-picker">
          <legend className="visually-hidden">Period</legend>
          {RANGES.map((option) => (
            <label key={option.value} className={range === option.value ? 'selected' : undefined}>
              <input
                type="radio"
                name="monitoring-range"
                value={option.value}
                checked={range === option.value}
                onChange={() => setRange(option.value)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        <button type="button" className="secondary" onClick={() => setRefreshed((n) => n + 1)}>
          Refresh
        </button>
      </header>
      {problem && <p className="field-error">Monitoring could not be loaded: {problem}</p>}
      {report === null ? !problem && <p role="status">Loading…</p> : <Figures report={report} />}
      <RequestLog range={range} models={report?.models ?? []} refreshed={refreshed} />
    </section>
  )
}

function Figures({ report }: { report: MonitoringReport }) {
  const { totals, buckets, bucketMs } = report
  if (totals.requests === 0)
    return (
      <p className="monitoring-empty">
        Nothing to show for this period yet. Each answer records its timing, tokens and cost here, on this
        computer only; ask something and come back.
      </p>
    )
  const rows = (pick: (bucket: (typeof buckets)[number]) => (number | null)[]) =>
    buckets.map((bucket) => ({ start: bucket.start, values: pick(bucket) }))
  return (
    <>
      <dl className="monitoring-totals">
        <div>
          <dt>Requests</dt>
          <dd>{totals.requests.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Error rate</dt>
          <dd>{formatRate(totals.errors, totals.requests)}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>{formatCompact(totals.tokens)}</dd>
        </div>
        <div>
          <dt>Spend</dt>
          <dd>{formatCost(totals.cost)}</dd>
        </div>
        <div>
          <dt>From the cache</dt>
          <dd>{formatRate(totals.cacheHits, totals.requests)}</dd>
        </div>
      </dl>
      <div className="monitoring-charts">
        <BarChart
          title="Requests"
          rows={rows((b) => [b.requests - b.errors, b.errors])}
          series={[
            { label: 'Answered', className: 'bar-ok' },
            { label: 'Failed', className: 'bar-error' },
          ]}
          bucketMs={bucketMs}
          format={(value) => formatCompact(value)}
          emptyText="No requests in this period."
        />
        <BarChart
          title="Time to first token (median)"
          rows={rows((b) => [b.p50FirstTokenMs])}
          series={[{ label: 'Median', className: 'bar-time' }]}
          bucketMs={bucketMs}
          format={(value) => formatMs(value)}
          emptyText="No answer reached its first token in this period."
        />
        <BarChart
          title="Total time (median)"
          rows={rows((b) => [b.p50DurationMs])}
          series={[{ label: 'Median', className: 'bar-time' }]}
          bucketMs={bucketMs}
          format={(value) => formatMs(value)}
          emptyText="No timings in this period."
        />
        <BarChart
          title="Tokens"
          rows={rows((b) => [b.tokens])}
          series={[{ label: 'Tokens', className: 'bar-tokens' }]}
          bucketMs={bucketMs}
          format={(value) => formatCompact(value)}
          emptyText="No tokens counted in this period."
        />
        <BarChart
          title="Spend"
          rows={rows((b) => [b.cost])}
          series={[{ label: 'Spend', className: 'bar-cost' }]}
          bucketMs={bucketMs}
          format={(value) => formatCost(value)}
          emptyText="No spend recorded: the models used cost nothing, or have no prices in Settings (each model's Edit)."
        />
      </div>
      <h3>By model</h3>
      <div className="table-scroll">
        <table className="model-stats">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Requests</th>
              <th scope="col">Error rate</th>
              <th scope="col">First token p50</th>
              <th scope="col">First token p95</th>
              <th scope="col">Speed p50</th>
              <th scope="col">Tokens</th>
              <th scope="col">Spend</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {report.models.map((row) => (
              <tr key={`${row.providerId} ${row.model}`}>
                <th scope="row">
                  {row.model ?? 'No model chosen'}
                  <span className="model-stats-provider">{row.providerName ?? ''}</span>
                </th>
                <td>{row.requests.toLocaleString('en')}</td>
                <td>{formatRate(row.errors, row.requests)}</td>
                <td>{formatMs(row.p50FirstTokenMs)}</td>
                <td>{formatMs(row.p95FirstTokenMs)}</td>
                <td>{formatSpeed(row.p50TokensPerSecond)}</td>
                <td>{formatTokens(row.tokens)}</td>
                <td>{formatCost(row.cost)}</td>
                <td className={`breaker-${row.breaker}`}>{BREAKER_WORDS[row.breaker]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
