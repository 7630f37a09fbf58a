// The response cache against the fake provider over real HTTP and a real SQLite file: a deterministic
// question asked in a second chat is answered from the cache, marked so, with nothing sent; Regenerate
// asks afresh; the chat's Cache setting decides what is cached; Settings' figures and Clear cache.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { calls } from '../src/shared/contract'
import type { CacheMode, GenerationParams } from '../src/shared/providers'
import type { ChatSummary } from '../src/shared/types'
import { finalOf, type Harness, startHarness, streamedText, TEST_KEY, waitFor } from './support/core-harness'

let h: Harness

beforeEach(async () => {
  h = await startHarness()
})

afterEach(async () => {
  await h.close()
})

const chatRequests = () =>
  h.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/completions'))

/** A new chat with these settings, asked `question`; resolves once the answer is saved. */
async function ask(question: string, params: GenerationParams, cacheMode?: CacheMode) {
  const chat = await h.core.handlers.createChat(undefined)
  await h.core.handlers.updateChatSettings({ chatId: chat.id, params, ...(cacheMode && { cacheMode }) })
  const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: question })
  await h.core.chats.settle()
  const thread = await h.core.handlers.openChat({ chatId: chat.id })
  const answer = thread.messages.find((m) => m.id === sent.assistantMessage.id)
  if (!answer) throw new Error('the answer is missing')
  return { chatId: chat.id, answer, thread }
}

describe('response cache', () => {
  it('the same temperature-0 question in a second chat is answered from the cache, marked cached, with nothing sent', async () => {
    const first = await ask('What is the capital of Portugal? #words=12', { temperature: 0 })
    expect(first.answer).toMatchObject({ status: 'complete', cached: false })
    expect(chatRequests()).toHaveLength(1)

    const second = await ask('What is the capital of Portugal? #words=12', { temperature: 0 })
    expect(chatRequests()).toHaveLength(1)
    expect(second.answer).toMatchObject({
      status: 'complete',
      cached: true,
      content: first.answer.content,
      provider: first.answer.provider,
      model: first.answer.model,
      tokensIn: first.answer.tokensIn,
      tokensOut: first.answer.tokensOut,
      finishReason: first.answer.finishReason,
    })
    // The page was sent the whole text and told it came from the cache.
    expect(streamedText(h.batches, second.answer.id)).toBe(first.answer.content)
    expect(finalOf(h.batches, second.answer.id)).toMatchObject({ status: 'complete', cached: true })
    expect(await h.core.handlers.getCacheStats(undefined)).toMatchObject({ entries: 1, hits: 1, lookups: 2 })
  })

  it('a cached answer is still marked after a restart', async () => {
    await ask('Name a prime number.', { temperature: 0 })
    const second = await ask('Name a prime number.', { temperature: 0 })
    await h.restart()
    const thread = await h.core.handlers.openChat({ chatId: second.chatId })
    expect(thread.messages.find((m) => m.id === second.answer.id)?.cached).toBe(true)
  })

  it('Regenerate sends a request, and its answer is not marked cached', async () => {
    await ask('Say something.', { temperature: 0 })
    const second = await ask('Say something.', { temperature: 0 })
    expect(chatRequests()).toHaveLength(1)
    const again = await h.core.handlers.regenerate({ messageId: second.answer.id })
    await h.core.chats.settle()
    expect(chatRequests()).toHaveLength(2)
    const thread = await h.core.handlers.openChat({ chatId: second.chatId })
    expect(thread.messages.find((m) => m.id === again.assistantMessage.id)).toMatchObject({
      status: 'complete',
      cached: false,
    })
  })

  it('under Auto a temperature-1 question (or one at the default) is not cached; Always caches it; Off never', async () => {
    await ask('Tell me a story.', { temperature: 1 })
    await ask('Tell me a story.', { temperature: 1 })
    await ask('Tell me a story.', {})
    await ask('Tell me a story.', {})
    expect(chatRequests()).toHaveLength(4)
    expect((await h.core.handlers.getCacheStats(undefined)).entries).toBe(0)

    await ask('Tell me a story.', { temperature: 1 }, 'always')
    const always = await ask('Tell me a story.', { temperature: 1 }, 'always')
    expect(chatRequests()).toHaveLength(5)
    expect(always.answer.cached).toBe(true)

    await ask('What is 2 + 2?', { temperature: 0 }, 'off')
    const off = await ask('What is 2 + 2?', { temperature: 0 }, 'off')
    expect(chatRequests()).toHaveLength(7)
    expect(off.answer.cached).toBe(false)
    // Off neither looks up nor keeps: a chat under Auto asking the same still goes to the provider.
    await ask('What is 2 + 2?', { temperature: 0 })
    expect(chatRequests()).toHaveLength(8)
  })

  it('a chat remembers its Cache setting', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    expect((await h.core.handlers.getChatSettings({ chatId: chat.id })).cacheMode).toBe('auto')
    await h.core.handlers.updateChatSettings({ chatId: chat.id, cacheMode: 'off' })
    await h.restart()
    expect((await h.core.handlers.getChatSettings({ chatId: chat.id })).cacheMode).toBe('off')
    // What the IPC and web host check before a handler runs.
    const input = calls.updateChatSettings.input
    expect(input.safeParse({ chatId: chat.id, cacheMode: 'always' }).success).toBe(true)
    expect(input.safeParse({ chatId: chat.id, cacheMode: 'sometimes' }).success).toBe(false)
  })

  it('a different question, model or temperature is not served the cached answer', async () => {
    await ask('Which river?', { temperature: 0 })
    await ask('Which river, then?', { temperature: 0 })
    await ask('Which river?', { temperature: 0, maxTokens: 50 })
    const other = await h.core.handlers.createChat(undefined)
    const [provider] = await h.core.handlers.listProviders(undefined)
    await h.core.handlers.updateChatSettings({
      chatId: other.id,
      providerId: provider?.id ?? null,
      model: 'fake-large',
      params: { temperature: 0 },
    })
    await h.core.handlers.sendMessage({ chatId: other.id, text: 'Which river?' })
    await h.core.chats.settle()
    expect(chatRequests()).toHaveLength(4)
  })

  it('a failed answer is not kept', async () => {
    await ask('Fail please #fault=500', { temperature: 0 })
    const before = chatRequests().length
    const second = await ask('Fail please #fault=500', { temperature: 0 })
    expect(chatRequests().length).toBeGreaterThan(before)
    expect(second.answer.cached).toBe(false)
    expect((await h.core.handlers.getCacheStats(undefined)).entries).toBe(0)
  })

  it('a hit for a provider turned off in Settings is not served', async () => {
    const provider = await h.core.handlers.addProvider({
      preset: 'custom',
      name: 'Fake in Settings',
      baseURL: h.fake.baseURL,
      headers: {},
      azure: null,
      apiKey: TEST_KEY,
    })
    const chat = await h.core.handlers.createChat(undefined)
    const settings = {
      chatId: chat.id,
      providerId: provider.id,
      model: 'fake-small',
      params: { temperature: 0 },
    }
    await h.core.handlers.updateChatSettings(settings)
    await h.core.handlers.sendMessage({ chatId: chat.id, text: 'Hello there.' })
    await h.core.chats.settle()
    expect((await h.core.handlers.getCacheStats(undefined)).entries).toBe(1)

    await h.core.handlers.updateProvider({ providerId: provider.id, enabled: false })
    const again = await h.core.handlers.createChat(undefined)
    await h.core.handlers.updateChatSettings({ ...settings, chatId: again.id })
    const sent = await h.core.handlers.sendMessage({ chatId: again.id, text: 'Hello there.' })
    await h.core.chats.settle()
    const thread = await h.core.handlers.openChat({ chatId: again.id })
    const answer = thread.messages.find((m) => m.id === sent.assistantMessage.id)
    expect(answer).toMatchObject({ status: 'error', cached: false })
    expect(answer?.error).toContain('turned off')
    expect(answer?.content).toBe('')
  })

  it('Settings: size, entries and hit rate; Clear cache empties it', async () => {
    await ask('One?', { temperature: 0 })
    await ask('Two?', { temperature: 0 })
    await ask('One?', { temperature: 0 })
    const stats = await h.core.handlers.getCacheStats(undefined)
    expect(stats).toMatchObject({ entries: 2, hits: 1, lookups: 3 })
    expect(stats.bytes).toBeGreaterThan(0)
    expect(await h.core.handlers.clearCache(undefined)).toEqual({ bytes: 0, entries: 0, hits: 0, lookups: 0 })
    await ask('One?', { temperature: 0 })
    expect(chatRequests()).toHaveLength(3)
  })
})

describe('response cache and titles', () => {
  it("a chat's title is the app's own request: cached under Auto", async () => {
    await h.close()
    h = await startHarness({ titles: true })
    const titled = async () => {
      const chat = await h.core.handlers.createChat(undefined)
      await h.core.handlers.sendMessage({ chatId: chat.id, text: 'Plan a trip to Lisbon #words=3' })
      await h.core.chats.settle()
      await waitFor(
        () => h.events.some((e) => e.event === 'chatChanged' && (e.payload as ChatSummary).id === chat.id),
        'the model to name the chat',
      )
    }
    await titled()
    const titleRequests = () =>
      h.fake.requests.filter((r) => JSON.stringify(r.body).includes('Write a title'))
    expect(titleRequests()).toHaveLength(1)
    // The answer (at the default temperature) is asked again; the same title request is not.
    await titled()
    expect(titleRequests()).toHaveLength(1)
    expect(chatRequests()).toHaveLength(3)
  })
})
