import type { TFunction } from 'i18next'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContextUse } from '../../../shared/context'
import type { Trace } from '../../../shared/types'
import { api } from '../api'
import { Modal } from '../components/Modal'
import { useErrorText } from '../i18n/error-text'
import { type Formatter, useFormat } from '../i18n/format'
import { formatCost, formatMs, formatSpeed, formatTokens, formatWhen, statusWord } from './format'
import { RouteExplanation } from './RouteExplanation'

/** What one request did: its model and route, each attempt and the wait before the next, the queue, cache. */
export function TraceDialog({
  which,
  onClose,
}: {
  which: { messageId: string } | { traceId: string }
  onClose: () => void
}) {
  const { t } = useTranslation(['monitoring', 'common'])
  const errorText = useErrorText()
  const [trace, setTrace] = useState<Trace | null | undefined>(undefined)
  // The error itself, worded at render time: in the language shown even after a switch.
  const [problem, setProblem] = useState<{ error: unknown } | null>(null)
  const key = 'messageId' in which ? which.messageId : which.traceId
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the request asked for
  useEffect(() => {
    let current = true
    api.getTrace(which).then(
      (found) => current && setTrace(found),
      (error: unknown) => current && setProblem({ error }),
    )
    return () => {
      current = false
    }
  }, [key])

  return (
    <Modal title={t('trace.title')} className="trace-dialog" onClose={onClose}>
      {problem ? (
        <p className="field-error">{errorText(problem.error)}</p>
      ) : trace === undefined ? (
        <p role="status">{t('common:loading')}</p>
      ) : trace === null ? (
        <p>{t('trace.noDetails')}</p>
      ) : (
        <TraceFacts trace={trace} />
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common:close')}
        </button>
      </div>
    </Modal>
  )
}

function TraceFacts({ trace }: { trace: Trace }) {
  const { t } = useTranslation('monitoring')
  const f = useFormat()
  const estimated = trace.tokensEstimated
  const status = statusWord(trace.status, f)
  const facts: [string, string][] = [
    [t('trace.model'), trace.model ?? '—'],
    [t('trace.provider'), trace.providerName ?? '—'],
    [
      t('trace.route'),
      trace.route ? t('route.auto', { name: trace.route.profileName }) : t('trace.ownModel'),
    ],
    [t('trace.status'), trace.errorKind ? t('trace.statusKind', { status, kind: trace.errorKind }) : status],
    [t('trace.started'), formatWhen(trace.startedAt, f)],
    [t('trace.queueWait'), trace.queueMs === null ? t('trace.none') : formatMs(trace.queueMs, f)],
    [t('trace.firstToken'), formatMs(trace.firstTokenMs, f)],
    [t('trace.totalTime'), formatMs(trace.durationMs, f)],
    [t('trace.tokensIn'), formatTokens(trace.tokensIn, estimated, f)],
    [t('trace.tokensOut'), formatTokens(trace.tokensOut, estimated, f)],
    [t('trace.speed'), formatSpeed(trace.tokensPerSecond, f)],
    [t('trace.cost'), trace.cost === null ? t('trace.costUnknown') : formatCost(trace.cost, f)],
    ...(trace.context
      ? ([[t('trace.context'), contextWords(trace.context, t, f)]] as [string, string][])
      : []),
    [t('trace.cache'), trace.cacheHit ? t('trace.cacheHit') : t('trace.cacheMiss')],
    [t('trace.finish'), trace.finishReason ?? '—'],
  ]
  return (
    <>
      <dl className="trace-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {estimated && <p className="settings-hint">{t('trace.estimated')}</p>}
      {trace.route && <RouteExplanation route={trace.route} />}
      <h3>{t('trace.attempts')}</h3>
      {trace.attempts.length === 0 ? (
        <p className="settings-hint">{trace.cacheHit ? t('trace.noAttemptCached') : t('trace.noAttempt')}</p>
      ) : (
        <table className="trace-attempts">
          <thead>
            <tr>
              <th scope="col">{t('trace.attempt')}</th>
              <th scope="col">{t('trace.started')}</th>
              <th scope="col">{t('trace.outcome')}</th>
              <th scope="col">{t('trace.thenWaited')}</th>
            </tr>
          </thead>
          <tbody>
            {trace.attempts.map((attempt) => (
              <tr key={attempt.attempt}>
                <td>{attempt.attempt}</td>
                <td>+{formatMs(attempt.startedMs, f)}</td>
                <td>
                  {attempt.status === 'ok'
                    ? t('trace.answered')
                    : (attempt.error ?? attempt.errorKind ?? t('trace.failed'))}
                </td>
                <td>{attempt.retryInMs === null ? '—' : formatMs(attempt.retryInMs, f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

/** What the answer was sent of its chat, in a line: the messages, the tokens against the window, the summary. */
function contextWords(use: ContextUse, t: TFunction<'monitoring'>, f: Formatter): string {
  const tokens =
    use.window === null
      ? t('trace.tokensNoWindow', { tokens: f.number(use.inputTokens) })
      : t('trace.tokensOf', { tokens: f.number(use.inputTokens), window: f.number(use.window) })
  const messages = t('trace.messages', { count: use.sent, value: f.number(use.sent) })
  const leftOut = f.number(use.leftOut)
  const rest =
    use.leftOut === 0
      ? ''
      : use.summary
        ? t('trace.summarized', { value: leftOut })
        : t('trace.leftOut', {
            value: leftOut,
            how: use.strategy === 'window' ? t('trace.slidingWindow') : t('trace.notSummarized'),
          })
  return t('trace.contextLine', { messages, tokens, rest })
}
