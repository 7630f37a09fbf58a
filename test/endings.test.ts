// Real streams end in more ways than "stop": cut at the token limit, filtered, refused, a tool call,
// nothing at all, or all the budget spent thinking. Each must be kept and named, on both wire
// protocols, never shown as an empty answer marked complete.
import { afterEach, describe, expect, it } from 'vitest'
import { REFUSAL_TEXT, TOOL_NAME } from './fake-provider/answers.ts'
import { anthropicChat, type Harness, startHarness } from './support/core-harness'

let harness: Harness | null = null

afterEach(async () => {
  await harness?.close()
  harness = null
})

type Protocol = 'openai' | 'anthropic'

async function answerFor(h: Harness, protocol: Protocol, text: string) {
  const { handlers } = h.core
  const chat =
    protocol === 'anthropic' ? { id: await anthropicChat(h) } : await handlers.createChat(undefined)
  const sent = await handlers.sendMessage({ chatId: chat.id, text })
  await h.core.chats.settle()
  const thread = await handlers.openChat({ chatId: chat.id })
  return thread.messages.find((m) => m.id === sent.assistantMessage.id)
}

describe.each<Protocol>(['openai', 'anthropic'])('endings over %s', (protocol) => {
  it('an answer cut at the token limit keeps its text and is marked as cut', async () => {
    harness = await startHarness()
    const answer = await answerFor(harness, protocol, 'long one #words=40 #ending=length')
    expect(answer).toMatchObject({ status: 'complete', finishReason: 'length' })
    expect(answer?.content).toContain('word1')
    expect(answer?.content).not.toContain('word40')
  })

  it('a refusal is shown as the answer, marked as a refusal', async () => {
    harness = await startHarness()
    const answer = await answerFor(harness, protocol, 'do something bad #ending=refusal')
    expect(answer).toMatchObject({ status: 'complete', finishReason: 'refusal', content: REFUSAL_TEXT })
  })

  it('a tool call never vanishes: the answer names the tool', async () => {
    harness = await startHarness()
    const answer = await answerFor(harness, protocol, 'weather? #ending=tool')
    expect(answer).toMatchObject({ status: 'complete', finishReason: `tool-call:${TOOL_NAME}` })
  })

  it('an empty answer with a normal stop is named empty', async () => {
    harness = await startHarness()
    const answer = await answerFor(harness, protocol, 'say nothing #ending=empty')
    expect(answer).toMatchObject({ status: 'complete', finishReason: 'empty', content: '' })
  })

  it('an answer whose whole budget went to reasoning says so', async () => {
    harness = await startHarness()
    const answer = await answerFor(harness, protocol, 'ponder #ending=reasoning-only')
    expect(answer).toMatchObject({ status: 'complete', finishReason: 'reasoning-only', content: '' })
    expect(answer?.thinking.length).toBeGreaterThan(0)
  })

  it('keeps the fake honest: everything sent matches the published schemas', async () => {
    harness = await startHarness()
    for (const ending of ['length', 'refusal', 'tool', 'empty', 'content_filter']) {
      await answerFor(harness, protocol, `check #ending=${ending}`)
    }
    expect(harness.fake.schemaErrors).toEqual([])
  })
})

describe('endings over openai only', () => {
  it('content_filter is marked as filtered, with the text before it', async () => {
    harness = await startHarness()
    const answer = await answerFor(harness, 'openai', 'risky #words=20 #ending=content_filter')
    expect(answer).toMatchObject({ status: 'complete', finishReason: 'content-filter' })
    expect(answer?.content).toContain('word1')
  })
})
