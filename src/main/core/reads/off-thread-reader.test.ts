import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Trace } from '../../../shared/types'
import { ChatStore } from '../store/chat-store'
import { type Db, openDatabase } from '../store/database'
import { TraceStore } from '../traces/trace-store'
import { UserFacingError } from '../user-facing-error'
import { OffThreadReader } from './off-thread-reader'

let dir: string
let db: Db
let path: string
const WORKER = new URL('./read-worker.ts', import.meta.url)
const HOUR = 3_600_000
const NOW = Date.UTC(2026, 11, 2, 12, 30)

function trace(overrides: Partial<Trace>): Trace {
  return {
    id: crypto.randomUUID(),
    chatId: null,
    messageId: null,
    purpose: 'answer',
    providerId: 'p1',
    providerName: 'Fake',
    model: 'm1',
    route: null,
    status: 'complete',
    errorKind: null,
    finishReason: 'stop',
    startedAt: NOW - HOUR,
    queueMs: null,
    firstTokenMs: 100,
    durationMs: 1_000,
    tokensIn: 10,
    tokensOut: 20,
    tokensEstimated: false,
    tokensPerSecond: 20,
    cost: 0.001,
    cacheHit: false,
    context: null,
    attempts: [],
    ...overrides,
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-reads-'))
  path = join(dir, 'roundtable.db')
  db = openDatabase(path).db
})

afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('OffThreadReader', () => {
  it('answers from its worker thread: percentiles by nearest rank, buckets by the hour', async () => {
    // First-token times 1..100 ms: p50 is 50, p95 is 95.
    new TraceStore(db).write(
      Array.from({ length: 100 }, (_, i) =>
        trace({ firstTokenMs: i + 1, status: i < 10 ? 'error' : 'complete' }),
      ),
    )
    const reader = new OffThreadReader(db, path, WORKER)
    const report = await reader.figures('24h', NOW)
    expect(reader.offThread).toBe(true)
    const [model] = report.models
    expect(model).toMatchObject({ requests: 100, errors: 10 })
    // Read from 10 %-wide bins: within 5 % of the exact figures.
    expect(Math.abs((model?.p50FirstTokenMs ?? 0) - 50) / 50).toBeLessThanOrEqual(0.05)
    expect(Math.abs((model?.p95FirstTokenMs ?? 0) - 95) / 95).toBeLessThanOrEqual(0.05)
    expect(report.buckets).toHaveLength(24)
    const busy = report.buckets.filter((bucket) => bucket.requests > 0)
    expect(busy).toEqual([expect.objectContaining({ start: NOW - HOUR - (NOW % HOUR), requests: 100 })])
    const month = await reader.figures('30d', NOW)
    expect(month.buckets).toHaveLength(30)
    expect(month.totals).toMatchObject({ requests: 100, errors: 10 })
    await reader.close()
  })

  it("reads a chat's thread and its messages by id on the worker; a missing chat keeps its error code", async () => {
    const store = new ChatStore(db)
    const chat = store.createChat('On the worker')
    const question = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'hello',
      status: 'complete',
    })
    const reader = new OffThreadReader(db, path, WORKER)
    const thread = await reader.thread(chat.id)
    expect(reader.offThread).toBe(true)
    expect(thread).toMatchObject({ chat: { title: 'On the worker' }, path: [question.id] })
    expect(thread.messages.map((m) => m.content)).toEqual(['hello'])
    expect((await reader.messages(chat.id, [question.id])).map((m) => m.id)).toEqual([question.id])
    const gone = await reader.thread('no-such-chat').catch((error: unknown) => error)
    expect(gone).toBeInstanceOf(UserFacingError)
    expect(gone).toMatchObject({ code: 'not-found' })
    await reader.close()
  })

  it('a worker that cannot start leaves the queries to the main connection, with the same answers', async () => {
    new TraceStore(db).write([trace({})])
    const problems: string[] = []
    const reader = new OffThreadReader(db, path, new URL('./no-such-worker.js', import.meta.url), (p) =>
      problems.push(p),
    )
    const report = await reader.figures('7d', NOW)
    expect(report.totals.requests).toBe(1)
    expect(reader.offThread).toBe(false)
    expect(problems).toHaveLength(1)
    expect((await reader.log({ range: '7d' }, NOW)).length).toBe(1)
    await reader.close()
  })
})
