// Property: however the network cuts a stream (inside `data:`, inside the blank line between events,
// inside a multi-byte character), the answer that comes out is the same, on both wire protocols.
// Each case is a seed for the fake's random cuts (#fault=split:<seed>), so a failure can be replayed.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anthropicChat, type Harness, startHarness } from './support/core-harness'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})

afterAll(async () => {
  await harness.close()
})

async function answer(
  text: string,
  protocol: 'openai' | 'anthropic',
): Promise<{ content: string; status: string }> {
  const { handlers } = harness.core
  const chat =
    protocol === 'anthropic' ? { id: await anthropicChat(harness) } : await handlers.createChat(undefined)
  const sent = await handlers.sendMessage({ chatId: chat.id, text })
  await harness.core.chats.settle()
  const thread = await handlers.openChat({ chatId: chat.id })
  const message = thread.messages.find((m) => m.id === sent.assistantMessage.id)
  return { content: message?.content ?? '', status: message?.status ?? '' }
}

describe.each(['openai', 'anthropic'] as const)('stream decoding over %s', (protocol) => {
  it('gives the same answer at any chunk boundaries', async () => {
    const question = 'Grüße, 你好 and 🎉 — the echo carries every kind of character: é ß 数据库 👩‍💻 and on'
    const whole = await answer(question, protocol)
    expect(whole.status).toBe('complete')
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const cut = await answer(`${question} #fault=split:${seed}`, protocol)
        expect(cut).toEqual(whole)
      }),
      { numRuns: 25 },
    )
    expect(harness.fake.schemaErrors).toEqual([])
  })
})
