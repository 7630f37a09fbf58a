import { describe, expect, it } from 'vitest'
import type { Trace } from '../../../../shared/types'
import { ProviderError } from '../../providers/provider-error'
import { request, run, scripted } from '../test-kit'
import { traceStage } from './trace'

const prices = () => ({ inputPrice: 2, outputPrice: 10 })

function traced(...scripts: Parameters<typeof scripted>) {
  const traces: Trace[] = []
  const { next } = scripted(...scripts)
  return {
    traces,
    stage: (req = request({ messageId: 'a1' })) => traceStage((t) => traces.push(t), prices)(req, next),
  }
}

describe('traceStage', () => {
  it('records the model, attempts with their waits, the queue, usage, speed, cost and the finish', async () => {
    const { traces, stage } = traced({
      events: [
        { type: 'target', providerId: 'p1', providerName: 'Fake', model: 'm1' },
        { type: 'queued', ahead: 2 },
        { type: 'attempt', phase: 'started', attempt: 1, of: 3 },
        {
          type: 'attempt',
          phase: 'failed',
          attempt: 1,
          of: 3,
          errorKind: 'rate-limited',
          message: 'Fake is rate limiting requests (429).',
          retryInMs: 1_000,
        },
        { type: 'attempt', phase: 'started', attempt: 2, of: 3 },
        { type: 'connected' },
        { type: 'delta', text: 'Hello there' },
        { type: 'usage', usage: { input: 1_000, output: 500 } },
        { type: 'finish', reason: 'stop' },
      ],
    })
    const { error } = await run(stage())
    expect(error).toBeNull()
    const [trace] = traces
    expect(trace).toMatchObject({
      messageId: 'a1',
      chatId: 'c1',
      purpose: 'answer',
      providerId: 'p1',
      providerName: 'Fake',
      model: 'm1',
      status: 'complete',
      finishReason: 'stop',
      tokensIn: 1_000,
      tokensOut: 500,
      tokensEstimated: false,
      cacheHit: false,
    })
    expect(trace?.cost).toBeCloseTo((1_000 * 2 + 500 * 10) / 1_000_000)
    expect(trace?.queueMs).toEqual(expect.any(Number))
    expect(trace?.firstTokenMs).toEqual(expect.any(Number))
    expect(trace?.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 'failed', errorKind: 'rate-limited', retryInMs: 1_000 }),
      expect.objectContaining({ attempt: 2, status: 'ok', errorKind: null }),
    ])
  })

  it('estimates tokens when the provider gives no usage, and says so', async () => {
    const { traces, stage } = traced({
      events: [
        { type: 'target', providerId: 'p1', providerName: 'Fake', model: 'm1' },
        { type: 'delta', text: 'word '.repeat(100) },
        { type: 'finish', reason: 'stop' },
      ],
    })
    await run(stage())
    expect(traces[0]).toMatchObject({ tokensEstimated: true })
    expect(traces[0]?.tokensOut).toBeGreaterThan(50)
    expect(traces[0]?.tokensIn).toBeGreaterThan(0)
  })

  it('a failure before any text is an error with its kind; the failure still reaches the caller', async () => {
    const failure = new ProviderError('auth', 'Fake rejected the API key (401).')
    const { traces, stage } = traced({
      events: [
        { type: 'target', providerId: 'p1', providerName: 'Fake', model: 'm1' },
        { type: 'attempt', phase: 'started', attempt: 1, of: 1 },
      ],
      fail: failure,
    })
    const { error } = await run(stage())
    expect(error).toBe(failure)
    expect(traces[0]).toMatchObject({ status: 'error', errorKind: 'auth' })
    expect(traces[0]?.attempts[0]).toMatchObject({ status: 'failed', errorKind: 'auth' })
  })

  it('a failure after text is interrupted; a stop is stopped; a reader leaving early is stopped', async () => {
    const cut = traced({
      events: [{ type: 'delta', text: 'Hel' }],
      fail: new ProviderError('truncated', 'cut'),
    })
    await run(cut.stage())
    expect(cut.traces[0]).toMatchObject({ status: 'interrupted', errorKind: 'truncated' })

    const controller = new AbortController()
    const stopped = traced({
      events: [{ type: 'delta', text: 'Hel' }],
      fail: new ProviderError('aborted', 'stop'),
    })
    controller.abort()
    await run(stopped.stage(request({ signal: controller.signal })))
    expect(stopped.traces[0]).toMatchObject({ status: 'stopped', errorKind: null })

    const early = traced({
      events: [
        { type: 'delta', text: 'a' },
        { type: 'delta', text: 'b' },
      ],
    })
    for await (const _event of early.stage()) break
    expect(early.traces).toHaveLength(1)
    expect(early.traces[0]).toMatchObject({ status: 'stopped' })
  })

  it('a cache hit costs nothing and says so', async () => {
    const { traces, stage } = traced({
      events: [
        { type: 'target', providerId: 'p1', providerName: 'Fake', model: 'm1' },
        { type: 'cache-hit' },
        { type: 'delta', text: 'Cached words' },
        { type: 'usage', usage: { input: 10, output: 3 } },
        { type: 'finish', reason: 'stop' },
      ],
    })
    await run(stage())
    expect(traces[0]).toMatchObject({ cacheHit: true, cost: 0 })
  })

  it('a recorder that throws never fails the answer', async () => {
    const { next } = scripted({ events: [{ type: 'delta', text: 'fine' }] })
    const stage = traceStage(() => {
      throw new Error('disk full')
    }, prices)
    const { events, error } = await run(stage(request(), next))
    expect(error).toBeNull()
    expect(events).toEqual([{ type: 'delta', text: 'fine' }])
  })
})
