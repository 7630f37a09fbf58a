import { describe, expect, it, vi } from 'vitest'
import { ProviderError } from '../providers/provider-error'
import type { StreamEvent } from '../providers/types'
import { type AttemptReport, type RetryPolicy, retryBeforeFirstEvent } from './retry'

const policy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 5,
  maxRetryAfterMs: 50,
  firstEventTimeoutMs: 200,
  idleTimeoutMs: 200,
}

const delta = (text: string): StreamEvent => ({ type: 'delta', text })
const done: StreamEvent = { type: 'done', finishReason: 'stop', usage: null }

async function collect(source: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = []
  for await (const event of source) out.push(event)
  return out
}

/** Drains the stream, returning what arrived before it failed and the error it failed with. */
async function collectUntilError(
  source: AsyncIterable<StreamEvent>,
): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = []
  try {
    for await (const event of source) events.push(event)
  } catch (error) {
    return { events, error }
  }
  throw new Error('expected the stream to fail')
}

/** A provider whose attempts fail with the given errors in turn, then answer. */
function failingThen(errors: ProviderError[], answer: StreamEvent[]) {
  let attempt = 0
  return vi.fn(async function* (_signal: AbortSignal): AsyncGenerator<StreamEvent> {
    const error = errors[attempt++]
    if (error) throw error
    yield* answer
  })
}

/** A provider that never sends anything; it ends (with an AbortError) only when its signal aborts. */
function silent() {
  const signals: AbortSignal[] = []
  const open = vi.fn(async function* (signal: AbortSignal): AsyncGenerator<StreamEvent> {
    signals.push(signal)
    await new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), {
        once: true,
      })
    })
    yield delta('never')
  })
  return { open, signals }
}

describe('retryBeforeFirstEvent', () => {
  it('passes every event through when the first attempt succeeds', async () => {
    const open = failingThen([], [delta('a'), delta('b'), done])
    const reports: AttemptReport[] = []
    const events = await collect(
      retryBeforeFirstEvent(open, new AbortController().signal, policy, (r) => reports.push(r)),
    )
    expect(events).toEqual([delta('a'), delta('b'), done])
    expect(open).toHaveBeenCalledTimes(1)
    expect(reports).toEqual([])
  })

  it('retries a retryable failure until the provider answers', async () => {
    const first = new ProviderError('server', 'Down (503).')
    const second = new ProviderError('server', 'Still down (502).')
    const open = failingThen([first, second], [delta('Hi'), delta(' there'), done])
    const onFailedAttempt = vi.fn()
    const events = await collect(
      retryBeforeFirstEvent(open, new AbortController().signal, policy, onFailedAttempt, () => 0.5),
    )
    expect(events).toEqual([delta('Hi'), delta(' there'), done])
    expect(open).toHaveBeenCalledTimes(3)
    expect(onFailedAttempt).toHaveBeenCalledTimes(2)
    const reports = onFailedAttempt.mock.calls.map(([report]) => report as AttemptReport)
    expect(reports.map((r) => r.attempt)).toEqual([1, 2])
    expect(reports.map((r) => r.error)).toEqual([first, second])
    // Exponential from 1 ms, with the jitter fixed at 0.75 of it: round(0.75), round(1.5).
    expect(reports.map((r) => r.retryInMs)).toEqual([1, 2])
  })

  it('keeps the backoff within maxDelayMs', async () => {
    const errors = Array.from({ length: 5 }, () => new ProviderError('unreachable', 'No route.'))
    const open = failingThen(errors, [done])
    const reports: AttemptReport[] = []
    const wide = { ...policy, maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 5 }
    await collect(
      retryBeforeFirstEvent(
        open,
        new AbortController().signal,
        wide,
        (r) => reports.push(r),
        () => 1,
      ),
    )
    expect(reports.map((r) => r.retryInMs)).toEqual([2, 4, 5, 5, 5])
  })

  it('gives up after maxAttempts and throws the last failure', async () => {
    const errors = [1, 2, 3, 4].map((n) => new ProviderError('timeout', `Attempt ${n} timed out.`))
    const open = failingThen(errors, [done])
    const reports: AttemptReport[] = []
    const { error } = await collectUntilError(
      retryBeforeFirstEvent(open, new AbortController().signal, policy, (r) => reports.push(r)),
    )
    expect(error).toBe(errors[2])
    expect(open).toHaveBeenCalledTimes(3)
    expect(reports.map((r) => r.retryInMs === null)).toEqual([false, false, true])
  })

  it('throws a failure that is not retryable at once', async () => {
    const auth = new ProviderError('auth', 'The key was rejected (401).')
    const open = failingThen([auth], [done])
    const onFailedAttempt = vi.fn()
    const { events, error } = await collectUntilError(
      retryBeforeFirstEvent(open, new AbortController().signal, policy, onFailedAttempt),
    )
    expect(events).toEqual([])
    expect(error).toBe(auth)
    expect(open).toHaveBeenCalledTimes(1)
    expect(onFailedAttempt).toHaveBeenCalledTimes(1)
    expect(onFailedAttempt).toHaveBeenCalledWith({ attempt: 1, error: auth, retryInMs: null })
  })

  it('does not retry a failure after the first event', async () => {
    const cut = new ProviderError('truncated', 'The answer was cut off.')
    const retryableCut = new ProviderError('server', 'Mid-answer failure.')
    for (const failure of [cut, retryableCut]) {
      const open = vi.fn(async function* (_signal: AbortSignal): AsyncGenerator<StreamEvent> {
        yield delta('Partial')
        throw failure
      })
      const onFailedAttempt = vi.fn()
      const { events, error } = await collectUntilError(
        retryBeforeFirstEvent(open, new AbortController().signal, policy, onFailedAttempt),
      )
      expect(events).toEqual([delta('Partial')])
      expect(error).toBe(failure)
      expect(open).toHaveBeenCalledTimes(1)
      expect(onFailedAttempt).not.toHaveBeenCalled()
    }
  })

  it('waits exactly Retry-After when it is short enough', async () => {
    const limited = new ProviderError('rate-limited', 'Slow down (429).', { retryAfterMs: 20 })
    const open = failingThen([limited], [delta('ok'), done])
    const reports: AttemptReport[] = []
    const events = await collect(
      retryBeforeFirstEvent(open, new AbortController().signal, policy, (r) => reports.push(r)),
    )
    expect(events).toEqual([delta('ok'), done])
    expect(reports).toHaveLength(1)
    expect(reports[0]?.retryInMs).toBe(20)
  })

  it('does not wait out a Retry-After longer than maxRetryAfterMs', async () => {
    const limited = new ProviderError('rate-limited', 'Slow down (429).', { retryAfterMs: 51 })
    const open = failingThen([limited], [delta('ok'), done])
    const reports: AttemptReport[] = []
    const { error } = await collectUntilError(
      retryBeforeFirstEvent(open, new AbortController().signal, policy, (r) => reports.push(r)),
    )
    expect(error).toBe(limited)
    expect(open).toHaveBeenCalledTimes(1)
    expect(reports).toEqual([{ attempt: 1, error: limited, retryInMs: null }])
  })

  it('stops waiting as soon as the caller aborts during the backoff', async () => {
    // A backoff of minutes: if the abort did not cut the sleep short, the test would time out.
    const slow = { ...policy, baseDelayMs: 600_000, maxDelayMs: 600_000 }
    const controller = new AbortController()
    const open = failingThen([new ProviderError('server', 'Down.')], [done])
    const onFailedAttempt = vi.fn((_report: AttemptReport) => {
      setTimeout(() => controller.abort(), 0)
    })
    const { error } = await collectUntilError(
      retryBeforeFirstEvent(open, controller.signal, slow, onFailedAttempt, () => 0.5),
    )
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).kind).toBe('aborted')
    expect(onFailedAttempt.mock.calls[0]?.[0].retryInMs).toBe(450_000)
    expect(open).toHaveBeenCalledTimes(1)
  })

  it('reports an abort before the first event as aborted and does not retry it', async () => {
    const controller = new AbortController()
    const { open, signals } = silent()
    const onFailedAttempt = vi.fn()
    const stream = retryBeforeFirstEvent(open, controller.signal, policy, onFailedAttempt)
    const pending = collectUntilError(stream)
    await vi.waitFor(() => expect(signals).toHaveLength(1))
    controller.abort()
    const { error } = await pending
    expect((error as ProviderError).kind).toBe('aborted')
    expect(signals[0]?.aborted).toBe(true)
    expect(open).toHaveBeenCalledTimes(1)
    expect(onFailedAttempt).toHaveBeenCalledWith(expect.objectContaining({ retryInMs: null }))
  })

  it('times out a provider that never sends anything, retrying up to maxAttempts', async () => {
    const { open, signals } = silent()
    const reports: AttemptReport[] = []
    const { events, error } = await collectUntilError(
      retryBeforeFirstEvent(open, new AbortController().signal, policy, (r) => reports.push(r)),
    )
    expect(events).toEqual([])
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).kind).toBe('timeout')
    expect(open).toHaveBeenCalledTimes(3)
    expect(reports.map((r) => r.error.kind)).toEqual(['timeout', 'timeout', 'timeout'])
    expect(reports.map((r) => r.retryInMs === null)).toEqual([false, false, true])
    // Each timed-out attempt had its request aborted.
    expect(signals.map((s) => s.aborted)).toEqual([true, true, true])
  })

  it('times out even a provider that ignores its abort signal', async () => {
    const open = vi.fn(async function* (_signal: AbortSignal): AsyncGenerator<StreamEvent> {
      await new Promise<never>(() => {})
      yield done
    })
    const { error } = await collectUntilError(
      retryBeforeFirstEvent(open, new AbortController().signal, { ...policy, maxAttempts: 1 }),
    )
    expect((error as ProviderError).kind).toBe('timeout')
    expect(open).toHaveBeenCalledTimes(1)
  })

  it('aborts the attempt when the consumer stops reading early', async () => {
    const signals: AbortSignal[] = []
    const open = vi.fn(async function* (signal: AbortSignal): AsyncGenerator<StreamEvent> {
      signals.push(signal)
      yield delta('one')
      yield delta('two')
      yield done
    })
    for await (const event of retryBeforeFirstEvent(open, new AbortController().signal, policy)) {
      expect(event).toEqual(delta('one'))
      break
    }
    expect(signals).toHaveLength(1)
    expect(signals[0]?.aborted).toBe(true)
  })

  it('ends quietly when the provider ends without any event', async () => {
    const open = vi.fn(async function* (_signal: AbortSignal): AsyncGenerator<StreamEvent> {})
    expect(await collect(retryBeforeFirstEvent(open, new AbortController().signal, policy))).toEqual([])
    expect(open).toHaveBeenCalledTimes(1)
  })

  it('turns an unknown failure into a retryable unreachable error', async () => {
    const open = failingThen([new TypeError('fetch failed') as unknown as ProviderError], [delta('ok'), done])
    const reports: AttemptReport[] = []
    const events = await collect(
      retryBeforeFirstEvent(open, new AbortController().signal, policy, (r) => reports.push(r)),
    )
    expect(events).toEqual([delta('ok'), done])
    expect(reports[0]?.error.kind).toBe('unreachable')
    expect(reports[0]?.error.message).not.toContain('fetch failed')
  })
})
