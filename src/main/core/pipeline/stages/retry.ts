// Retries a failed attempt, but only before the first token: after that the person has seen text, and
// a silent second attempt would duplicate or contradict it. Which failures are worth another try is the
// error's to say (ProviderError.retryable); how long to wait is this stage's: the provider's
// Retry-After when it gave one (up to a cap: past it the person is told when to come back), else
// exponential backoff with full jitter.

import { type Wording, wording } from '../../../../shared/wording'
import { ProviderError, stopped } from '../../providers/provider-error'
import { isContent, type Stage } from '../events'
import { backoffMs, durationWording, type RequestPolicy } from '../policy'

export interface RetryClock {
  now(): number
  sleep(ms: number, signal: AbortSignal): Promise<void>
  random(): number
}

export const realClock: RetryClock = {
  now: () => performance.now(),
  sleep: abortableSleep,
  random: Math.random,
}

export function retryStage(policy: () => RequestPolicy, clock: RetryClock = realClock): Stage {
  return async function* retry(request, next) {
    const rules = policy()
    const started = clock.now()
    for (let attempt = 1; ; attempt++) {
      yield { type: 'attempt', phase: 'started', attempt, of: rules.maxAttempts }
      let sawContent = false
      try {
        for await (const event of next(request)) {
          if (!sawContent && isContent(event)) {
            sawContent = true
            yield { type: 'first-token', afterMs: clock.now() - started }
          }
          yield event
        }
        return
      } catch (error) {
        const failure = asProviderError(error, request.signal)
        if (failure.kind === 'aborted') throw failure
        const decision = sawContent
          ? { retryInMs: null, error: failure }
          : decide(failure, attempt, rules, clock)
        yield {
          type: 'attempt',
          phase: 'failed',
          attempt,
          of: rules.maxAttempts,
          errorKind: decision.error.kind,
          message: decision.error.message,
          retryInMs: decision.retryInMs,
        }
        if (decision.retryInMs === null) throw decision.error
        await clock.sleep(decision.retryInMs, request.signal)
      }
    }
  }
}

function decide(
  error: ProviderError,
  attempt: number,
  policy: RequestPolicy,
  clock: RetryClock,
): { retryInMs: number | null; error: ProviderError } {
  if (!error.retryable || attempt >= policy.maxAttempts) return { retryInMs: null, error }
  if (error.retryAfterMs === null) return { retryInMs: backoffMs(attempt, policy, clock.random), error }
  if (error.retryAfterMs <= policy.maxRetryAfterMs) return { retryInMs: error.retryAfterMs, error }
  // Waiting that long in silence would look like a hang: say when to come back instead.
  const at = new Date(Date.now() + error.retryAfterMs)
  const clockTime = at.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' })
  // The failure's own words without its "Try again…", which the wait replaces.
  const reason = { ...error.wording, params: { ...error.wording.params, when: '' } } as Wording
  const said = wording('askedToWait', { reason, wait: durationWording(error.retryAfterMs), time: clockTime })
  return {
    retryInMs: null,
    error: new ProviderError(error.kind, said, {
      status: error.status,
      retryAfterMs: error.retryAfterMs,
      shouldRetry: false,
      code: error.code,
    }),
  }
}

/** A Stop is a Stop; a provider's failure is judged; anything else is a bug, passed on to be logged. */
function asProviderError(error: unknown, signal: AbortSignal): ProviderError {
  if (signal.aborted) return stopped()
  if (error instanceof ProviderError) return error
  throw error
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(stopped())
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(stopped())
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
