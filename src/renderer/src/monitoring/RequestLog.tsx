import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ModelStats, MonitoringRange, RequestLogRow, Trace } from '../../../shared/types'
import { api } from '../api'
import { useErrorText } from '../i18n/error-text'
import { useFormat } from '../i18n/format'
import { useChatStore } from '../store'
import { formatCost, formatMs, formatTokens, formatWhen, statusWord } from './format'
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
  const { t } = useTranslation(['monitoring', 'common', 'chat'])
  const f = useFormat()
  const errorText = useErrorText()
  const chats = useChatStore((state) => state.chats)
  const [model, setModel] = useState('')
  const [status, setStatus] = useState<Trace['status'] | ''>('')
  const [chatId, setChatId] = useState('')
  const [rows, setRows] = useState<RequestLogRow[] | null>(null)
  const [more, setMore] = useState(false)
  // The error itself, worded at render time: in the language shown even after a switch.
  const [problem, setProblem] = useState<{ error: unknown } | null>(null)
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
      (error: unknown) => current && setProblem({ error }),
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
      setProblem({ error })
    }
  }

  const filtered = model !== '' || status !== '' || chatId !== ''
  return (
    <section className="request-log" aria-labelledby="request-log-title">
      <h3 id="request-log-title">{t('log.title')}</h3>
      <div className="request-log-filters">
        <label>
          {t('log.model')}
          <select value={model} onChange={(event) => setModel(event.target.value)}>
            <option value="">{t('log.allModels')}</option>
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
          {t('log.status')}
          <select value={status} onChange={(event) => setStatus(event.target.value as Trace['status'] | '')}>
            <option value="">{t('log.anyStatus')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusWord(value, f)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('log.chat')}
          <select value={chatId} onChange={(event) => setChatId(event.target.value)}>
            <option value="">{t('log.allChats')}</option>
            {chats.map((chat) => (
              <option key={chat.id} value={chat.id}>
                {chat.title || t('chat:app.newChat')}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem && <p className="field-error">{errorText(problem.error)}</p>}
      {rows === null ? (
        <p role="status">{t('common:loading')}</p>
      ) : rows.length === 0 ? (
        <p className="monitoring-empty">{filtered ? t('log.noMatch') : t('log.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="request-table">
            <thead>
              <tr>
                <th scope="col">{t('log.when')}</th>
                <th scope="col">{t('log.model')}</th>
                <th scope="col">{t('log.chat')}</th>
                <th scope="col">{t('log.status')}</th>
                <th scope="col">{t('log.firstToken')}</th>
                <th scope="col">{t('log.total')}</th>
                <th scope="col">{t('log.tokens')}</th>
                <th scope="col">{t('log.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={`status-${row.status}`}>
                  <td>
                    <button type="button" className="link" onClick={() => setOpen(row.id)}>
                      {formatWhen(row.startedAt, f)}
                    </button>
                  </td>
                  <td>
                    {row.model ?? '—'}
                    {row.cacheHit && <span className="badge">{t('log.cached')}</span>}
                  </td>
                  <td className="request-chat">
                    {row.purpose === 'title' ? t('log.titleFor') : ''}
                    <bdi>{row.chatTitle === null ? '—' : row.chatTitle || t('chat:app.newChat')}</bdi>
                  </td>
                  <td>
                    {statusWord(row.status, f)}
                    {row.attemptCount > 1 ? t('log.attempts', { count: row.attemptCount }) : ''}
                  </td>
                  <td>{formatMs(row.firstTokenMs, f)}</td>
                  <td>{formatMs(row.durationMs, f)}</td>
                  <td>{formatTokens((row.tokensIn ?? 0) + (row.tokensOut ?? 0), row.tokensEstimated, f)}</td>
                  <td>{formatCost(row.cost, f)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" className="secondary" onClick={() => void loadMore()}>
          {t('log.showOlder')}
        </button>
      )}
      {open && <TraceDialog which={{ traceId: open }} onClose={() => setOpen(null)} />}
    </section>
  )
}
