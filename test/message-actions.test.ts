// What a person does to messages and chats besides asking: delete a message (and what follows it)
// with Undo, pin a chat, and export a chat as Markdown or JSON. Against the fake provider over real
// HTTP and a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHAT_EXPORT_FORMAT } from '../src/main/core/chat/chat-export'
import { type Harness, startHarness, TEST_KEY, waitFor } from './support/core-harness'

let h: Harness

beforeEach(async () => {
  h = await startHarness()
})

afterEach(async () => {
  await h.close()
})

async function chatWithTwoTurns() {
  const chat = await h.core.handlers.createChat(undefined)
  const first = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'first question' })
  await h.core.chats.settle()
  const second = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'second question' })
  await h.core.chats.settle()
  return { chatId: chat.id, first, second }
}

const contents = (thread: { path: string[]; messages: { id: string; content: string }[] }) =>
  thread.path.map((id) => thread.messages.find((m) => m.id === id)?.content)

describe('Delete with Undo', () => {
  it('deletes a question and what follows it, and Undo brings all of it back', async () => {
    const { chatId, second } = await chatWithTwoTurns()
    const before = await h.core.handlers.openChat({ chatId })
    expect(before.path).toHaveLength(4)

    const deleted = await h.core.handlers.deleteMessage({ messageId: second.userMessage.id })
    expect(contents(deleted.thread)).toEqual(['first question', 'Echo: first question'])
    expect((await h.core.handlers.openChat({ chatId })).path).toHaveLength(2)

    const restored = await h.core.handlers.undoDelete({ undoToken: deleted.undoToken })
    // All of it, as it was; only the chat's "last changed" moved on.
    expect({ ...restored, chat: { ...restored.chat, updatedAt: 0 } }).toEqual({
      ...before,
      chat: { ...before.chat, updatedAt: 0 },
    })
    await expect(h.core.handlers.undoDelete({ undoToken: deleted.undoToken })).rejects.toThrow(
      'That delete can no longer be undone.',
    )
  })

  it('the next question after a delete is asked without what was deleted', async () => {
    const { chatId, second } = await chatWithTwoTurns()
    await h.core.handlers.deleteMessage({ messageId: second.userMessage.id })
    await h.core.handlers.sendMessage({ chatId, text: 'third question' })
    await h.core.chats.settle()
    const request = h.fake.requests.filter((r) => r.method === 'POST').at(-1)
    const sent = JSON.stringify(request?.body)
    expect(sent).toContain('first question')
    expect(sent).not.toContain('second question')
  })

  it('refuses to delete while an answer below is still coming, and deletes once it is stopped', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'wait #fault=slow:5000' })
    await expect(h.core.handlers.deleteMessage({ messageId: sent.userMessage.id })).rejects.toThrow(
      'An answer there is still coming. Stop it before deleting.',
    )
    await h.core.handlers.stopMessage({ messageId: sent.assistantMessage.id })
    await waitFor(() => !h.core.chats.isAnswering(sent.assistantMessage.id), 'the answer to stop')
    const deleted = await h.core.handlers.deleteMessage({ messageId: sent.userMessage.id })
    expect(deleted.thread.path).toEqual([])
  })

  it('says plainly when the message is gone', async () => {
    await expect(h.core.handlers.deleteMessage({ messageId: 'missing' })).rejects.toThrow(
      'That message no longer exists.',
    )
  })
})

describe('pinning', () => {
  it('pins and unpins a chat; the list says which', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    expect(chat.pinnedAt).toBeNull()
    await h.core.handlers.pinChat({ chatId: chat.id, pinned: true })
    const [listed] = await h.core.handlers.listChats(undefined)
    expect(listed?.pinnedAt).toEqual(expect.any(Number))
    expect((await h.core.handlers.pinChat({ chatId: chat.id, pinned: false })).pinnedAt).toBeNull()
  })
})

describe('exporting a chat', () => {
  it('as Markdown: the conversation as shown, each answer under its model', async () => {
    const { chatId } = await chatWithTwoTurns()
    await h.core.handlers.renameChat({ chatId, title: 'Plans / ideas: "v2"' })
    const file = await h.core.handlers.exportChat({ chatId, format: 'markdown' })
    expect(file.fileName).toBe('Plans  ideas v2.md')
    expect(file.mimeType).toBe('text/markdown')
    expect(file.text).toMatch(
      /^# Plans \/ ideas: "v2"\n\n## You\n\nfirst question\n\n## .+\n\nEcho: first question/,
    )
    expect(file.text).toContain('## You\n\nsecond question')
  })

  it('as JSON: every branch and alternative, votes and settings, and no key', async () => {
    const { chatId, second } = await chatWithTwoTurns()
    await h.core.handlers.regenerate({ messageId: second.assistantMessage.id })
    await h.core.chats.settle()
    await h.core.handlers.voteAnswer({ messageId: second.assistantMessage.id, value: 1 })
    const file = await h.core.handlers.exportChat({ chatId, format: 'json' })
    const document = JSON.parse(file.text)
    expect(document).toMatchObject({ format: CHAT_EXPORT_FORMAT, version: 1 })
    const [chat] = document.chats
    expect(chat.messages).toHaveLength(5)
    expect(chat.messages.find((m: { id: string }) => m.id === second.assistantMessage.id)).toMatchObject({
      vote: 1,
      parentId: second.userMessage.id,
    })
    expect(chat.settings).toBeDefined()
    expect(file.text).not.toContain(TEST_KEY)
    expect(file.text).not.toMatch(/apiKey|Authorization/i)
  })
})
