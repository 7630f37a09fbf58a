import { describe, expect, it } from 'vitest'
import { ProviderError } from '../../providers/provider-error'
import { DEFAULT_REQUEST_POLICY, type RequestPolicy } from '../policy'
import { answer, request, run, scripted } from '../test-kit'
import { type RetryClock, retryStage } from './retry'

/** A clock that never sleeps: it records each wait and moves its time on by it. */
function fakeClock(random = 0.5): RetryClock & { waits: number[]; time: number } {
  const clock = {
    waits: [] as number[],
    time: 0,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.waits.push(ms)
      clock.time += ms
    },
    random: () => random,
  }
  return clock
}

const policy =
  (overrides: Partial<RequestPolicy> = {}) =>
  () => ({ ...DEFAULT_REQUEST_POLICY, ...overrides })
const rateLimited = (retryAfterMs: number | null) =>
  new ProviderError('rate-limited', 'Fake is rate limiting requests (429). Try again shortly.', {
    status: 429,
    retryAfterMs,
  })

describe('retryStage', () => {
  it('waits exactly what Retry-After asks, twice, then gives the answer (fake clock, no sleeping)', async () => {
    const clock = fakeClock()
    const { next, calls } = scripted(
      { fail: rateLimited(1_000) },
      { fail: rateLimited(1_000) },
      { events: answer() },
    )
    const { events, error } = await run(retryStage(policy(), clock)(request(), next))
    expect(error).toBeNull()
    expect(calls).toHaveLength(3)
    expect(clock.waits).toEqual([1_000, 1_000])
    expect(events.filter((e) => e.type === 'attempt')).toEqual([
      { type: 'attempt', phase: 'started', attempt: 1, of: 3 },
      expect.objectContaining({ phase: 'failed', attempt: 1, errorKind: 'rate-limited', retryInMs: 1_000 }),
      { type: 'attempt', phase: 'started', attempt: 2, of: 3 },
      expect.objectContaining({ phase: 'failed', attempt: 2, retryInMs: 1_000 }),
      { type: 'attempt', phase: 'started', attempt: 3, of: 3 },
    ])
    // Time to the first token counts the waits: about two seconds.
    expect(events.find((e) => e.type === 'first-token')).toEqual({ type: 'first-token', afterMs: 2_000 })
  })

  it('backs off exponentially with full jitter when no Retry-After is given', async () => {
    const clock = fakeClock(1)
    const server = new ProviderError('server', 'Down (503).', { status: 503 })
    const { next } = scripted({ fail: server }, { fail: server }, { fail: server })
    const { error } = await run(
      retryStage(policy({ baseDelayMs: 500, maxAttempts: 3 }), clock)(request(), next),
    )
    expect(error).toBe(server)
    expect(clock.waits).toEqual([500, 1_000])
    const low = fakeClock(0)
    await run(
      retryStage(policy({ maxAttempts: 2 }), low)(
        request(),
        scripted({ fail: server }, { fail: server }).next,
      ),
    )
    expect(low.waits).toEqual([0])
  })

  it('does not wait out a Retry-After past the cap: it says when to come back instead', async () => {
    const clock = fakeClock()
    const { next, calls } = scripted({ fail: rateLimited(5 * 60_000) })
    const { error } = await run(retryStage(policy({ maxRetryAfterMs: 60_000 }), clock)(request(), next))
    expect(calls).toHaveLength(1)
    expect(clock.waits).toEqual([])
    expect((error as ProviderError).message).toMatch(
      /It asks to wait 5 min, until about .+, before trying again\./,
    )
  })

  it.each([
    ['a wrong key (401)', new ProviderError('auth', 'x', { status: 401 })],
    ['a bad request (400)', new ProviderError('bad-request', 'x', { status: 400 })],
    ['an unprocessable request (422)', new ProviderError('bad-request', 'x', { status: 422 })],
    ['a missing model (404)', new ProviderError('not-found', 'x', { status: 404 })],
    [
      'a quota reached (429 insufficient_quota)',
      new ProviderError('quota', 'x', { status: 429, code: 'insufficient_quota' }),
    ],
    [
      'a provider saying x-should-retry: false',
      new ProviderError('server', 'x', { status: 503, shouldRetry: false }),
    ],
    ['a paused model', new ProviderError('paused', 'x')],
  ])('tries %s once and explains', async (_what, failure) => {
    const { next, calls } = scripted({ fail: failure }, { events: answer() })
    const { error } = await run(retryStage(policy(), fakeClock())(request(), next))
    expect(calls).toHaveLength(1)
    expect(error).toBe(failure)
  })

  it.each([408, 409, 500, 529])('retries status %i', async (status) => {
    const failure = new ProviderError(status >= 500 ? 'server' : 'bad-request', 'x', { status })
    const { next, calls } = scripted({ fail: failure }, { events: answer() })
    const { error } = await run(retryStage(policy(), fakeClock())(request(), next))
    expect(error).toBeNull()
    expect(calls).toHaveLength(2)
  })

  it('never retries once the first token has arrived', async () => {
    const cut = new ProviderError('truncated', 'The connection closed before the answer finished.')
    const { next, calls } = scripted(
      { events: [{ type: 'connected' }, { type: 'delta', text: 'Hal' }], fail: cut },
      { events: answer() },
    )
    const { events, error } = await run(retryStage(policy(), fakeClock())(request(), next))
    expect(calls).toHaveLength(1)
    expect(error).toBe(cut)
    expect(events.filter((e) => e.type === 'delta')).toEqual([{ type: 'delta', text: 'Hal' }])
    expect(events.at(-1)).toMatchObject({ type: 'attempt', phase: 'failed', retryInMs: null })
  })

  it('stops waiting at once when the person cancels', async () => {
    const controller = new AbortController()
    const clock: RetryClock = {
      now: () => 0,
      random: () => 0.5,
      sleep: async () => {
        controller.abort()
        throw new ProviderError('aborted', 'The request was stopped.')
      },
    }
    const { next, calls } = scripted({ fail: rateLimited(1_000) }, { events: answer() })
    const { error } = await run(retryStage(policy(), clock)(request({ signal: controller.signal }), next))
    expect((error as ProviderError).kind).toBe('aborted')
    expect(calls).toHaveLength(1)
  })
})
