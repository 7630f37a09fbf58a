import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../shared/types'
import { ChatStore, DEFAULT_CHAT_TITLE } from './chat-store'
import { type Db, openDatabase } from './database'
import { migrations } from './migrations'

let dir: string
let db: Db
let clock: number
let store: ChatStore

/** A clock the test moves by hand: every reading is the current value. */
const now = () => clock

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-'))
  db = openDatabase(join(dir, 'roundtable.db')).db
  clock = 1_000
  store = new ChatStore(db, now)
})

afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function countMessages(chatId?: string): number {
  const row = chatId
    ? db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE chat_id = ?').get(chatId)
    : db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages').get()
  return row?.n ?? -1
}

/** A user question and a finished answer to it. */
function exchange(chatId: string, parentId: string | null, question: string, answer: string) {
  const user = store.addMessage({ chatId, parentId, role: 'user', content: question, status: 'complete' })
  const assistant = store.addMessage({
    chatId,
    parentId: user.id,
    role: 'assistant',
    content: answer,
    status: 'complete',
    model: 'test-model',
  })
  return { user, assistant }
}

describe('the chat list a page at a time', () => {
  it('pages newest first through ties, with the pinned chats on the first page only', () => {
    const made = Array.from({ length: 7 }, (_, n) => {
      // Two chats share each millisecond: the order within one is the order they were made.
      clock = 1_000 + Math.floor(n / 2)
      return store.createChat(`chat ${n}`).id
    })
    store.pinChat(made[1] as string, true)
    store.pinChat(made[4] as string, true)
    const titles = (page: { chats: { title: string }[] }) => page.chats.map((chat) => chat.title)

    const first = store.listChatPage(2)
    expect(titles(first)).toEqual(['chat 4', 'chat 1', 'chat 6', 'chat 5'])
    const second = store.listChatPage(2, first.next ?? '')
    expect(titles(second)).toEqual(['chat 3', 'chat 2'])
    const last = store.listChatPage(2, second.next ?? '')
    expect(titles(last)).toEqual(['chat 0'])
    expect(last.next).toBeNull()
    // Every unpinned chat once, in the order of the whole list.
    const unpinned = store.listChats().filter((chat) => chat.pinnedAt === null)
    expect([...first.chats.slice(2), ...second.chats, ...last.chats].map((c) => c.id)).toEqual(
      unpinned.map((c) => c.id),
    )
  })
})

describe('chats', () => {
  it('creates a chat with the default title and the clock time', () => {
    clock = 5_000
    const chat = store.createChat()
    // Not named yet: no stored words, so the page names it in its own language.
    expect(DEFAULT_CHAT_TITLE).toBe('')
    expect(chat.title).toBe('')
    expect(chat.createdAt).toBe(5_000)
    expect(chat.updatedAt).toBe(5_000)
    expect(store.getChat(chat.id)).toEqual(chat)
  })

  it('creates a chat with a given title', () => {
    expect(store.createChat('Plans').title).toBe('Plans')
  })

  it('lists chats most recently updated first', () => {
    clock = 1
    const a = store.createChat('a')
    clock = 2
    const b = store.createChat('b')
    clock = 3
    const c = store.createChat('c')
    expect(store.listChats().map((chat) => chat.title)).toEqual(['c', 'b', 'a'])

    clock = 4
    store.renameChat(a.id, 'a2')
    expect(store.listChats().map((chat) => chat.id)).toEqual([a.id, c.id, b.id])

    clock = 5
    store.addMessage({ chatId: b.id, parentId: null, role: 'user', content: 'hi', status: 'complete' })
    expect(store.listChats().map((chat) => chat.id)).toEqual([b.id, a.id, c.id])
  })

  it('breaks ties in update time by creation order, newest first', () => {
    clock = 7
    const first = store.createChat('first')
    const second = store.createChat('second')
    expect(store.listChats().map((chat) => chat.id)).toEqual([second.id, first.id])
  })

  it('renames a chat and returns it, or null when it does not exist', () => {
    clock = 10
    const chat = store.createChat()
    clock = 20
    const renamed = store.renameChat(chat.id, 'Holiday')
    expect(renamed).toEqual({ ...chat, title: 'Holiday', updatedAt: 20 })
    expect(store.getChat(chat.id)?.title).toBe('Holiday')
    expect(store.renameChat('no-such-chat', 'x')).toBeNull()
  })

  it('deletes a chat with all its messages, and only its own', () => {
    const doomed = store.createChat()
    const kept = store.createChat()
    exchange(doomed.id, null, 'q1', 'a1')
    const { assistant } = exchange(doomed.id, null, 'q2', 'a2')
    exchange(kept.id, null, 'q', 'a')
    expect(countMessages(doomed.id)).toBe(4)

    expect(store.deleteChat(doomed.id)).toBe(true)
    expect(store.getChat(doomed.id)).toBeNull()
    expect(countMessages(doomed.id)).toBe(0)
    expect(store.getMessage(assistant.id)).toBeNull()
    expect(countMessages(kept.id)).toBe(2)
    expect(store.branch(kept.id)).toHaveLength(2)
  })

  it('reports false when deleting a chat that does not exist', () => {
    expect(store.deleteChat('no-such-chat')).toBe(false)
  })
})

describe('messages and branches', () => {
  it('adds a message, makes it the head and returns it', () => {
    const chat = store.createChat()
    clock = 2_000
    const message = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'Hello',
      status: 'complete',
    })
    expect(message).toMatchObject({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'Hello',
      status: 'complete',
      error: null,
      model: null,
      createdAt: 2_000,
      updatedAt: 2_000,
    })
    expect(store.getMessage(message.id)).toEqual(message)
    expect(store.branch(chat.id).map((m) => m.id)).toEqual([message.id])
    expect(store.getChat(chat.id)?.updatedAt).toBe(2_000)
  })

  it('has an empty branch for a new chat and for a missing one', () => {
    const chat = store.createChat()
    expect(store.branch(chat.id)).toEqual([])
    expect(store.branch('no-such-chat')).toEqual([])
  })

  it('returns the branch root first', () => {
    const chat = store.createChat()
    const first = exchange(chat.id, null, 'q1', 'a1')
    const second = exchange(chat.id, first.assistant.id, 'q2', 'a2')
    const branch = store.branch(chat.id)
    expect(branch.map((m) => m.id)).toEqual([
      first.user.id,
      first.assistant.id,
      second.user.id,
      second.assistant.id,
    ])
    expect(branch.map((m) => m.content)).toEqual(['q1', 'a1', 'q2', 'a2'])
    expect(branch[1]?.model).toBe('test-model')
  })

  it('shows a regenerated answer instead of the old one', () => {
    const chat = store.createChat()
    const { user, assistant: old } = exchange(chat.id, null, 'question', 'first answer')
    const again = store.addMessage({
      chatId: chat.id,
      parentId: user.id,
      role: 'assistant',
      content: 'second answer',
      status: 'complete',
    })
    const branch = store.branch(chat.id)
    expect(branch.map((m) => m.id)).toEqual([user.id, again.id])
    expect(branch.map((m) => m.id)).not.toContain(old.id)
    // The old answer is kept as a sibling, reachable by its own path.
    expect(store.getMessage(old.id)?.content).toBe('first answer')
    expect(store.branchTo(old.id).map((m) => m.id)).toEqual([user.id, old.id])
  })

  it('branchTo returns the path from the root to any message', () => {
    const chat = store.createChat()
    const first = exchange(chat.id, null, 'q1', 'a1')
    const second = exchange(chat.id, first.assistant.id, 'q2', 'a2')
    expect(store.branchTo(second.user.id).map((m) => m.content)).toEqual(['q1', 'a1', 'q2'])
    expect(store.branchTo(first.user.id).map((m) => m.content)).toEqual(['q1'])
    expect(store.branchTo('no-such-message')).toEqual([])
  })

  it('appends streamed text and finishes the message with its tail and status together', () => {
    const chat = store.createChat()
    const user = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'q',
      status: 'complete',
    })
    const answer = store.addMessage({
      chatId: chat.id,
      parentId: user.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
    })
    store.appendContent(answer.id, 'Hel')
    store.appendContent(answer.id, '')
    store.appendContent(answer.id, 'lo')
    expect(store.getMessage(answer.id)).toMatchObject({ content: 'Hello', status: 'streaming' })

    clock = 9_000
    store.finishMessage(answer.id, { status: 'complete', error: null, tokensIn: 3, tokensOut: 2 }, ', world')
    expect(store.getMessage(answer.id)).toMatchObject({
      content: 'Hello, world',
      status: 'complete',
      error: null,
      updatedAt: 9_000,
    })
    const tokens = db
      .prepare<[string], { tokens_in: number; tokens_out: number }>(
        'SELECT tokens_in, tokens_out FROM messages WHERE id = ?',
      )
      .get(answer.id)
    expect(tokens).toEqual({ tokens_in: 3, tokens_out: 2 })
  })

  it('finishMessage stores an error sentence with a stopped or failed answer', () => {
    const chat = store.createChat()
    const answer = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'assistant',
      content: 'partial',
      status: 'streaming',
    })
    store.finishMessage(answer.id, { status: 'interrupted', error: 'The connection dropped.' })
    expect(store.getMessage(answer.id)).toMatchObject({
      content: 'partial',
      status: 'interrupted',
      error: 'The connection dropped.',
    })
  })

  it('finishMessage saves neither the tail nor the status when the update fails', () => {
    const chat = store.createChat()
    const answer = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'assistant',
      content: 'kept',
      status: 'streaming',
    })
    const invalid = { status: 'exploded', error: null } as unknown as Parameters<
      ChatStore['finishMessage']
    >[1]
    expect(() => store.finishMessage(answer.id, invalid, ' tail')).toThrow()
    expect(store.getMessage(answer.id)).toMatchObject({ content: 'kept', status: 'streaming' })
  })

  it('marks abandoned streams interrupted with a sentence, and counts them', () => {
    const chat = store.createChat()
    const done = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'assistant',
      content: 'done',
      status: 'complete',
    })
    const a = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'assistant',
      content: 'x',
      status: 'streaming',
    })
    const b = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'assistant',
      content: '',
      status: 'streaming',
    })

    clock = 50_000
    expect(store.markAbandonedStreams()).toBe(2)
    for (const id of [a.id, b.id]) {
      const message = store.getMessage(id)
      expect(message?.status).toBe('interrupted')
      expect(message?.error).toMatch(/^[A-Z].*\.$/)
      expect(message?.updatedAt).toBe(50_000)
    }
    expect(store.getMessage(a.id)?.content).toBe('x')
    expect(store.getMessage(done.id)).toEqual(done)
    expect(store.markAbandonedStreams()).toBe(0)
  })
})

describe('schema constraints', () => {
  function insertRaw(role: string, status: string): void {
    const chat = store.createChat()
    db.prepare(
      `INSERT INTO messages (id, chat_id, parent_id, role, content, status, created_at, updated_at)
       VALUES (?, ?, NULL, ?, '', ?, 0, 0)`,
    ).run(`m-${role}-${status}`, chat.id, role, status)
  }

  it('accepts a valid role and status', () => {
    expect(() => insertRaw('assistant', 'complete')).not.toThrow()
  })

  it('rejects an unknown role', () => {
    expect(() => insertRaw('robot', 'complete')).toThrow(/CHECK constraint/)
  })

  it('rejects an unknown status', () => {
    expect(() => insertRaw('user', 'pending')).toThrow(/CHECK constraint/)
  })

  it('rejects a message for a chat that does not exist', () => {
    expect(() =>
      db
        .prepare(
          `INSERT INTO messages (id, chat_id, role, status, created_at, updated_at)
           VALUES ('orphan', 'no-such-chat', 'user', 'complete', 0, 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/)
  })
})

describe('several answers to one question', () => {
  it('an answer added without keeping leaves the turn open: the path stops at the question', () => {
    const chat = store.createChat()
    const question = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'q',
      status: 'complete',
    })
    const answer = (slot: number) =>
      store.addMessage({
        chatId: chat.id,
        parentId: question.id,
        role: 'assistant',
        content: `a${slot}`,
        status: 'complete',
        slot,
        keep: false,
        target: { providerId: 'p', model: `m${slot}`, temperature: 0.5 },
      })
    const [a, b] = [answer(0), answer(1)]
    expect(store.branch(chat.id).map((m) => m.id)).toEqual([question.id])
    expect(store.children(question.id).map((m) => m.id)).toEqual([a.id, b.id])
    expect(store.getMessage(b.id)?.target).toEqual({ providerId: 'p', model: 'm1', temperature: 0.5 })

    store.prefer(b)
    expect(store.branch(chat.id).map((m) => m.id)).toEqual([question.id, b.id])
    expect(store.getMessage(b.id)?.preferred).toBe(true)
    expect(store.getMessage(a.id)?.preferred).toBe(false)
    store.unkeep(question.id)
    expect(store.branch(chat.id).map((m) => m.id)).toEqual([question.id])
    store.vote(a.id, 1)
    expect(store.getMessage(a.id)?.vote).toBe(1)
    store.vote(a.id, null)
    expect(store.getMessage(a.id)?.vote).toBeNull()
  })

  it('each turn remembers its kept answer when another turn switches', () => {
    const chat = store.createChat()
    const one = exchange(chat.id, null, 'one', 'first')
    const retry = store.addMessage({
      chatId: chat.id,
      parentId: one.user.id,
      role: 'assistant',
      content: 'second',
      status: 'complete',
    })
    const two = exchange(chat.id, retry.id, 'two', 'answer two')
    expect(store.branch(chat.id).map((m) => m.content)).toEqual(['one', 'second', 'two', 'answer two'])
    store.keepOnPath(one.assistant)
    expect(store.branch(chat.id).map((m) => m.content)).toEqual(['one', 'first'])
    // The tree read without text walks the same path.
    expect(store.tree(chat.id).path).toEqual(store.branch(chat.id).map((m) => m.id))
    store.keepOnPath(retry)
    expect(store.branch(chat.id).map((m) => m.id)).toEqual([
      one.user.id,
      retry.id,
      two.user.id,
      two.assistant.id,
    ])
    expect(store.tree(chat.id).family.get(one.user.id)).toEqual([one.assistant.id, retry.id])
    expect(store.tree(chat.id).path).toEqual(store.branch(chat.id).map((m) => m.id))
  })

  it('a file from before answers had siblings opens on the branch it showed, every other branch kept below', () => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
    dir = mkdtempSync(join(tmpdir(), 'rt-'))
    const path = join(dir, 'roundtable.db')
    const old = openDatabase(path, { migrations: migrations.filter((m) => m.version <= 4) }).db
    const insert = old.prepare(
      `INSERT INTO messages (id, chat_id, parent_id, role, content, status, created_at, updated_at)
       VALUES (?, 'c', ?, ?, ?, 'complete', ?, ?)`,
    )
    old.prepare(`INSERT INTO chats (id, title, created_at, updated_at) VALUES ('c', 't', 1, 1)`).run()
    insert.run('q', null, 'user', 'question', 1, 1)
    insert.run('a1', 'q', 'assistant', 'older answer', 2, 2)
    insert.run('a2', 'q', 'assistant', 'newer answer', 3, 3)
    insert.run('q2', 'a1', 'user', 'follow-up', 4, 4)
    insert.run('a3', 'q2', 'assistant', 'follow-up answer', 5, 5)
    // The person had gone back to the older answer's branch.
    old.prepare(`UPDATE chats SET head_message_id = 'a3' WHERE id = 'c'`).run()
    old.close()

    db = openDatabase(path).db
    store = new ChatStore(db, now)
    expect(store.branch('c').map((m) => m.id)).toEqual(['q', 'a1', 'q2', 'a3'])
    store.keepOnPath(store.getMessage('a2') as ChatMessage)
    expect(store.branch('c').map((m) => m.id)).toEqual(['q', 'a2'])
    store.keepOnPath(store.getMessage('a1') as ChatMessage)
    expect(store.branch('c').map((m) => m.id)).toEqual(['q', 'a1', 'q2', 'a3'])
  })
})

describe('a chat named by a model', () => {
  it('is newer than any copy of the chat taken before, even in the same millisecond', () => {
    const chat = store.createChat()
    store.renameChat(chat.id, 'first words', 'words')
    const before = store.getChat(chat.id)
    const named = store.nameByModel(chat.id, 'A name')
    expect(named?.title).toBe('A name')
    expect(named?.updatedAt).toBeGreaterThan(before?.updatedAt ?? Number.POSITIVE_INFINITY)
  })
})
