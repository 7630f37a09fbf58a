// A long chat's thread carries its whole path as ids but only its latest messages; the page reads the
// rest by id as they come into view. Against a real SQLite file and the fake provider over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { THREAD_WINDOW } from '../src/main/core/chat/chat-thread'
import { ChatStore } from '../src/main/core/store/chat-store'
import { type Harness, startHarness } from './support/core-harness'

let h: Harness

beforeEach(async () => {
  h = await startHarness()
})

afterEach(async () => {
  await h.close()
})

/** A chat of `count` messages in one path, and a second version of its third message (not kept). */
function longChat(count: number) {
  const store = new ChatStore(h.core.db)
  const chat = store.createChat('Long')
  const ids: string[] = []
  let parent: string | null = null
  for (let n = 0; n < count; n++) {
    parent = store.addMessage({
      chatId: chat.id,
      parentId: parent,
      role: n % 2 ? 'assistant' : 'user',
      content: n === 7 || n === 200 ? `message ${n} about zebras` : `message ${n}`,
      status: 'complete',
    }).id
    ids.push(parent)
  }
  const other = store.addMessage({
    chatId: chat.id,
    parentId: ids[1] ?? null,
    role: 'user',
    content: 'another version of message 2',
    status: 'complete',
    keep: false,
  })
  return { chatId: chat.id, ids, other: other.id }
}

describe('a long chat', () => {
  it('opens with every id on its path, its latest messages, and every place among siblings', async () => {
    const { chatId, ids } = longChat(250)
    const thread = await h.core.handlers.openChat({ chatId })
    expect(thread.path).toEqual(ids)
    expect(thread.messages.map((m) => m.id)).toEqual(ids.slice(-THREAD_WINDOW))
    // Message 2 is far above the window, and still says it is 1 of 2.
    expect(thread.siblings[ids[2] as string]).toMatchObject({ index: 1, count: 2 })
  })

  it('reads the left-out messages by id, in the order asked, and nothing of another chat', async () => {
    const { chatId, ids } = longChat(250)
    const elsewhere = longChat(4)
    const asked = [ids[5], ids[3], elsewhere.ids[0], 'no-such-message', ids[4]] as string[]
    const read = await h.core.handlers.readMessages({ chatId, messageIds: asked })
    expect(read.map((m) => m.id)).toEqual([ids[5], ids[3], ids[4]])
  })

  it('sending in it answers with the window, not the whole chat, and the path grows', async () => {
    const { chatId, ids } = longChat(250)
    const sent = await h.core.handlers.sendMessage({ chatId, text: 'one more' })
    await h.core.chats.settle()
    expect(sent.thread.path).toHaveLength(252)
    expect(sent.thread.path.slice(0, 250)).toEqual(ids)
    expect(sent.thread.messages).toHaveLength(THREAD_WINDOW)
    expect(sent.thread.messages.at(-2)?.content).toBe('one more')
  })

  it('find in chat and opening a search result count the messages outside the window', async () => {
    const { chatId, ids, other } = longChat(250)
    expect(await h.core.handlers.findInChat({ chatId, query: 'zebras' })).toEqual({
      messageIds: [ids[7], ids[200]],
      elsewhere: 0,
    })
    // The other version of message 2 is off the path: opening it shows its branch.
    const opened = await h.core.handlers.openMessage({ messageId: other })
    expect(opened.path).toEqual([ids[0], ids[1], other])
    // And a message already on the path leaves the path as it is.
    await h.core.handlers.openMessage({ messageId: ids[1] as string })
    expect((await h.core.handlers.openChat({ chatId })).path).toEqual([ids[0], ids[1], other])
  })
})
