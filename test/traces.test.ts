// Traces against the fake provider over real HTTP and a real SQLite file: every answer (and a failed
// one) leaves a trace with its attempts, the Monitoring figures and the request log come from the
// reads worker's own read-only connection, and old traces are pruned.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pruneTraces } from '../src/main/core/traces/trace-retention'
import { type Harness, startHarness, TEST_KEY } from './support/core-harness'

let h: Harness

beforeEach(async () => {
  h = await startHarness()
})

afterEach(async () => {
  await h.close()
})

async function ask(chatId: string, text: string) {
  const sent = await h.core.handlers.sendMessage({ chatId, text })
  await h.core.chats.settle()
  return sent
}

describe('traces', () => {
  it('an answer leaves one trace: model, timings, tokens from the provider, speed, and its one attempt', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await ask(chat.id, 'Hello #words=50')
    // Asked at once, before the batch is written: the page still gets it.
    const early = await h.core.handlers.getTrace({ messageId: sent.assistantMessage.id })
    expect(early?.messageId).toBe(sent.assistantMessage.id)
    h.core.traces.flush()
    const trace = await h.core.handlers.getTrace({ messageId: sent.assistantMessage.id })
    expect(trace).toMatchObject({
      chatId: chat.id,
      purpose: 'answer',
      model: 'fake-small',
      status: 'complete',
      finishReason: 'stop',
      tokensEstimated: false,
      cacheHit: false,
      attempts: [{ attempt: 1, status: 'ok' }],
    })
    expect(trace?.tokensOut).toBeGreaterThan(0)
    expect(trace?.firstTokenMs).toEqual(expect.any(Number))
    expect(trace?.durationMs).toBeGreaterThanOrEqual(trace?.firstTokenMs ?? 0)
    expect(JSON.stringify(trace)).not.toContain(TEST_KEY)
  })

  it('a failed request is traced with each attempt, its error and the wait before the next', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await ask(chat.id, 'Fail #fault=500')
    h.core.traces.flush()
    const trace = await h.core.handlers.getTrace({ messageId: sent.assistantMessage.id })
    expect(trace).toMatchObject({ status: 'error', errorKind: 'server' })
    expect(trace?.attempts.length).toBeGreaterThan(1)
    expect(trace?.attempts[0]).toMatchObject({
      status: 'failed',
      errorKind: 'server',
      retryInMs: expect.any(Number),
    })
    expect(trace?.attempts.at(-1)).toMatchObject({ status: 'failed', retryInMs: null })
  })

  it('Monitoring counts requests and errors per model, with percentiles, from the worker', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    await ask(chat.id, 'one')
    await ask(chat.id, 'two')
    await ask(chat.id, 'three #fault=401')
    h.core.traces.flush()
    const report = await h.core.handlers.getMonitoring({ range: '24h' })
    expect(report.totals).toMatchObject({ requests: 3, errors: 1 })
    expect(report.models).toEqual([
      expect.objectContaining({ model: 'fake-small', requests: 3, errors: 1, breaker: 'closed' }),
    ])
    expect(report.models[0]?.p50FirstTokenMs).toEqual(expect.any(Number))
    expect(report.buckets).toHaveLength(24)
    expect(report.buckets.reduce((sum, bucket) => sum + bucket.requests, 0)).toBe(3)

    const log = await h.core.handlers.listRequests({ range: '24h' })
    expect(log.map((row) => row.status)).toEqual(['error', 'complete', 'complete'])
    expect(log[0]).toMatchObject({ chatId: chat.id, chatTitle: expect.any(String), attemptCount: 1 })
    expect(await h.core.handlers.listRequests({ range: '24h', status: 'error' })).toHaveLength(1)
    expect(await h.core.handlers.listRequests({ range: '24h', chatId: 'no-such-chat' })).toEqual([])
    const older = await h.core.handlers.listRequests({ range: '24h', before: log[1]?.startedAt ?? 0 })
    expect(older.length).toBeLessThanOrEqual(1)
  })

  it('traces past their retention are pruned; newer ones stay', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    await ask(chat.id, 'keep me')
    h.core.traces.flush()
    expect(pruneTraces(h.core.db, 90)).toBe(0)
    expect(pruneTraces(h.core.db, 1, Date.now() + 2 * 86_400_000)).toBe(1)
    expect((await h.core.handlers.listRequests({ range: '30d' })).length).toBe(0)
    // The figures kept for Monitoring go with them, whole days at a time.
    pruneTraces(h.core.db, 1, Date.now() + 3 * 86_400_000)
    expect((await h.core.handlers.getMonitoring({ range: '30d' })).totals.requests).toBe(0)
  })
})
