// The chat service's own bookkeeping, with the target lookup held open by the test: what happens when
// a chat is deleted or the app closes while an answer is still being set up.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ChatStore } from '../store/chat-store'
import { type Db, openDatabase } from '../store/database'
import { ChatService } from './chat-service'
import { type ChatTarget, NoTargetError } from './chat-target'

let dir: string
let db: Db
let store: ChatStore

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roundtable-chat-service-'))
  db = openDatabase(join(dir, 'test.db')).db
  store = new ChatStore(db)
})

afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function heldTarget() {
  let release: (target: ChatTarget) => void = () => {}
  let fail: (error: unknown) => void = () => {}
  const resolve = vi.fn(
    () =>
      new Promise<ChatTarget>((ok, no) => {
        release = ok
        fail = no
      }),
  )
  return { resolve, release: (t: ChatTarget) => release(t), fail: (e: unknown) => fail(e) }
}

const neverCalledProvider: ChatTarget = {
  provider: {
    id: 'p',
    name: 'P',
    baseURL: 'http://127.0.0.1:1',
    streamChat: () => {
      throw new Error('must not stream')
    },
    listModels: async () => [],
  },
  model: 'm',
  system: null,
  params: {},
}

describe('ChatService while an answer is being set up', () => {
  it('a chat deleted meanwhile ends the send with "no longer exists", writing nothing', async () => {
    const targets = heldTarget()
    const chats = new ChatService({ store, sink: { emit: () => {} }, targets })
    const chat = store.createChat()
    const sending = chats.send(chat.id, 'hello')
    await vi.waitFor(() => expect(targets.resolve).toHaveBeenCalled())
    await expect(chats.send(chat.id, 'again')).rejects.toThrow(/still coming/)

    const stopping = chats.stopChat(chat.id)
    store.deleteChat(chat.id)
    targets.release(neverCalledProvider)
    await expect(sending).rejects.toThrow(/no longer exists/)
    await stopping
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 })
  })

  it('shutting down waits for the set-up and refuses to start the stream', async () => {
    const targets = heldTarget()
    const chats = new ChatService({ store, sink: { emit: () => {} }, targets })
    const chat = store.createChat()
    const sending = chats.send(chat.id, 'hello')
    await vi.waitFor(() => expect(targets.resolve).toHaveBeenCalled())
    const closing = chats.shutdown()
    targets.release(neverCalledProvider)
    await expect(sending).rejects.toThrow(/closing/)
    await closing
    await expect(chats.send(chat.id, 'later')).rejects.toThrow(/closing/)
  })

  it('a lookup that fails becomes a failed answer in words; an unexpected error is logged, not shown', async () => {
    const targets = heldTarget()
    const chats = new ChatService({ store, sink: { emit: () => {} }, targets })
    const chat = store.createChat()
    const first = chats.send(chat.id, 'one')
    await vi.waitFor(() => expect(targets.resolve).toHaveBeenCalledTimes(1))
    targets.fail(new NoTargetError('No provider is set up.'))
    expect((await first).assistantMessage).toMatchObject({ status: 'error', error: 'No provider is set up.' })

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const second = chats.send(chat.id, 'two')
    await vi.waitFor(() => expect(targets.resolve).toHaveBeenCalledTimes(2))
    targets.fail(new TypeError("Cannot read properties of undefined (reading 'secret/path')"))
    const answer = (await second).assistantMessage
    expect(answer.error).toMatch(/something went wrong inside Roundtable/)
    expect(answer.error).not.toContain('secret/path')
    expect(logged).toHaveBeenCalled()
    logged.mockRestore()
  })
})
