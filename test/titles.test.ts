// A chat is named by a model once its first answer is in: the first words stand until then, a name the
// person gave is never replaced, and no markdown or directive reaches the title.
import { afterEach, describe, expect, it } from 'vitest'
import { cleanTitle } from '../src/main/core/chat/titles'
import type { ChatSummary } from '../src/shared/types'
import { type Harness, startHarness, waitFor } from './support/core-harness'

let harness: Harness | null = null

afterEach(async () => {
  await harness?.close()
  harness = null
})

const titleRequests = (h: Harness) =>
  h.fake.requests.filter((r) => JSON.stringify(r.body).includes('Write a title'))

describe('chat titles', () => {
  it('the first words stand at once, then the model names the chat', async () => {
    harness = await startHarness({ titles: true })
    const h = harness
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({
      chatId: chat.id,
      text: '**Plan** a #words=3 trip to Lisbon in spring please',
    })
    // Markdown and directives are gone from the first-words title too.
    expect(sent.chat.title).toBe('Plan a trip to Lisbon in spring please')
    await h.core.chats.settle()
    await waitFor(
      () => h.events.some((e) => e.event === 'chatChanged' && (e.payload as ChatSummary).id === chat.id),
      'the model to name the chat',
    )
    const [listed] = await h.core.handlers.listChats(undefined)
    expect(listed?.title).toBe('Plan a trip to Lisbon in')
    expect(titleRequests(h)).toHaveLength(1)
  })

  it('never replaces a name the person gave, and asks only after the first answer', async () => {
    harness = await startHarness({ titles: true })
    const h = harness
    const chat = await h.core.handlers.createChat(undefined)
    await h.core.handlers.sendMessage({ chatId: chat.id, text: 'first question #delay=30 #words=5' })
    await h.core.handlers.renameChat({ chatId: chat.id, title: 'Mine' })
    await h.core.chats.settle()
    await h.core.handlers.sendMessage({ chatId: chat.id, text: 'second question' })
    await h.core.chats.settle()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await h.core.handlers.listChats(undefined))[0]?.title).toBe('Mine')
    expect(titleRequests(h)).toHaveLength(0)
  })

  it('can be turned off in Settings', async () => {
    harness = await startHarness({ titles: true })
    const h = harness
    await h.core.handlers.updateSettings({ titles: { mode: 'off' } })
    const chat = await h.core.handlers.createChat(undefined)
    await h.core.handlers.sendMessage({ chatId: chat.id, text: 'hello there' })
    await h.core.chats.settle()
    expect(titleRequests(h)).toHaveLength(0)
  })
})

describe('cleanTitle', () => {
  it.each([
    ['{"title": "Trip to **Lisbon**"}', 'Trip to Lisbon'],
    ['Title: "# Weekend plans."', 'Weekend plans'],
    ['```json\n{"title":"数据库设计"}\n```', '数据库设计'],
    ['[A link](https://x.example) and #words=5 more', 'A link and more'],
    ['evil\u202Eexe.txt', 'evilexe.txt'],
  ])('%j becomes %j', (said, title) => {
    expect(cleanTitle(said)).toBe(title)
  })
})
