import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChatStore } from './chat-store'
import { type Db, openDatabase } from './database'

let dir: string
let db: Db
let store: ChatStore
let clock = 1_000

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-removed-'))
  db = openDatabase(join(dir, 'roundtable.db')).db
  store = new ChatStore(db, () => clock++)
})

afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function say(chatId: string, parentId: string | null, role: 'user' | 'assistant', content: string) {
  return store.addMessage({ chatId, parentId, role, content, status: 'complete', provider: 'p', model: 'm' })
}

/** Everything stored about a chat, to compare before a delete and after its Undo. */
function snapshot(chatId: string) {
  return {
    chat: db.prepare('SELECT * FROM chats WHERE id = ?').get(chatId),
    messages: db
      .prepare('SELECT rowid AS rowid, * FROM messages WHERE chat_id = ? ORDER BY rowid')
      .all(chatId),
    votes: db.prepare('SELECT * FROM votes ORDER BY message_id').all(),
    preferences: db.prepare('SELECT * FROM preferences ORDER BY question_id').all(),
  }
}

describe('deleting a message and what follows it', () => {
  it('takes the message and everything below it on every branch, and the path goes on through a sibling', () => {
    const chat = store.createChat()
    const q1 = say(chat.id, null, 'user', 'first question')
    const a1 = say(chat.id, q1.id, 'assistant', 'first answer')
    const a1b = say(chat.id, q1.id, 'assistant', 'another first answer')
    const q2 = say(chat.id, a1b.id, 'user', 'second question')
    const a2 = say(chat.id, q2.id, 'assistant', 'second answer')
    store.vote(a2.id, 1)
    expect(store.branch(chat.id).map((m) => m.id)).toEqual([q1.id, a1b.id, q2.id, a2.id])

    const removed = store.removeMessage(a1b.id)
    expect(removed?.messages.map((row) => row.id)).toEqual([a1b.id, q2.id, a2.id])
    // The turn shows the answer that is left, not an open side-by-side turn.
    expect(store.branch(chat.id).map((m) => m.id)).toEqual([q1.id, a1.id])
    expect(store.getMessage(q2.id)).toBeNull()
    expect(db.prepare('SELECT count(*) AS n FROM votes').get()).toEqual({ n: 0 })
  })

  it('puts back exactly what was deleted: rows, votes, preferences and the kept path', () => {
    const chat = store.createChat()
    const q1 = say(chat.id, null, 'user', 'question')
    const left = say(chat.id, q1.id, 'assistant', 'left')
    const right = say(chat.id, q1.id, 'assistant', 'right')
    store.prefer(left)
    const q2 = say(chat.id, left.id, 'user', 'follow-up')
    const a2 = say(chat.id, q2.id, 'assistant', 'follow-up answer')
    store.vote(a2.id, -1)
    store.vote(right.id, 1)
    const before = snapshot(chat.id)

    const removed = store.removeMessage(left.id)
    if (!removed) throw new Error('nothing removed')
    expect(store.branch(chat.id).map((m) => m.id)).toEqual([q1.id, right.id])
    expect(store.restoreMessages(removed)).toBe(true)
    const after = snapshot(chat.id)
    expect(after.messages).toEqual(before.messages)
    expect(after.votes).toEqual(before.votes)
    expect(after.preferences).toEqual(before.preferences)
    expect(store.branch(chat.id).map((m) => m.id)).toEqual([q1.id, left.id, q2.id, a2.id])
  })

  it('deletes the chat’s first message, and Undo makes it the start again', () => {
    const chat = store.createChat()
    const q1 = say(chat.id, null, 'user', 'question')
    say(chat.id, q1.id, 'assistant', 'answer')
    const removed = store.removeMessage(q1.id)
    if (!removed) throw new Error('nothing removed')
    expect(store.branch(chat.id)).toEqual([])
    expect(store.getChat(chat.id)?.empty).toBe(true)
    expect(store.restoreMessages(removed)).toBe(true)
    expect(store.branch(chat.id).map((m) => m.content)).toEqual(['question', 'answer'])
  })

  it('cannot put messages back into a chat deleted since, and leaves nothing half restored', () => {
    const chat = store.createChat()
    const q1 = say(chat.id, null, 'user', 'question')
    const a1 = say(chat.id, q1.id, 'assistant', 'answer')
    const removed = store.removeMessage(a1.id)
    if (!removed) throw new Error('nothing removed')
    store.deleteChat(chat.id)
    expect(store.restoreMessages(removed)).toBe(false)
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 })
  })

  it('cannot put an answer back under a question deleted since', () => {
    const chat = store.createChat()
    const q1 = say(chat.id, null, 'user', 'question')
    const a1 = say(chat.id, q1.id, 'assistant', 'answer')
    const removedAnswer = store.removeMessage(a1.id)
    store.removeMessage(q1.id)
    if (!removedAnswer) throw new Error('nothing removed')
    expect(store.restoreMessages(removedAnswer)).toBe(false)
  })

  it('puts back a deleted answer after a new one took its place in the file', () => {
    const chat = store.createChat()
    const q1 = say(chat.id, null, 'user', 'question')
    const a1 = say(chat.id, q1.id, 'assistant', 'answer')
    const removed = store.removeMessage(a1.id)
    if (!removed) throw new Error('nothing removed')
    const again = say(chat.id, q1.id, 'assistant', 'asked again')
    expect(store.restoreMessages(removed)).toBe(true)
    expect(
      store
        .siblings(again)
        .map((m) => m.content)
        .sort(),
    ).toEqual(['answer', 'asked again'])
    expect(store.branch(chat.id).map((m) => m.content)).toEqual(['question', 'answer'])
  })

  it('answers null for a message that is not there', () => {
    expect(store.removeMessage('missing')).toBeNull()
  })
})

describe('pinning a chat', () => {
  it('records when it was pinned, without counting as a change to the chat', () => {
    const chat = store.createChat()
    const pinned = store.pinChat(chat.id, true)
    expect(pinned?.pinnedAt).toEqual(expect.any(Number))
    expect(pinned?.updatedAt).toBe(chat.updatedAt)
    expect(store.pinChat(chat.id, false)?.pinnedAt).toBeNull()
    expect(store.pinChat('missing', true)).toBeNull()
  })
})
