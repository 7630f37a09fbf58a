import { useEffect, useState } from 'react'
import type { ModelStats, MonitoringRange, RequestLogRow, Trace } from '../../../shared/types'
import { api } from '../api'
import { useChatStore } from '../store'
import { formatCost, formatMs, formatTokens, formatWhen, STATUS_WORDS } from './format'
import { TraceDialog } from './TraceDialog'

const PAGE = 50
const STATUSES: Trace['status'][] = ['complete', 'error', 'interrupted', 'stopped']

/** Every request, newest first, filtered by model, status and chat; a row opens its details. */
export function RequestLog({
  range,
  models,
  refreshed,
}: {
  range: MonitoringRange
  models: ModelStats[]
  /** Changes when the page refreshes: the log reloads with it. */
  refreshed: number
}) {
  const chats = useChatStore((state) => state.chats)
  const [model, setModel] = useState('')
  const [status, setStatus] = useState<Trace['status'] | ''>('')
  const [chatId, setChatId] = useState('')
  const [rows, setRows] = useState<RequestLogRow[] | null>(null)
  const [more, setMore] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [open, setOpen] = useState<string | null>(null)

  const filter = () => {
    const [providerId, modelId] = model ? (JSON.parse(model) as [string, string]) : []
    return {
      range,
      limit: PAGE,
      ...(providerId && { providerId }),
      ...(modelId && { model: modelId }),
      ...(status && { status }),
      ...(chatId && { chatId }),
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters and the refresh decide the rows
  useEffect(() => {
    let current = true
    setProblem(null)
    api.listRequests(filter()).then(
      (found) => {
        if (!current) return
        setRows(found)
        setMore(found.length === PAGE)
      },
      (error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)),
    )
    return () => {
      current = false
    }
  }, [range, model, status, chatId, refreshed])

  const loadMore = async () => {
    const last = rows?.at(-1)
    if (!last) return
    try {
      const found = await api.listRequests({ ...filter(), before: last.startedAt })
      setRows([...(rows ?? []), ...found])
      setMore(found.length === PAGE)
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }

  const filtered = model !== '' || status !== '' || chatId !== ''
  return (
    <section className="request-log" aria-labelledby="request-log-title">
      <h3 id="request-log-title">Request log</h3>
      <div className="request-log-filters">
        <label>
          Model
          <select value={model} onChange={(event) => setModel(event.target.value)}>
            <option value="">All models</option>
            {models
              .filter((row) => row.providerId && row.model)
              .map((row) => (
                <option
                  key={`${row.providerId} ${row.model}`}
                  value={JSON.stringify([row.providerId, row.model])}
                >
                  {row.model} · {row.providerName}
                </option>
              ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(event) => setStatus(event.target.value as Trace['status'] | '')}>
            <option value="">Any status</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_WORDS[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Chat
          <select value={chatId} onChange={(event) => setChatId(event.target.value)}>
            <option value="">All chats</option>
            {chats.map((chat) => (
              <option key={chat.id} value={chat.id}>
                {chat.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem && <p className="field-error">{problem}</p>}
      {rows === null ? (
        <p role="status">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="monitoring-empty">
          {filtered
            ? 'No request matches these filters in this period.'
            : 'No requests in this period yet. Every answer you get (and every failed attempt) is listed here.'}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="request-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Model</th>
                <th scope="col">Chat</th>
                <th scope="col">Status</th>
                <th scope="col">First token</th>
                <th scope="col">Total</th>
                <th scope="col">Tokens</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={`status-${row.status}`}>
                  <td>
                    <button type="button" className="link" onClick={() => setOpen(row.id)}>
                      {formatWhen(row.startedAt)}
                    </button>
                  </td>
                  <td>
                    {row.model ?? '—'}
                    {row.cacheHit && <span className="badge">Cached</span>}
                  </td>
                  <td className="request-chat">
                    {row.purpose === 'title' ? 'Title for ' : ''}
                    <bdi>{row.chatTitle ?? '—'}</bdi>
                  </td>
                  <td>
                    {STATUS_WORDS[row.status] ?? row.status}
                    {row.attemptCount > 1 ? ` (${row.attemptCount} attempts)` : ''}
                  </td>
                  <td>{formatMs(row.firstTokenMs)}</td>
                  <td>{formatMs(row.durationMs)}</td>
                  <td>{formatTokens((row.tokensIn ?? 0) + (row.tokensOut ?? 0), row.tokensEstimated)}</td>
                  <td>{formatCost(row.cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" className="secondary" onClick={() => void loadMore()}>
          Show older requests
        </button>
      )}
      {open && <TraceDialog which={{ traceId: open }} onClose={() => setOpen(null)} />}
    </section>
  )
}
