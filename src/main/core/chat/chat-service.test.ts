// The chat service's own bookkeeping, with the pipeline's target lookup held open by the test: the
// answer exists (waiting) at once, and what happens when a chat is deleted or the app closes meanwhile.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AnswerProgressEvent, StreamBatch } from '../../../shared/types'
import { BreakerBoard } from '../pipeline/breaker-board'
import { Bulkheads } from '../pipeline/bulkhead'
import { createChatPipeline } from '../pipeline/chat-pipeline'
import { DEFAULT_REQUEST_POLICY } from '../pipeline/policy'
import type { ResolvedTarget } from '../pipeline/stages/target'
import { ChatStore } from '../store/chat-store'
import { type Db, openDatabase } from '../store/database'
import { ChatService } from './chat-service'
import { NoTargetError } from './chat-target'
import { ChatTurns } from './chat-turns'

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
  let release: (target: ResolvedTarget) => void = () => {}
  let fail: (error: unknown) => void = () => {}
  const resolve = vi.fn(
    () =>
      new Promise<ResolvedTarget>((ok, no) => {
        release = ok
        fail = no
      }),
  )
  return { resolve, release: (t: ResolvedTarget) => release(t), fail: (e: unknown) => fail(e) }
}

function service(resolve: () => Promise<ResolvedTarget>) {
  const batches: StreamBatch[] = []
  const progress: AnswerProgressEvent[] = []
  const chats = new ChatService({
    store,
    sink: {
      emit: (event, payload) => {
        if (event === 'stream') batches.push(payload as StreamBatch)
        if (event === 'answerProgress') progress.push(payload as AnswerProgressEvent)
      },
    },
    pipeline: createChatPipeline({
      resolve,
      policy: () => DEFAULT_REQUEST_POLICY,
      breakers: new BreakerBoard(null),
      bulkheads: new Bulkheads(() => 4),
    }),
  })
  const turns = new ChatTurns(store, chats, () => null)
  return { chats, turns, batches, progress }
}

const oneWordProvider: ResolvedTarget = {
  provider: {
    id: 'p',
    name: 'P',
    baseURL: 'http://127.0.0.1:1',
    async *streamChat() {
      yield { type: 'open' }
      yield { type: 'delta', text: 'Hi' }
      yield { type: 'done', finishReason: 'stop', usage: null }
    },
    listModels: async () => [],
  },
  model: 'm',
  system: null,
  params: {},
}

describe('ChatService while an answer is being set up', () => {
  it('the answer exists at once, waiting; nothing can be built on it until it is done', async () => {
    const targets = heldTarget()
    const { chats, turns } = service(targets.resolve)
    const chat = store.createChat()
    const sent = await turns.send(chat.id, 'hello')
    expect(sent.assistantMessage).toMatchObject({ status: 'streaming', model: null })
    await expect(turns.send(chat.id, 'again')).rejects.toThrow(/still coming/)
    targets.release(oneWordProvider)
    await chats.settle()
    // The model that answered is recorded once the pipeline chose it.
    expect(store.getMessage(sent.assistantMessage.id)).toMatchObject({
      status: 'complete',
      content: 'Hi',
      provider: 'p',
      model: 'm',
      finishReason: 'stop',
    })
  })

  it('a chat deleted meanwhile takes its answer with it, and nothing is written after', async () => {
    const targets = heldTarget()
    const { chats, turns } = service(targets.resolve)
    const chat = store.createChat()
    await turns.send(chat.id, 'hello')
    const stopping = chats.stopChat(chat.id)
    targets.release(oneWordProvider)
    await stopping
    store.deleteChat(chat.id)
    await chats.settle()
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 })
  })

  it('shutting down during set-up ends the answer as interrupted, and refuses new ones', async () => {
    const targets = heldTarget()
    const { chats, turns } = service(targets.resolve)
    const chat = store.createChat()
    const sent = await turns.send(chat.id, 'hello')
    const closing = chats.shutdown()
    targets.release(oneWordProvider)
    await closing
    expect(store.getMessage(sent.assistantMessage.id)).toMatchObject({
      status: 'interrupted',
      error: 'Roundtable closed before this answer finished.',
    })
    await expect(turns.send(chat.id, 'later')).rejects.toThrow(/closing/)
  })

  it('a lookup that fails becomes a failed answer in words; an unexpected error is logged, not shown', async () => {
    const targets = heldTarget()
    const { chats, turns } = service(targets.resolve)
    const chat = store.createChat()
    const first = await turns.send(chat.id, 'one')
    targets.fail(new NoTargetError('No provider is set up.'))
    await chats.settle()
    expect(store.getMessage(first.assistantMessage.id)).toMatchObject({
      status: 'error',
      error: 'No provider is set up.',
    })

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const second = await turns.send(chat.id, 'two')
    targets.fail(new TypeError("Cannot read properties of undefined (reading 'secret/path')"))
    await chats.settle()
    const answer = store.getMessage(second.assistantMessage.id)
    expect(answer?.error).toMatch(/did not expect/)
    expect(answer?.error).not.toContain('secret/path')
    expect(logged).toHaveBeenCalled()
    logged.mockRestore()
  })

  it('tells the page what the answer waits for, then clears it at the first token', async () => {
    const { chats, turns, progress } = service(async () => oneWordProvider)
    const chat = store.createChat()
    await turns.send(chat.id, 'hello')
    await chats.settle()
    const phases = progress.map((p) => p.progress?.phase ?? null)
    expect(phases).toContain('connecting')
    expect(phases).toContain('waiting')
    expect(phases.at(-1)).toBeNull()
    expect(progress.at(-1)).toMatchObject({ providerId: 'p', model: 'm' })
  })
})
