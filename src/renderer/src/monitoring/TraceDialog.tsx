import { useEffect, useState } from 'react'
import type { ContextUse } from '../../../shared/context'
import type { Trace } from '../../../shared/types'
import { api } from '../api'
import { Modal } from '../components/Modal'
import { formatCost, formatMs, formatSpeed, formatTokens, formatWhen, STATUS_WORDS } from './format'
import { RouteExplanation } from './RouteExplanation'

/** What one request did: its model and route, each attempt and the wait before the next, the queue, cache. */
export function TraceDialog({
  which,
  onClose,
}: {
  which: { messageId: string } | { traceId: string }
  onClose: () => void
}) {
  const [trace, setTrace] = useState<Trace | null | undefined>(undefined)
  const [problem, setProblem] = useState<string | null>(null)
  const key = 'messageId' in which ? which.messageId : which.traceId
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the request asked for
  useEffect(() => {
    let current = true
    api.getTrace(which).then(
      (found) => current && setTrace(found),
      (error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)),
    )
    return () => {
      current = false
    }
  }, [key])

  return (
    <Modal title="Request details" className="trace-dialog" onClose={onClose}>
      {problem ? (
        <p className="field-error">{problem}</p>
      ) : trace === undefined ? (
        <p role="status">Loading…</p>
      ) : trace === null ? (
        <p>No details were recorded for this answer (it was written before Roundtable kept them).</p>
      ) : (
        <TraceFacts trace={trace} />
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  )
}

function TraceFacts({ trace }: { trace: Trace }) {
  const estimated = trace.tokensEstimated
  const facts: [string, string][] = [
    ['Model', trace.model ?? '—'],
    ['Provider', trace.providerName ?? '—'],
    ['Route', trace.route ? `Auto (${trace.route.profileName})` : 'The chat’s own model'],
    [
      'Status',
      `${STATUS_WORDS[trace.status] ?? trace.status}${trace.errorKind ? ` (${trace.errorKind})` : ''}`,
    ],
    ['Started', formatWhen(trace.startedAt)],
    ['Queue wait', trace.queueMs === null ? 'None' : formatMs(trace.queueMs)],
    ['Time to first token', formatMs(trace.firstTokenMs)],
    ['Total time', formatMs(trace.durationMs)],
    ['Tokens in', formatTokens(trace.tokensIn, estimated)],
    ['Tokens out', formatTokens(trace.tokensOut, estimated)],
    ['Speed', formatSpeed(trace.tokensPerSecond)],
    ['Cost', trace.cost === null ? 'Unknown (the model has no prices in Settings)' : formatCost(trace.cost)],
    ...(trace.context ? ([['Context', contextWords(trace.context)]] as [string, string][]) : []),
    ['Cache', trace.cacheHit ? 'Answered from the cache (nothing was sent)' : 'Not from the cache'],
    ['Finish', trace.finishReason ?? '—'],
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
      {estimated && (
        <p className="settings-hint">
          ~ The provider gave no token counts: they are estimated from the text.
        </p>
      )}
      {trace.route && <RouteExplanation route={trace.route} />}
      <h3>Attempts</h3>
      {trace.attempts.length === 0 ? (
        <p className="settings-hint">
          No request reached the provider{trace.cacheHit ? ': the cache answered.' : '.'}
        </p>
      ) : (
        <table className="trace-attempts">
          <thead>
            <tr>
              <th scope="col">Attempt</th>
              <th scope="col">Started</th>
              <th scope="col">Outcome</th>
              <th scope="col">Then waited</th>
            </tr>
          </thead>
          <tbody>
            {trace.attempts.map((attempt) => (
              <tr key={attempt.attempt}>
                <td>{attempt.attempt}</td>
                <td>+{formatMs(attempt.startedMs)}</td>
                <td>
                  {attempt.status === 'ok' ? 'Answered' : (attempt.error ?? attempt.errorKind ?? 'Failed')}
                </td>
                <td>{attempt.retryInMs === null ? '—' : formatMs(attempt.retryInMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

/** What the answer was sent of its chat, in a line: the messages, the tokens against the window, the summary. */
function contextWords(use: ContextUse): string {
  const tokens =
    use.window === null
      ? `about ${use.inputTokens.toLocaleString('en')} tokens (window not known)`
      : `about ${use.inputTokens.toLocaleString('en')} of ${use.window.toLocaleString('en')} tokens`
  const messages = `${use.sent.toLocaleString('en')} ${use.sent === 1 ? 'message' : 'messages'}`
  const rest =
    use.leftOut === 0
      ? ''
      : use.summary
        ? `; ${use.leftOut.toLocaleString('en')} earlier ones summarized`
        : `; ${use.leftOut.toLocaleString('en')} earlier ones left out (${use.strategy === 'window' ? 'Sliding window' : 'not summarized'})`
  return `${messages}, ${tokens}${rest}`
}
