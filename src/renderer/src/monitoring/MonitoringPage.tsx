// Monitoring: how the models did over the last day, week or month, from the traces on this computer.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MonitoringRange, MonitoringReport } from '../../../shared/types'
import { api } from '../api'
import { useErrorText } from '../i18n/error-text'
import { useFormat } from '../i18n/format'
import { BarChart } from './BarChart'
import { formatCompact, formatCost, formatMs, formatRate, formatSpeed, formatTokens } from './format'
import { RequestLog } from './RequestLog'
import './monitoring.css'

const RANGES: readonly MonitoringRange[] = ['24h', '7d', '30d']
/** While the page is open its figures follow new requests. */
const REFRESH_MS = 15_000

export function MonitoringPage() {
  const { t } = useTranslation(['monitoring', 'common'])
  const errorText = useErrorText()
  const [range, setRange] = useState<MonitoringRange>('24h')
  const [report, setReport] = useState<MonitoringReport | null>(null)
  // The error itself, worded at render time: in the language shown even after a switch.
  const [problem, setProblem] = useState<{ error: unknown } | null>(null)
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
      (error: unknown) => current && setProblem({ error }),
    )
    return () => {
      current = false
    }
  }, [range, refreshed])

  return (
    <section className="monitoring" aria-labelledby="monitoring-title">
      <header className="monitoring-header">
        <h2 id="monitoring-title">{t('page.title')}</h2>
        <fieldset className="segmented range-picker">
          <legend className="visually-hidden">{t('page.period')}</legend>
          {RANGES.map((option) => (
            <label key={option} className={range === option ? 'selected' : undefined}>
              <input
                type="radio"
                name="monitoring-range"
                value={option}
                checked={range === option}
                onChange={() => setRange(option)}
              />
              {t(`page.ranges.${option}`)}
            </label>
          ))}
        </fieldset>
        <button type="button" className="secondary" onClick={() => setRefreshed((n) => n + 1)}>
          {t('page.refresh')}
        </button>
      </header>
      {problem && (
        <p className="field-error">{t('page.loadFailed', { problem: errorText(problem.error) })}</p>
      )}
      {report === null ? !problem && <p role="status">{t('common:loading')}</p> : <Figures report={report} />}
      <RequestLog range={range} models={report?.models ?? []} refreshed={refreshed} />
    </section>
  )
}

function Figures({ report }: { report: MonitoringReport }) {
  const { t } = useTranslation('monitoring')
  const f = useFormat()
  const { totals, buckets, bucketMs } = report
  if (totals.requests === 0) return <p className="monitoring-empty">{t('page.empty')}</p>
  const rows = (pick: (bucket: (typeof buckets)[number]) => (number | null)[]) =>
    buckets.map((bucket) => ({ start: bucket.start, values: pick(bucket) }))
  return (
    <>
      <dl className="monitoring-totals">
        <div>
          <dt>{t('page.requests')}</dt>
          <dd>{f.number(totals.requests)}</dd>
        </div>
        <div>
          <dt>{t('page.errorRate')}</dt>
          <dd>{formatRate(totals.errors, totals.requests, f)}</dd>
        </div>
        <div>
          <dt>{t('page.tokens')}</dt>
          <dd>{formatCompact(totals.tokens, f)}</dd>
        </div>
        <div>
          <dt>{t('page.spend')}</dt>
          <dd>{formatCost(totals.cost, f)}</dd>
        </div>
        <div>
          <dt>{t('page.fromCache')}</dt>
          <dd>{formatRate(totals.cacheHits, totals.requests, f)}</dd>
        </div>
      </dl>
      <div className="monitoring-charts">
        <BarChart
          title={t('page.requests')}
          rows={rows((b) => [b.requests - b.errors, b.errors])}
          series={[
            { label: t('page.answered'), className: 'bar-ok' },
            { label: t('page.failed'), className: 'bar-error' },
          ]}
          bucketMs={bucketMs}
          format={(value) => formatCompact(value, f)}
          emptyText={t('page.noRequests')}
        />
        <BarChart
          title={t('page.firstTokenChart')}
          rows={rows((b) => [b.p50FirstTokenMs])}
          series={[{ label: t('page.median'), className: 'bar-time' }]}
          bucketMs={bucketMs}
          format={(value) => formatMs(value, f)}
          emptyText={t('page.noFirstToken')}
        />
        <BarChart
          title={t('page.totalTimeChart')}
          rows={rows((b) => [b.p50DurationMs])}
          series={[{ label: t('page.median'), className: 'bar-time' }]}
          bucketMs={bucketMs}
          format={(value) => formatMs(value, f)}
          emptyText={t('page.noTimings')}
        />
        <BarChart
          title={t('page.tokens')}
          rows={rows((b) => [b.tokens])}
          series={[{ label: t('page.tokens'), className: 'bar-tokens' }]}
          bucketMs={bucketMs}
          format={(value) => formatCompact(value, f)}
          emptyText={t('page.noTokens')}
        />
        <BarChart
          title={t('page.spend')}
          rows={rows((b) => [b.cost])}
          series={[{ label: t('page.spend'), className: 'bar-cost' }]}
          bucketMs={bucketMs}
          format={(value) => formatCost(value, f)}
          emptyText={t('page.noSpend')}
        />
      </div>
      <h3>{t('page.byModel')}</h3>
      <div className="table-scroll">
        <table className="model-stats">
          <thead>
            <tr>
              <th scope="col">{t('page.model')}</th>
              <th scope="col">{t('page.requests')}</th>
              <th scope="col">{t('page.errorRate')}</th>
              <th scope="col">{t('page.firstTokenP50')}</th>
              <th scope="col">{t('page.firstTokenP95')}</th>
              <th scope="col">{t('page.speedP50')}</th>
              <th scope="col">{t('page.tokens')}</th>
              <th scope="col">{t('page.spend')}</th>
              <th scope="col">{t('page.state')}</th>
            </tr>
          </thead>
          <tbody>
            {report.models.map((row) => (
              <tr key={`${row.providerId} ${row.model}`}>
                <th scope="row">
                  {row.model ?? t('page.noModel')}
                  <span className="model-stats-provider">{row.providerName ?? ''}</span>
                </th>
                <td>{f.number(row.requests)}</td>
                <td>{formatRate(row.errors, row.requests, f)}</td>
                <td>{formatMs(row.p50FirstTokenMs, f)}</td>
                <td>{formatMs(row.p95FirstTokenMs, f)}</td>
                <td>{formatSpeed(row.p50TokensPerSecond, f)}</td>
                <td>{formatTokens(row.tokens, false, f)}</td>
                <td>{formatCost(row.cost, f)}</td>
                <td className={`breaker-${row.breaker}`}>{t(`page.breaker.${row.breaker}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
