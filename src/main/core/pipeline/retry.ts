// Retries a provider stream only until its first event arrives: after that the person has seen text,
// and a silent second attempt would duplicate or contradict it. Honours Retry-After. Also owns the
// stream's timeouts (to the first event, and between events), so the SDK's and undici's are not the
// ones that fire.
import { ProviderError } from '../providers/provider-error'
import type { StreamEvent } from '../providers/types'

export interface RetryPolicy {
  /** Attempts in all, including the first. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this is not waited out: the person is told instead. */
  maxRetryAfterMs: number
  /** No first event within this long counts as a timeout (and is retried like one). Reasoning models can think for minutes. */
  firstEventTimeoutMs: number
  /** Silence this long between events, once the answer has started, ends it as interrupted. */
  idleTimeoutMs: number
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 20_000,
  firstEventTimeoutMs: 300_000,
  idleTimeoutMs: 300_000,
}

export interface AttemptReport {
  attempt: number
  error: ProviderError
  /** Null when no further attempt follows. */
  retryInMs: number | null
}

export async function* retryBeforeFirstEvent(
  open: (signal: AbortSignal) => AsyncIterable<StreamEvent>,
  signal: AbortSignal,
  policy: RetryPolicy,
  onFailedAttempt: (report: AttemptReport) => void = () => {},
  random: () => number = Math.random,
): AsyncGenerator<StreamEvent> {
  for (let attempt = 1; ; attempt++) {
    const attemptController = new AbortController()
    const forwardAbort = () => attemptController.abort(signal.reason)
    signal.addEventListener('abort', forwardAbort, { once: true })
    const iterator = open(attemptController.signal)[Symbol.asyncIterator]()
    let first: IteratorResult<StreamEvent>
    try {
      first = await withTimeout(
        iterator.next(),
        policy.firstEventTimeoutMs,
        attemptController,
        () => new ProviderError('timeout', `No answer within ${seconds(policy.firstEventTimeoutMs)}.`),
      )
    } catch (error) {
      signal.removeEventListener('abort', forwardAbort)
      const failure = asProviderError(error, signal)
      const delay = failure.kind === 'aborted' ? null : nextDelay(failure, attempt, policy, random)
      onFailedAttempt({ attempt, error: failure, retryInMs: delay })
      if (delay === null) throw failure
      await sleep(delay, signal)
      continue
    }
    // One timer for the whole stream, pushed back by every event: cheaper than one per chunk.
    let idle = false
    const idleTimer = setTimeout(() => {
      idle = true
      attemptController.abort()
    }, policy.idleTimeoutMs)
    try {
      if (first.done) return
      yield first.value
      while (true) {
        idleTimer.refresh()
        let next: IteratorResult<StreamEvent>
        try {
          next = await iterator.next()
        } catch (error) {
          if (idle)
            throw new ProviderError(
              'timeout',
              `The provider went silent for ${seconds(policy.idleTimeoutMs)} mid-answer.`,
            )
          throw error
        }
        if (idle)
          throw new ProviderError(
            'timeout',
            `The provider went silent for ${seconds(policy.idleTimeoutMs)} mid-answer.`,
          )
        if (next.done) return
        yield next.value
      }
    } finally {
      clearTimeout(idleTimer)
      signal.removeEventListener('abort', forwardAbort)
      // Closes the underlying HTTP stream when the consumer stops early.
      attemptController.abort()
    }
  }
}

function nextDelay(
  error: ProviderError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number | null {
  if (!error.retryable || attempt >= policy.maxAttempts) return null
  if (error.retryAfterMs !== null)
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : null
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  // Full jitter keeps many clients from retrying in lockstep.
  return Math.round(exponential * (0.5 + random() / 2))
}

function asProviderError(error: unknown, signal: AbortSignal): ProviderError {
  if (signal.aborted) return new ProviderError('aborted', 'The request was stopped.')
  if (error instanceof ProviderError) return error
  return new ProviderError('unreachable', 'The request failed before the provider answered.')
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`
}

async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  controller: AbortController,
  timeoutError: () => ProviderError,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(timeoutError())
    }, ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ProviderError('aborted', 'The request was stopped.'))
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(new ProviderError('aborted', 'The request was stopped.'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
