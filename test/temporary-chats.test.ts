// Temporary chats through a real core (a real SQLite file, the fake provider over real HTTP), with the
// expiry's clock and timer in the test's hands: a temporary chat ends the Temporary chats setting's
// time after it starts, and is then deleted with its cache entries and its traces' text, while the
// traces' figures and every other chat stay. Nothing here waits for the wall clock to pass an hour.
import { afterEach, describe, expect, it } from 'vitest'
import type { ExpiryClock } from '../src/main/core/chat/temporary-chats'
import { MAX_WAIT_MS, temporaryChatTtlFromEnv } from '../src/main/core/chat/temporary-chats'
import { ResponseCache } from '../src/main/core/store/response-cache'
import { TraceStore } from '../src/main/core/traces/trace-store'
import { calls } from '../src/shared/contract'
import { type Harness, startHarness, waitFor } from './support/core-harness'

const HOUR = 3_600_000

/**
 * The computer's clock moved on by the test: timers fire when it passes their time, not before (the
 * chats' own times come from the computer's clock, so this one follows it, plus what the test added).
 */
function fakeClock() {
  let offset = 0
  const now = () => Date.now() + offset
  let seq = 0
  const timers = new Map<number, { at: number; wait: number; run: () => void }>()
  const clock: ExpiryClock = {
    now,
    setTimer(run, ms) {
      seq += 1
      timers.set(seq, { at: now() + ms, wait: ms, run })
      return seq
    },
    clearTimer: (timer) => timers.delete(timer as number),
  }
  return {
    clock,
    /** The waits of the timers set and not yet fired. */
    waits: () => [...timers.values()].map((t) => t.wait),
    /** Moves the clock on, fires what is due, and lets what that started take its first steps. */
    async advance(ms: number) {
      offset += ms
      for (const [id, timer] of [...timers]) {
        if (timer.at > now()) continue
        timers.delete(id)
        timer.run()
      }
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

async function start(time = fakeClock()) {
  h = await startHarness({ core: { expiryClock: time.clock } })
  return { h, time }
}

/** A temporary chat of an hour with a long answer under way (its first words already shown). */
async function answeringTemporaryChat() {
  const { h, time } = await start()
  const { handlers } = h.core
  await handlers.updateSettings({ temporaryChats: { hours: 1 } })
  const chat = await handlers.createChat({ temporary: true })
  const sent = await handlers.sendMessage({ chatId: chat.id, text: 'long #words=5000 #delay=2' })
  await waitFor(() => h.batches.some((b) => b.messageId === sent.assistantMessage.id), 'the first words')
  return { h, time, handlers, chat, sent }
}

const removedEvents = (harness: Harness) =>
  harness.events.filter((e) => e.event === 'chatRemoved').map((e) => (e.payload as { chatId: string }).chatId)

async function answered(harness: Harness, chatId: string, text: string) {
  const sent = await harness.core.handlers.sendMessage({ chatId, text })
  await harness.core.chats.settle()
  return sent.assistantMessage.id
}

describe('a temporary chat', () => {
  it('ends the Temporary chats setting after it starts (24 hours unless changed); a plain chat has no end', async () => {
    const { h } = await start()
    const { handlers } = h.core
    expect((await handlers.getSettings(undefined)).temporaryChats).toEqual({ hours: 24 })
    const plain = await handlers.createChat(undefined)
    expect(plain.expiresAt).toBeNull()
    const day = await handlers.createChat({ temporary: true })
    expect(day.expiresAt).toBe(day.createdAt + 24 * HOUR)

    await handlers.updateSettings({ temporaryChats: { hours: 2 } })
    const short = await handlers.createChat({ temporary: true })
    expect(short.expiresAt).toBe(short.createdAt + 2 * HOUR)
    // What was made before the change keeps its end; the list says which chats are temporary.
    const listed = await handlers.listChats(undefined)
    expect(listed.find((c) => c.id === day.id)?.expiresAt).toBe(day.expiresAt)
    expect(listed.find((c) => c.id === plain.id)?.expiresAt).toBeNull()
  })

  it('the setting is refused outside an hour to 30 days, in words', () => {
    const input = calls.updateSettings.input
    expect(input.safeParse({ temporaryChats: { hours: 1 } }).success).toBe(true)
    expect(input.safeParse({ temporaryChats: { hours: 720 } }).success).toBe(true)
    const tooShort = input.safeParse({ temporaryChats: { hours: 0 } })
    expect(tooShort.error?.issues[0]?.message).toBe('At least 1 hour.')
    const tooLong = input.safeParse({ temporaryChats: { hours: 721 } })
    expect(tooLong.error?.issues[0]?.message).toBe('At most 720 hours (30 days).')
    expect(input.safeParse({ temporaryChats: { hours: 1.5 } }).success).toBe(false)
    // createChat still takes no input at all, as before.
    expect(calls.createChat.input.safeParse(undefined).success).toBe(true)
    expect(calls.createChat.input.safeParse({ temporary: 'yes' }).success).toBe(false)
  })

  it('is deleted once its time has passed, with its cache entries and its traces’ text; figures and other chats stay', async () => {
    const { h, time } = await start()
    const { handlers } = h.core
    const db = h.core.db
    await handlers.updateSettings({ temporaryChats: { hours: 1 } })
    const kept = await handlers.createChat(undefined)
    const temporary = await handlers.createChat({ temporary: true })
    for (const chat of [kept, temporary]) {
      // Every answer goes to the cache, so each chat writes entries of its own.
      await handlers.updateChatSettings({ chatId: chat.id, cacheMode: 'always' })
      await answered(h, chat.id, `Hello from ${chat.id}`)
      // A failed request leaves error text in its trace's attempts.
      await answered(h, chat.id, 'Fail #fault=500')
    }
    h.core.traces.flush()
    const cacheOf = (chatId: string) =>
      db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM response_cache WHERE chat_id = ?')
        .get(chatId)?.n
    const tracesOf = (chatId: string) =>
      db
        .prepare<[string], { id: string }>('SELECT id FROM traces WHERE chat_id = ?')
        .all(chatId)
        .map((r) => r.id)
    const errorsOf = (traceIds: string[]) =>
      db
        .prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM trace_attempts WHERE error IS NOT NULL AND trace_id IN (SELECT value FROM json_each(?))',
        )
        .get(JSON.stringify(traceIds))?.n
    const allTraces = () => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM traces').get()?.n
    const rollups = () =>
      db
        .prepare<[], { requests: number; errors: number }>(
          `SELECT sum(requests) AS requests, sum(errors) AS errors FROM trace_rollups WHERE span = 'day'`,
        )
        .get()
    expect(cacheOf(temporary.id)).toBe(1)
    expect(cacheOf(kept.id)).toBe(1)
    const temporaryTraces = tracesOf(temporary.id)
    expect(temporaryTraces).toHaveLength(2)
    expect(errorsOf(temporaryTraces)).toBeGreaterThan(0)
    const before = { traces: allTraces(), rollups: rollups(), keptErrors: errorsOf(tracesOf(kept.id)) }

    // The timer waits for its end (an hour after it was made), and nothing happens a minute before it.
    expect(time.waits()).toHaveLength(1)
    expect(time.waits()[0]).toBeGreaterThan(HOUR - 60_000)
    expect(time.waits()[0]).toBeLessThanOrEqual(HOUR)
    await time.advance(HOUR - 60_000)
    await h.core.chats.settle()
    expect((await handlers.listChats(undefined)).map((c) => c.id)).toContain(temporary.id)

    await time.advance(60_000)
    await waitFor(() => removedEvents(h).includes(temporary.id), 'the chat to expire')
    expect((await handlers.listChats(undefined)).map((c) => c.id)).toEqual([kept.id])
    await expect(handlers.openChat({ chatId: temporary.id })).rejects.toThrow()
    expect(db.prepare('SELECT count(*) AS n FROM messages WHERE chat_id = ?').get(temporary.id)).toEqual({
      n: 0,
    })
    expect(cacheOf(temporary.id)).toBe(0)
    expect(tracesOf(temporary.id)).toEqual([])
    expect(errorsOf(temporaryTraces)).toBe(0)
    // Detached, not deleted: Monitoring's counts are the same.
    expect(
      db
        .prepare<[string], { chat_id: string | null; message_id: string | null }>(
          'SELECT chat_id, message_id FROM traces WHERE id IN (SELECT value FROM json_each(?))',
        )
        .all(JSON.stringify(temporaryTraces)),
    ).toEqual([
      { chat_id: null, message_id: null },
      { chat_id: null, message_id: null },
    ])
    expect(allTraces()).toBe(before.traces)
    expect(rollups()).toEqual(before.rollups)
    // The other chat keeps everything.
    expect(cacheOf(kept.id)).toBe(1)
    expect(errorsOf(tracesOf(kept.id))).toBe(before.keptErrors)
    expect((await handlers.openChat({ chatId: kept.id })).messages).toHaveLength(4)
    // Nothing temporary is left, so no timer waits.
    expect(time.waits()).toEqual([])
  })

  it('kept with Keep chat, is never deleted', async () => {
    const { h, time } = await start()
    const { handlers } = h.core
    await handlers.updateSettings({ temporaryChats: { hours: 1 } })
    const chat = await handlers.createChat({ temporary: true })
    await answered(h, chat.id, 'Keep me')
    const kept = await handlers.keepChat({ chatId: chat.id })
    expect(kept.expiresAt).toBeNull()
    expect(time.waits()).toEqual([])
    await time.advance(48 * HOUR)
    await h.core.chats.settle()
    expect((await handlers.listChats(undefined)).map((c) => c.id)).toEqual([chat.id])
    expect(removedEvents(h)).toEqual([])
    await expect(handlers.keepChat({ chatId: 'no-such-chat' })).rejects.toThrow()
  })

  it('waits at most an hour at a time, and catches up after the computer slept past the end', async () => {
    const { h, time } = await start()
    const { handlers } = h.core
    const chat = await handlers.createChat({ temporary: true })
    // 24 hours away: the timer looks again within the hour.
    expect(time.waits()).toEqual([MAX_WAIT_MS])
    await time.advance(MAX_WAIT_MS)
    expect(time.waits()).toEqual([MAX_WAIT_MS])
    // A jump past the end (sleep, a clock change): the next look deletes it.
    await time.advance(30 * HOUR)
    await waitFor(() => removedEvents(h).includes(chat.id), 'the chat to expire')
    expect(await handlers.listChats(undefined)).toEqual([])
  })

  it('that expired while Roundtable was closed is gone at start, before anything is listed', async () => {
    const time = fakeClock()
    const { h } = await start(time)
    const { handlers } = h.core
    await handlers.updateSettings({ temporaryChats: { hours: 1 } })
    const chat = await handlers.createChat({ temporary: true })
    const other = await handlers.createChat(undefined)
    await answered(h, other.id, 'Stay')
    // Closed, and opened again three hours later.
    await h.core.close()
    await time.advance(3 * HOUR)
    const core = await h.restart()
    expect((await core.handlers.listChats(undefined)).map((c) => c.id)).toEqual([other.id])
    expect(removedEvents(h)).toContain(chat.id)
  })

  it('mid-answer, has its answer stopped before it is deleted', async () => {
    const { h, time, handlers, chat, sent } = await answeringTemporaryChat()
    await time.advance(HOUR)
    await waitFor(() => removedEvents(h).includes(chat.id), 'the chat to expire')
    expect(h.core.chats.isAnswering(sent.assistantMessage.id)).toBe(false)
    await waitFor(() => h?.fake.inFlight === 0, 'the provider to see the abort')
  })

  it('kept while its expiry stops its answer, stays: the keep wins', async () => {
    const { h, time, handlers, chat, sent } = await answeringTemporaryChat()
    // The sweep begins at once (it is stopping the answer before it deletes the chat); Keep chat
    // comes while it waits for that.
    const sweeping = time.advance(HOUR)
    await handlers.keepChat({ chatId: chat.id })
    await sweeping
    await waitFor(() => !h.core.chats.isAnswering(sent.assistantMessage.id), 'the answer to stop')
    await h.core.chats.settle()
    await time.advance(HOUR)
    expect((await handlers.listChats(undefined)).map((c) => c.id)).toEqual([chat.id])
    expect(removedEvents(h)).toEqual([])
  })
})

describe('export', () => {
  it('Export all chats leaves temporary chats out; Export chat on one still saves it', async () => {
    const { h } = await start()
    const { handlers } = h.core
    const kept = await handlers.createChat(undefined)
    await answered(h, kept.id, 'Kept words')
    const temporary = await handlers.createChat({ temporary: true })
    await answered(h, temporary.id, 'Passing words')
    const all = JSON.parse((await handlers.exportAllChats(undefined)).text) as { chats: { id: string }[] }
    expect(all.chats.map((chat) => chat.id)).toEqual([kept.id])
    const one = await handlers.exportChat({ chatId: temporary.id, format: 'markdown' })
    expect(one.text).toContain('Passing words')
  })
})

describe('Delete chat', () => {
  it('takes the chat’s cache entries and traces’ text with it too (the figures stay)', async () => {
    const { h } = await start()
    const { handlers } = h.core
    const db = h.core.db
    const chat = await handlers.createChat(undefined)
    await handlers.updateChatSettings({ chatId: chat.id, cacheMode: 'always' })
    await answered(h, chat.id, 'Hello')
    await answered(h, chat.id, 'Fail #fault=500')
    h.core.traces.flush()
    const traces = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM traces').get()?.n
    // What each answer was sent names its first message: that id goes with the chat too.
    const naming = () =>
      db
        .prepare<[], { n: number }>(
          "SELECT count(*) AS n FROM traces WHERE json_extract(context, '$.firstSentId') IS NOT NULL",
        )
        .get()?.n
    expect(naming()).toBeGreaterThan(0)
    await handlers.deleteChat({ chatId: chat.id })
    expect(naming()).toBe(0)
    expect(db.prepare('SELECT count(*) AS n FROM response_cache').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM trace_attempts WHERE error IS NOT NULL').get()).toEqual({
      n: 0,
    })
    expect(db.prepare('SELECT count(*) AS n FROM traces WHERE chat_id IS NOT NULL').get()).toEqual({ n: 0 })
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM traces').get()?.n).toBe(traces)
    // The page made this call: no event is sent for it.
    expect(removedEvents(h)).toEqual([])
  })
})

describe('a request that ends after its chat was deleted (a title asked for as the chat expired)', () => {
  it('leaves no cache entry and a trace that neither names the chat nor keeps its error text', async () => {
    const { h } = await start()
    const { handlers } = h.core
    const db = h.core.db
    const chat = await handlers.createChat(undefined)
    const failed = await answered(h, chat.id, 'Fail #fault=500')
    h.core.traces.flush()
    const trace = await handlers.getTrace({ messageId: failed })
    expect(trace?.attempts[0]?.error).toEqual(expect.any(String))
    await handlers.deleteChat({ chatId: chat.id })
    if (!trace) throw new Error('no trace')

    // What the late request's stages write once the chat is gone.
    new TraceStore(db).write([{ ...trace, id: 'late-trace' }])
    const cache = new ResponseCache(db, () => ({ ttlDays: 7, maxMegabytes: 10 }))
    const kept = { text: 'A title', thinking: '', tools: [], usage: null, finishReason: 'stop' }
    expect(cache.put('late-key', { providerId: 'p', model: 'm' }, kept, chat.id)).toBe(false)

    expect(db.prepare('SELECT chat_id, message_id FROM traces WHERE id = ?').get('late-trace')).toEqual({
      chat_id: null,
      message_id: null,
    })
    expect(
      db
        .prepare('SELECT count(*) AS n FROM trace_attempts WHERE trace_id = ? AND error IS NOT NULL')
        .get('late-trace'),
    ).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM response_cache').get()).toEqual({ n: 0 })
  })
})

describe('ROUNDTABLE_TEMPORARY_CHAT_TTL_MS', () => {
  it('takes a whole number of ms from a second to a day, and nothing else', () => {
    expect(temporaryChatTtlFromEnv('15000')).toEqual({ temporaryChatTtlMs: 15_000 })
    for (const value of [undefined, '', '999', '1e5', '-5000', '15000ms', String(25 * HOUR)])
      expect(temporaryChatTtlFromEnv(value)).toBeUndefined()
  })
})
