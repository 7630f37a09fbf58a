// The streaming path end to end under Node: handlers -> chat service -> pipeline -> openai SDK ->
// real HTTP/SSE from the fake provider -> SQLite and batched events.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { composeAnswer, fillerWords, UTF8_SAMPLE } from './fake-provider/answers.ts'
import {
  anthropicChat,
  finalOf,
  type Harness,
  quickPolicy,
  startHarness,
  streamedText,
  TEST_KEY,
  waitFor,
} from './support/core-harness'
import { closedPort } from './support/ports'

let harness: Harness | null = null

afterEach(async () => {
  await harness?.close()
  harness = null
})

async function ask(h: Harness, text: string) {
  const chat = await h.core.handlers.createChat(undefined)
  const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text })
  await h.core.chats.settle()
  const thread = await h.core.handlers.openChat({ chatId: chat.id })
  const answer = thread.messages.find((m) => m.id === sent.assistantMessage.id)
  if (!answer) throw new Error('the answer is not in the thread')
  return { chat, sent, thread, answer }
}

describe('a streamed answer', () => {
  it('arrives in batches that add up to the saved text, and is marked complete', async () => {
    harness = await startHarness()
    const { answer, thread } = await ask(harness, 'Hello **there** #words=400')
    expect(answer.status).toBe('complete')
    expect(answer.content).toBe(fillerWords(400))
    expect(streamedText(harness.batches, answer.id)).toBe(answer.content)
    expect(finalOf(harness.batches, answer.id)).toMatchObject({
      status: 'complete',
      error: null,
      finishReason: 'stop',
      model: 'fake-small',
    })
    // Offsets line up batch after batch, so the renderer can drop repeats and spot gaps.
    let offset = 0
    for (const batch of harness.batches.filter((b) => b.messageId === answer.id)) {
      expect(batch.offset).toBe(offset)
      offset += batch.append.length
    }
    expect(thread.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(thread.chat.title).toBe('Hello there')
    expect(harness.fake.schemaErrors).toEqual([])
  })

  it('sends the whole branch as history on the next turn', async () => {
    harness = await startHarness()
    const { chat } = await ask(harness, 'first question')
    await harness.core.handlers.sendMessage({ chatId: chat.id, text: 'second question' })
    await harness.core.chats.settle()
    const last = harness.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)
    const body = last?.body as { messages: { role: string; content: string }[] }
    expect(body.messages).toEqual([
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'Echo: first question' },
      { role: 'user', content: 'second question' },
    ])
    expect(last?.hadAuthorization).toBe(true)
    expect(harness.fake.schemaErrors).toEqual([])
  })

  it('keeps multi-byte characters whole when the provider splits them across network writes', async () => {
    harness = await startHarness()
    const { answer } = await ask(harness, 'unicode please #fault=utf8')
    expect(answer.status).toBe('complete')
    expect(answer.content).toBe(composeAnswer({ userText: 'unicode please', utf8: true }))
    expect(answer.content).toContain(UTF8_SAMPLE)
  })

  it('stops when asked: the provider request is aborted and the partial answer is kept as stopped', async () => {
    harness = await startHarness()
    const h = harness
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'long one #words=5000 #delay=2' })
    await waitFor(() => streamedText(h.batches, sent.assistantMessage.id).length > 50, 'the first words')
    await h.core.handlers.stopMessage({ messageId: sent.assistantMessage.id })
    await h.core.chats.settle()
    const answer = (await h.core.handlers.openChat({ chatId: chat.id })).messages.at(-1)
    expect(answer?.status).toBe('stopped')
    expect(answer?.error).toBeNull()
    expect(answer?.content.length).toBeGreaterThan(50)
    expect(fillerWords(5000).startsWith(answer?.content ?? 'x')).toBe(true)
    expect(answer?.content).toBe(streamedText(h.batches, sent.assistantMessage.id))
    await waitFor(() => h.fake.inFlight === 0, 'the provider to see the abort')
  })

  it('refuses a second question in the same chat while an answer is streaming', async () => {
    harness = await startHarness()
    const chat = await harness.core.handlers.createChat(undefined)
    const sent = await harness.core.handlers.sendMessage({
      chatId: chat.id,
      text: 'slow #words=3000 #delay=2',
    })
    await expect(harness.core.handlers.sendMessage({ chatId: chat.id, text: 'again' })).rejects.toThrow(
      /still coming/,
    )
    await harness.core.handlers.stopMessage({ messageId: sent.assistantMessage.id })
    await harness.core.chats.settle()
  })

  it('regenerates an answer as a new branch; the thread shows the new one', async () => {
    harness = await startHarness()
    const { chat, sent } = await ask(harness, 'try again #fault=500')
    expect(sent.assistantMessage.status).toBe('streaming')
    const failed = (await harness.core.handlers.openChat({ chatId: chat.id })).messages.at(-1)
    expect(failed?.status).toBe('error')
    const again = await harness.core.handlers.regenerate({ messageId: sent.assistantMessage.id })
    await harness.core.chats.settle()
    const thread = await harness.core.handlers.openChat({ chatId: chat.id })
    expect(thread.messages.map((m) => m.id)).toEqual([sent.userMessage.id, again.assistantMessage.id])
  })

  it('shows an answer opened mid-stream as far as it was sent, so later batches line up', async () => {
    harness = await startHarness()
    const h = harness
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'long #words=3000 #delay=1' })
    await waitFor(() => streamedText(h.batches, sent.assistantMessage.id).length > 100, 'some text')
    const snapshot = (await h.core.handlers.openChat({ chatId: chat.id })).messages.at(-1)
    const sentSoFar = streamedText(h.batches, sent.assistantMessage.id)
    expect(snapshot?.content).toBe(sentSoFar)
    await h.core.handlers.stopMessage({ messageId: sent.assistantMessage.id })
    await h.core.chats.settle()
  })
})

describe('failures in plain words', () => {
  it('retries a 429 before the first token and then answers', async () => {
    harness = await startHarness()
    harness.fake.enqueueFault({ kind: 'http', status: 429, retryAfterSeconds: 0 })
    harness.fake.enqueueFault({ kind: 'http', status: 503 })
    const { answer } = await ask(harness, 'busy?')
    expect(answer.status).toBe('complete')
    expect(answer.content).toBe('Echo: busy?')
    expect(harness.fake.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(3)
  })

  it('does not wait out a long Retry-After: says when to try again', async () => {
    harness = await startHarness()
    const { answer } = await ask(harness, 'now #fault=429:120')
    expect(answer.status).toBe('error')
    expect(answer.error).toMatch(
      /rate limiting requests \(429\)\. It asks to wait 2 min, until about .+, before trying again\./,
    )
  })

  it('names a wrong key without repeating it', async () => {
    harness = await startHarness({ env: { OPENAI_API_KEY: 'sk-wrong-key-9999999999' } })
    const { answer } = await ask(harness, 'hello')
    expect(answer.status).toBe('error')
    expect(answer.error).toMatch(/rejected the API key \(401\)/)
    expect(answer.error).not.toContain('9999')
    expect(answer.error).not.toContain(TEST_KEY.slice(-8))
  })

  it('names a model the provider does not have', async () => {
    harness = await startHarness({ env: { ROUNDTABLE_MODEL: 'gpt-nonexistent' } })
    const { answer } = await ask(harness, 'hello')
    expect(answer.status).toBe('error')
    expect(answer.error).toMatch(/model "gpt-nonexistent" was not found/)
  })

  it('takes the first listed model when none is configured', async () => {
    harness = await startHarness({ env: { ROUNDTABLE_MODEL: '' } })
    const { answer } = await ask(harness, 'hello')
    expect(answer.model).toBe('fake-small')
    expect(answer.status).toBe('complete')
  })

  it('says the provider is unreachable when nothing listens', async () => {
    harness = await startHarness({ env: { OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1` } })
    const { answer } = await ask(harness, 'hello')
    expect(answer.status).toBe('error')
    expect(answer.error).toMatch(/Could not reach .* \(connection refused\)/)
  })

  it('keeps the text of a stream dropped mid-answer and marks it interrupted', async () => {
    harness = await startHarness()
    const { answer } = await ask(harness, 'drop it #words=100 #fault=drop:5')
    expect(answer.status).toBe('interrupted')
    expect(answer.content.length).toBeGreaterThan(0)
    expect(fillerWords(100).startsWith(answer.content)).toBe(true)
    expect(answer.error).toMatch(/closed before the answer finished/)
  })

  it('treats a stream that ends cleanly without finish_reason as cut short', async () => {
    harness = await startHarness()
    const { answer } = await ask(harness, 'cut #words=100 #fault=truncate:5')
    expect(answer.status).toBe('interrupted')
    expect(answer.error).toMatch(/closed before the answer finished/)
  })

  it('reports a malformed event instead of crashing, keeping what arrived', async () => {
    harness = await startHarness()
    const { answer } = await ask(harness, 'garbled #words=50 #fault=malformed')
    expect(['interrupted', 'error']).toContain(answer.status)
    expect(answer.error).toMatch(/could not read/)
  })

  it('times out a provider that never sends the first token, after retrying', async () => {
    harness = await startHarness({
      core: {
        requestPolicy: {
          ...quickPolicy,
          maxAttempts: 2,
          baseDelayMs: 1,
          maxDelayMs: 2,
          firstTokenTimeoutMs: 150,
        },
      },
    })
    harness.fake.enqueueFault({ kind: 'slow', ms: 5_000 })
    harness.fake.enqueueFault({ kind: 'slow', ms: 5_000 })
    const { answer } = await ask(harness, 'anyone?')
    expect(answer.status).toBe('error')
    expect(answer.error).toMatch(/sent no first token within 150 ms/)
    expect(harness.fake.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(2)
  })

  it('ends an answer whose provider goes silent mid-stream, keeping what arrived', async () => {
    harness = await startHarness({ core: { requestPolicy: { ...quickPolicy, idleTimeoutMs: 150 } } })
    // Words arrive every 600 ms: the first one is in, the second never comes in time.
    const { answer } = await ask(harness, 'slowly #words=20 #delay=600')
    expect(answer.status).toBe('interrupted')
    expect(answer.content.length).toBeGreaterThan(0)
    expect(answer.error).toMatch(/went silent for 150 ms mid-answer/)
    await waitFor(() => harness?.fake.inFlight === 0, 'the provider to see the abort')
  })

  it('answers with a clear error when no provider is configured', async () => {
    harness = await startHarness({ env: { OPENAI_BASE_URL: '', OPENAI_API_KEY: '' } })
    const { answer } = await ask(harness, 'hello')
    expect(answer.status).toBe('error')
    expect(answer.error).toMatch(/No provider is set up/)
  })
})

describe('closing and reopening', () => {
  it('marks an answer interrupted when the app closes mid-stream, and keeps its text', async () => {
    harness = await startHarness()
    const h = harness
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'long #words=5000 #delay=2' })
    await waitFor(() => streamedText(h.batches, sent.assistantMessage.id).length > 50, 'the first words')
    const core = await h.restart()
    const answer = (await core.handlers.openChat({ chatId: chat.id })).messages.at(-1)
    expect(answer?.status).toBe('interrupted')
    expect(answer?.content.length).toBeGreaterThan(50)
    expect((await core.handlers.listChats(undefined)).map((c) => c.id)).toEqual([chat.id])
  })

  it('deleting a chat mid-answer stops the stream first', async () => {
    harness = await startHarness()
    const h = harness
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'long #words=5000 #delay=2' })
    await waitFor(() => streamedText(h.batches, sent.assistantMessage.id).length > 0, 'the first words')
    const errors = vi.spyOn(console, 'error')
    await h.core.handlers.deleteChat({ chatId: chat.id })
    expect(await h.core.handlers.listChats(undefined)).toEqual([])
    expect(errors).not.toHaveBeenCalled()
    await waitFor(() => h.fake.inFlight === 0, 'the provider to see the abort')
  })
})

describe('the SSE details real servers differ in', () => {
  it.each([
    ['CRLF line endings', '#fault=crlf'],
    ['comment and keep-alive lines between events', '#fault=comments'],
  ])('reads %s as any other stream (OpenAI-compatible)', async (_what, fault) => {
    harness = await startHarness()
    const { answer } = await ask(harness, `hello ${fault}`)
    expect(answer).toMatchObject({ status: 'complete', content: 'Echo: hello' })
  })

  it.each([
    ['CRLF line endings', '#fault=crlf'],
    ['comment and keep-alive lines between events', '#fault=comments'],
  ])('reads %s as any other stream (Anthropic)', async (_what, fault) => {
    harness = await startHarness()
    const { handlers } = harness.core
    const chat = { id: await anthropicChat(harness) }
    await handlers.sendMessage({ chatId: chat.id, text: `hello ${fault}` })
    await harness.core.chats.settle()
    const answer = (await handlers.openChat({ chatId: chat.id })).messages.at(-1)
    expect(answer).toMatchObject({ status: 'complete', content: 'Echo: hello' })
  })

  it('says where Anthropic redacted part of the reasoning, instead of dropping it silently', async () => {
    harness = await startHarness()
    const { handlers } = harness.core
    const chat = { id: await anthropicChat(harness) }
    await handlers.sendMessage({ chatId: chat.id, text: 'think quietly #fault=redacted' })
    await harness.core.chats.settle()
    const answer = (await handlers.openChat({ chatId: chat.id })).messages.at(-1)
    expect(answer?.thinking).toContain('Anthropic redacted it')
    expect(answer).toMatchObject({ status: 'complete', content: 'Echo: think quietly' })
  })
})
