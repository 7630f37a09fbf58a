// The request pipeline end to end against the fake provider over real HTTP: retries the person can
// watch, a model paused by its breaker (and kept paused across a restart), and the queue at a
// provider. Timing is asserted as behaviour (what the page was told), never as elapsed time.
import { afterEach, describe, expect, it } from 'vitest'
import type { AnswerProgressEvent } from '../src/shared/types'
import { type Harness, quickPolicy, startHarness, waitFor } from './support/core-harness'

let harness: Harness | null = null

afterEach(async () => {
  await harness?.close()
  harness = null
})

function progressOf(h: Harness, messageId: string): AnswerProgressEvent[] {
  return h.events
    .filter(
      (e): e is { event: 'answerProgress'; payload: AnswerProgressEvent } =>
        e.event === 'answerProgress' && (e.payload as AnswerProgressEvent).messageId === messageId,
    )
    .map((e) => e.payload)
}

async function ask(h: Harness, text: string) {
  const chat = await h.core.handlers.createChat(undefined)
  const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text })
  await h.core.chats.settle()
  const thread = await h.core.handlers.openChat({ chatId: chat.id })
  return {
    chat,
    id: sent.assistantMessage.id,
    answer: thread.messages.find((m) => m.id === sent.assistantMessage.id),
  }
}

const completions = (h: Harness) => h.fake.requests.filter((r) => r.path.endsWith('/chat/completions'))

describe('retries the person can watch', () => {
  it('429 with Retry-After: 1, twice, then an answer: the page is told each wait and attempt', async () => {
    harness = await startHarness({ core: { requestPolicy: { ...quickPolicy, maxRetryAfterMs: 60_000 } } })
    harness.fake.enqueueFault({ kind: 'http', status: 429, retryAfterSeconds: 1 })
    harness.fake.enqueueFault({ kind: 'http', status: 429, retryAfterSeconds: 1 })
    const { id, answer } = await ask(harness, 'hello')
    expect(answer).toMatchObject({ status: 'complete', content: 'Echo: hello' })
    expect(completions(harness)).toHaveLength(3)
    const retries = progressOf(harness, id).filter((p) => p.progress?.phase === 'retrying')
    expect(retries.map((p) => p.progress)).toEqual([
      expect.objectContaining({ phase: 'retrying', reason: 'rate-limited', attempt: 2, of: 3 }),
      expect.objectContaining({ phase: 'retrying', reason: 'rate-limited', attempt: 3, of: 3 }),
    ])
    for (const retry of retries) {
      const progress = retry.progress as { retryAt: number }
      expect(progress.retryAt).toBeGreaterThan(Date.now() - 60_000)
    }
    // Once the answer flows the status is cleared.
    expect(progressOf(harness, id).at(-1)?.progress).toBeNull()
  })

  it('a wrong key (401) is tried once and explained', async () => {
    harness = await startHarness()
    const { answer } = await ask(harness, 'hello #fault=401')
    expect(completions(harness)).toHaveLength(1)
    expect(answer).toMatchObject({ status: 'error', errorKind: 'auth' })
    expect(answer?.error).toMatch(/rejected the API key \(401\)/)
  })
})

describe('a model that keeps failing', () => {
  it('is paused, fails fast without a request reaching the server, stays paused across a restart, and Try now probes it', async () => {
    harness = await startHarness({ core: { requestPolicy: { ...quickPolicy, maxAttempts: 1 } } })
    const h = harness
    for (let i = 0; i < 5; i++) await ask(h, 'hello #fault=500')
    expect(completions(h)).toHaveLength(5)
    const paused = await ask(h, 'hello')
    expect(completions(h)).toHaveLength(5)
    expect(paused.answer).toMatchObject({ status: 'error', errorKind: 'paused' })
    expect(paused.answer?.error).toMatch(
      /fake-small is paused after repeated failures\. Trying again in \d+ s\./,
    )
    expect(await h.core.handlers.getModelHealth(undefined)).toEqual([
      expect.objectContaining({ model: 'fake-small', paused: true }),
    ])

    await h.restart()
    await ask(h, 'after the restart')
    expect(completions(h)).toHaveLength(5)

    const [health] = await h.core.handlers.getModelHealth(undefined)
    await h.core.handlers.tryModelNow({ providerId: health?.providerId ?? '', model: 'fake-small' })
    const probe = await ask(h, 'probe')
    expect(probe.answer).toMatchObject({ status: 'complete', content: 'Echo: probe' })
    expect(await h.core.handlers.getModelHealth(undefined)).toEqual([])
  })
})

describe('the queue at a provider', () => {
  it('holds requests past the limit, tells each how many are ahead, and answers them all', async () => {
    harness = await startHarness()
    const h = harness
    const [environment] = await h.core.handlers.listProviders(undefined)
    expect(environment?.origin).toBe('environment')
    // Environment providers take the default of 4 at once; six chats ask together.
    const chats = await Promise.all(Array.from({ length: 6 }, () => h.core.handlers.createChat(undefined)))
    const sent = await Promise.all(
      chats.map((chat) =>
        h.core.handlers.sendMessage({ chatId: chat.id, text: 'slow one #words=30 #delay=10' }),
      ),
    )
    await waitFor(
      () =>
        sent.some((s) => progressOf(h, s.assistantMessage.id).some((p) => p.progress?.phase === 'queued')),
      'a queued answer',
    )
    await h.core.chats.settle()
    for (const { chat } of sent) {
      const thread = await h.core.handlers.openChat({ chatId: chat.id })
      expect(thread.messages.at(-1)?.status).toBe('complete')
    }
    const queued = sent
      .flatMap((s) => progressOf(h, s.assistantMessage.id))
      .filter((p) => p.progress?.phase === 'queued')
    expect(queued.length).toBeGreaterThanOrEqual(2)
  })
})
