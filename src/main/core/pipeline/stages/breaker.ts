// Fails at once, without touching the network or waiting in a queue, for a model whose breaker is open;
// otherwise lets the request through (with its retries) and tells the breaker how it ended. Only the provider's failures count against it:
// not a wrong key, a bad request, a missing model, a quota, nor a Stop.

import { wording } from '../../../../shared/wording'
import { ProviderError, type ProviderErrorKind } from '../../providers/provider-error'
import type { BreakerBoard } from '../breaker-board'
import type { Stage } from '../events'
import { durationWording } from '../policy'

const PROVIDER_FAILURES: ReadonlySet<ProviderErrorKind> = new Set([
  'server',
  'unreachable',
  'timeout',
  'rate-limited',
  'truncated',
  'malformed',
])

export function breakerStage(board: BreakerBoard, now: () => number = Date.now): Stage {
  return async function* breaker(request, next) {
    const target = request.target
    if (!target) throw new Error('the breaker stage needs a target')
    const key = { providerId: target.providerId, model: target.model }
    const admission = board.admit(key)
    if (!admission.ok) {
      if (admission.retryAt === null)
        throw new ProviderError('paused', wording('pausedProbing', { model: target.model }))
      const wait = Math.max(1_000, admission.retryAt - now())
      throw new ProviderError(
        'paused',
        wording('paused', { model: target.model, wait: durationWording(wait) }),
        { retryAfterMs: wait },
      )
    }
    let outcome: 'success' | 'failure' | 'neutral' = 'neutral'
    try {
      for await (const event of next(request)) {
        yield event
        if (event.type === 'finish') outcome = 'success'
      }
    } catch (error) {
      outcome =
        error instanceof ProviderError && PROVIDER_FAILURES.has(error.kind) && !request.signal.aborted
          ? 'failure'
          : 'neutral'
      throw error
    } finally {
      board.record(key, outcome, admission.probe)
    }
  }
}
