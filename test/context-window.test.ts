// Keeping a long chat within a small model's window, through the real core, the real pipeline and
// the reads worker's tokenizer, against the fake provider over real HTTP: `#received` makes the fake
// answer with what it was sent, so each test reads what actually reached the model.
import { afterEach, describe, expect, it } from 'vitest'
import type { ContextStrategy } from '../src/shared/context'
import { type Harness, startHarness, TEST_KEY } from './support/core-harness'
import { routeChatBy } from './support/routing'

let harness: Harness | null = null

afterEach(async () => {
  await harness?.close()
  harness = null
})

const WORKER = new URL('../src/main/core/reads/read-worker.ts', import.meta.url)

/** A small window: a dozen of the turns below do not fit. */
const WINDOW = 800

async function smallModelChat(h: Harness, strategy: ContextStrategy) {
  const provider = await h.core.handlers.addProvider({
    preset: 'custom',
    name: 'Fake in Settings',
    baseURL: h.fake.baseURL,
    headers: {},
    azure: null,
    apiKey: TEST_KEY,
  })
  await h.core.handlers.saveModel({
    providerId: provider.id,
    model: {
      id: 'fake-small',
      displayName: null,
      contextWindow: WINDOW,
      maxOutputTokens: 100,
      inputPrice: 1,
      outputPrice: 2,
      vision: false,
      reasoning: false,
    },
  })
  const chat = await h.core.handlers.createChat(undefined)
  await h.core.handlers.updateChatSettings({
    chatId: chat.id,
    providerId: provider.id,
    model: 'fake-small',
    contextStrategy: strategy,
  })
  return { chat, provider }
}

/** Routes the chat by a profile of the given models, cost alone deciding, never exploring. */
async function routeBy(h: Harness, chatId: string, providerId: string, models: string[]) {
  await routeChatBy(h, chatId, {
    name: 'Cheapest',
    providerId,
    models,
    weights: { latency: 0, load: 0, cost: 1, quality: 0 },
  })
}

/** About 60 tokens a question, and as much again for the fake's echo of it. */
function question(n: number): string {
  return `Question ${n}: ${'tell me about the weather in the mountains today please '.repeat(5).trim()}`
}

async function say(h: Harness, chatId: string, text: string) {
  const sent = await h.core.handlers.sendMessage({ chatId, text })
  await h.core.chats.settle()
  const thread = await h.core.handlers.openChat({ chatId })
  const answer = thread.messages.find((m) => m.id === sent.assistantMessage.id)
  if (!answer) throw new Error('the answer is in the thread')
  return { sent, answer }
}

function summaryRequests(h: Harness) {
  return h.fake.requests.filter((r) => {
    const messages = (r.body as { messages?: { role: string; content: string }[] } | null)?.messages ?? []
    return messages.some((m) => m.role === 'system' && m.content.startsWith('Summarize the conversation'))
  })
}

describe('context window', () => {
  it('Sliding window: a chat longer than the window sends only the recent turns that fit', async () => {
    harness = await startHarness({ core: { readWorker: WORKER } })
    const h = harness
    const { chat } = await smallModelChat(h, 'window')
    for (let n = 1; n <= 12; n += 1) await say(h, chat.id, question(n))
    const { sent, answer } = await say(h, chat.id, 'What did I ask? #received')
    expect(answer.status).toBe('complete')
    const received = /Received (\d+) messages/.exec(answer.content)
    expect(received).not.toBeNull()
    const count = Number(received?.[1])
    // 25 messages on the path; only some reach the model, beginning with a question, ending with this one.
    expect(count).toBeGreaterThan(2)
    expect(count).toBeLessThan(25)
    expect(count % 2).toBe(1)
    expect(answer.content).not.toContain('Question 1:')

    h.core.traces.flush()
    const trace = await h.core.handlers.getTrace({ messageId: sent.assistantMessage.id })
    expect(trace?.context).toMatchObject({
      strategy: 'window',
      window: WINDOW,
      fits: true,
      sent: count,
      leftOut: 25 - count,
      summary: null,
    })
    expect(trace?.context?.inputTokens).toBeLessThanOrEqual(WINDOW - (trace?.context?.answerRoom ?? 0))
  })

  it('the preview before sending says what the next message would send, and what it would cost', async () => {
    harness = await startHarness({ core: { readWorker: WORKER } })
    const h = harness
    const { chat, provider } = await smallModelChat(h, 'window')
    const [empty] = await h.core.handlers.previewContext({ chatId: chat.id, draft: '' })
    expect(empty).toMatchObject({
      providerId: provider.id,
      model: 'fake-small',
      window: WINDOW,
      fits: true,
      leftOut: 0,
    })
    for (let n = 1; n <= 12; n += 1) await say(h, chat.id, question(n))
    const [use] = await h.core.handlers.previewContext({ chatId: chat.id, draft: 'And next?' })
    if (!use) throw new Error('a preview for the chat’s model')
    expect(use.fits).toBe(true)
    expect(use.leftOut).toBeGreaterThan(0)
    expect(use.sent + use.leftOut).toBe(25)
    expect(use.inputTokens).toBeGreaterThan(0)
    expect(use.estimatedInputCost).toBeCloseTo(use.inputTokens / 1_000_000, 10)
    const thread = await h.core.handlers.openChat({ chatId: chat.id })
    expect(use.firstSentId).toBe(thread.path[use.leftOut])

    const [huge] = await h.core.handlers.previewContext({ chatId: chat.id, draft: 'word '.repeat(5_000) })
    expect(huge?.fits).toBe(false)

    // Before the chat exists, the first message is measured for the default model.
    await h.core.handlers.updateSettings({ defaultProviderId: provider.id, defaultModel: 'fake-small' })
    const [first] = await h.core.handlers.previewContext({ draft: 'word '.repeat(5_000) })
    expect(first).toMatchObject({ model: 'fake-small', window: WINDOW, fits: false, leftOut: 0 })
  })

  it('side by side, each column gets what fits its own model', async () => {
    harness = await startHarness({ core: { readWorker: WORKER } })
    const h = harness
    const { chat, provider } = await smallModelChat(h, 'window')
    for (let n = 1; n <= 12; n += 1) await say(h, chat.id, question(n))
    const small = { providerId: provider.id, model: 'fake-small' }
    // fake-large's window is not known: it is sent everything.
    const large = { providerId: provider.id, model: 'fake-large' }
    const previews = await h.core.handlers.previewContext({
      chatId: chat.id,
      draft: 'Both?',
      targets: [small, large],
    })
    expect(previews.map((use) => [use.model, use.leftOut > 0])).toEqual([
      ['fake-small', true],
      ['fake-large', false],
    ])

    const sent = await h.core.handlers.sendMessage({
      chatId: chat.id,
      text: 'Both? #received',
      targets: [small, large],
    })
    await h.core.chats.settle()
    const answers = await h.core.handlers.readMessages({
      chatId: chat.id,
      messageIds: sent.answers.map((answer) => answer.id),
    })
    const column = (model: string) => {
      const text = answers.find((answer) => answer.model === model)?.content ?? ''
      return Number(/Received (\d+) messages/.exec(text)?.[1])
    }
    expect(column('fake-large')).toBe(25)
    expect(column('fake-small')).toBeLessThan(25)
  })

  it('a message that cannot fit even alone fails with the sizes, and nothing is sent', async () => {
    harness = await startHarness({ core: { readWorker: WORKER } })
    const h = harness
    const { chat } = await smallModelChat(h, 'window')
    const asked = () => h.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).length
    const { answer } = await say(h, chat.id, 'word '.repeat(5_000))
    expect(answer.status).toBe('error')
    expect(answer.error).toMatch(/too long for fake-small/)
    expect(answer.error).toContain('800')
    expect(asked()).toBe(0)
  })

  it('Auto goes on routing a chat longer than every candidate’s window, trimmed to the one it chose', async () => {
    harness = await startHarness({ core: { readWorker: WORKER, routingRandom: () => 0.99 } })
    const h = harness
    const { chat, provider } = await smallModelChat(h, 'window')
    await routeBy(h, chat.id, provider.id, ['fake-small'])
    for (let n = 1; n <= 12; n += 1) await say(h, chat.id, question(n))
    const { answer } = await say(h, chat.id, 'What did I ask? #received')
    expect(answer).toMatchObject({
      status: 'complete',
      model: 'fake-small',
      route: { profileName: 'Cheapest' },
    })
    expect(Number(/Received (\d+) messages/.exec(answer.content)?.[1])).toBeLessThan(25)
  })

  it('under Auto, a message too long for the chosen model is answered by the next, which holds it', async () => {
    harness = await startHarness({ core: { readWorker: WORKER, routingRandom: () => 0.99 } })
    const h = harness
    const { chat, provider } = await smallModelChat(h, 'window')
    await h.core.handlers.saveModel({
      providerId: provider.id,
      model: {
        id: 'fake-large',
        displayName: null,
        contextWindow: 100_000,
        maxOutputTokens: 100,
        inputPrice: 10,
        outputPrice: 20,
        vision: false,
        reasoning: false,
      },
    })
    await routeBy(h, chat.id, provider.id, ['fake-small', 'fake-large'])
    // Spaced digits: a quick estimate takes them for about 600 tokens, which fake-small would hold;
    // counted by the tokenizer they are twice that, so the context stage finds them too long for it.
    const digits = Array.from({ length: 1_200 }, (_, i) => String(i % 10)).join(' ')
    const { answer } = await say(h, chat.id, `${digits} #received`)
    expect(answer).toMatchObject({
      status: 'complete',
      model: 'fake-large',
      route: { failed: [{ model: 'fake-small', errorKind: 'too-long' }] },
    })
    const models = h.fake.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => (r.body as { model: string }).model)
    expect(models).toEqual(['fake-large'])
  })

  it('Summarize older messages: what falls out is summarized once, reused, then extended', async () => {
    harness = await startHarness({ core: { readWorker: WORKER } })
    const h = harness
    const { chat } = await smallModelChat(h, 'summarize')
    let n = 0
    while (summaryRequests(h).length === 0 && n < 20) await say(h, chat.id, question(++n))
    expect(summaryRequests(h).length).toBe(1)

    // Right after a summary is made, the next turns fit beside it: it is reused, not made again.
    const { sent, answer } = await say(h, chat.id, 'What did I ask? #received')
    expect(summaryRequests(h).length).toBe(1)
    expect(answer.status).toBe('complete')
    // The summary rides in the system prompt, ahead of the recent turns.
    expect(answer.content).toContain('System: «Summary of the earlier conversation')
    h.core.traces.flush()
    const trace = await h.core.handlers.getTrace({ messageId: sent.assistantMessage.id })
    const used = trace?.context?.summary
    if (!used) throw new Error('the answer was sent with the summary')
    const summary = await h.core.handlers.getContextSummary({ chatId: chat.id, summaryId: used.id })
    // The fake's summary names the first words of each question it was shown: the oldest ones.
    expect(summary.content).toContain('Question 1:')
    expect(summary.covered).toBe(used.covered)
    expect(trace?.context?.leftOut).toBe(used.covered)

    // Once the window fills again, the summary is extended from where it stopped.
    while (summaryRequests(h).length === 1 && n < 40) await say(h, chat.id, question(++n))
    expect(summaryRequests(h).length).toBe(2)
    const last = summaryRequests(h).at(-1)?.body as { messages: { content: string }[] } | undefined
    const lastPrompt = last?.messages.at(-1)?.content
    expect(lastPrompt).toMatch(/^Summary so far:/)
    // Extended from the summary so far: the oldest questions are not read again.
    expect(lastPrompt).not.toContain('User: Question 1:')
  })
})
