import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CacheSettings } from '../../../shared/providers'
import { type Db, openDatabase } from './database'
import { type CachedAnswer, ResponseCache } from './response-cache'

const DAY = 86_400_000
const source = { providerId: 'openai', model: 'gpt-4o' }

let dir: string
let db: Db
let clock: number
let settings: CacheSettings
let cache: ResponseCache

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-cache-'))
  db = openDatabase(join(dir, 'roundtable.db')).db
  clock = 1_000_000
  settings = { ttlDays: 7, maxMegabytes: 1 }
  cache = new ResponseCache(
    db,
    () => settings,
    () => clock,
  )
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

afterEach(() => {
  vi.restoreAllMocks()
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const answer = (text: string, extra: Partial<CachedAnswer> = {}): CachedAnswer => ({
  text,
  thinking: '',
  tools: [],
  usage: { input: 10, output: 3 },
  finishReason: 'stop',
  ...extra,
})

const keys = () =>
  db
    .prepare<[], { key: string }>('SELECT key FROM response_cache ORDER BY key')
    .all()
    .map((row) => row.key)

describe('ResponseCache', () => {
  it('gives back what was put, whole, and counts lookups and hits', () => {
    const kept = answer('Four.', {
      thinking: '2 + 2',
      tools: ['search'],
      usage: { input: 5, output: 1, reasoning: 7 },
    })
    cache.put('k1', source, kept)
    expect(cache.get('k1', source)).toEqual(kept)
    expect(cache.get('nope', source)).toBeNull()
    const stats = cache.stats()
    expect(stats).toMatchObject({ entries: 1, hits: 1, lookups: 2 })
    expect(stats.bytes).toBeGreaterThan('Four.'.length)
    const row = db.prepare<[], { hits: number }>('SELECT hits FROM response_cache').get()
    expect(row?.hits).toBe(1)
  })

  it('removes the entries one chat wrote, and only those, keeping the size right', () => {
    const addChat = db.prepare(
      "INSERT INTO chats (id, title, created_at, updated_at) VALUES (?, 'chat', 0, 0)",
    )
    for (const id of ['chat-a', 'chat-b', 'chat-c']) addChat.run(id)
    cache.put('a1', source, answer('from a'), 'chat-a')
    cache.put('a2', source, answer('from a again'), 'chat-a')
    cache.put('b1', source, answer('from b'), 'chat-b')
    cache.put('app', source, answer('from the app'))
    const bytesOf = (key: string) =>
      db.prepare<[string], { bytes: number }>('SELECT bytes FROM response_cache WHERE key = ?').get(key)
        ?.bytes ?? 0
    const left = bytesOf('b1') + bytesOf('app')
    expect(cache.removeForChat('chat-a')).toBe(2)
    expect(keys()).toEqual(['app', 'b1'])
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: left })
    // Written again by another chat, an entry belongs to that one.
    cache.put('b1', source, answer('from b'), 'chat-c')
    expect(cache.removeForChat('chat-b')).toBe(0)
    expect(cache.removeForChat('chat-c')).toBe(1)
    expect(keys()).toEqual(['app'])
    // A chat that went while its request ran leaves nothing behind.
    expect(cache.put('late', source, answer('too late'), 'chat-gone')).toBe(false)
    expect(keys()).toEqual(['app'])
  })

  it('does not serve a row older than the TTL, and removes it', () => {
    cache.put('k1', source, answer('old'))
    clock += 7 * DAY - 1
    expect(cache.get('k1', source)?.text).toBe('old')
    clock += 1
    expect(cache.get('k1', source)).toBeNull()
    expect(keys()).toEqual([])
    expect(cache.stats().bytes).toBe(0)
  })

  it('follows a TTL changed in Settings', () => {
    cache.put('k1', source, answer('a'))
    clock += 2 * DAY
    settings = { ...settings, ttlDays: 1 }
    expect(cache.get('k1', source)).toBeNull()
  })

  it('drops rows unused for longer than the TTL when it writes', () => {
    cache.put('old', source, answer('a'))
    clock += 8 * DAY
    cache.put('new', source, answer('b'))
    expect(keys()).toEqual(['new'])
  })

  it('evicts the least recently used rows until the total fits the cap', () => {
    const text = 'x'.repeat(300_000) // about 0.29 MB each: three fit in 1 MB, four do not
    cache.put('a', source, answer(text))
    clock += 1
    cache.put('b', source, answer(text))
    clock += 1
    cache.put('c', source, answer(text))
    clock += 1
    // Using a makes b the least recently used.
    expect(cache.get('a', source)).not.toBeNull()
    clock += 1
    cache.put('d', source, answer(text))
    expect(keys()).toEqual(['a', 'c', 'd'])
    const stats = cache.stats()
    expect(stats.entries).toBe(3)
    expect(stats.bytes).toBeLessThanOrEqual(1024 * 1024)
    const summed = db.prepare<[], { total: number }>('SELECT sum(bytes) AS total FROM response_cache').get()
    expect(stats.bytes).toBe(summed?.total)
  })

  it('makes room under a cap lowered in Settings at the next write', () => {
    const text = 'y'.repeat(300_000)
    settings = { ...settings, maxMegabytes: 2 }
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      cache.put(key, source, answer(text))
      clock += 1
    }
    expect(keys()).toHaveLength(5)
    settings = { ...settings, maxMegabytes: 1 }
    cache.put('f', source, answer('small'))
    expect(keys()).toEqual(['c', 'd', 'e', 'f'])
  })

  it('does not keep an answer bigger than the whole cap, and evicts nothing for it', () => {
    cache.put('a', source, answer('small'))
    expect(cache.put('huge', source, answer('z'.repeat(1_100_000)))).toBe(false)
    expect(keys()).toEqual(['a'])
  })

  it('replaces a row put again under the same key, counting its bytes once', () => {
    cache.put('a', source, answer('first'))
    const before = cache.stats().bytes
    cache.put('a', source, answer('other'))
    expect(cache.get('a', source)?.text).toBe('other')
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: before })
  })

  it.each([
    ['not JSON', '{"text": "half'],
    ['not an object', '"just text"'],
    ['a field missing', JSON.stringify({ text: 'hi', thinking: '', tools: [], usage: null })],
    ['a field of the wrong kind', JSON.stringify({ ...answer('hi'), text: 42 })],
    ['negative usage', JSON.stringify({ ...answer('hi'), usage: { input: -1, output: 2 } })],
  ])('treats a row that is %s as a miss and removes it', (_what, stored) => {
    cache.put('k1', source, answer('hi'))
    db.prepare('UPDATE response_cache SET answer = ? WHERE key = ?').run(stored, 'k1')
    expect(cache.get('k1', source)).toBeNull()
    expect(keys()).toEqual([])
    expect(cache.stats()).toMatchObject({ bytes: 0, entries: 0, hits: 0, lookups: 1 })
  })

  it('does not serve a row that names another model than the one asked', () => {
    cache.put('k1', source, answer('hi'))
    expect(cache.get('k1', { providerId: 'openai', model: 'gpt-4o-mini' })).toBeNull()
    expect(keys()).toEqual([])
  })

  it('clear empties it and starts the hit rate afresh', () => {
    cache.put('a', source, answer('a'))
    cache.put('b', source, answer('b'))
    cache.get('a', source)
    expect(cache.clear()).toEqual({ bytes: 0, entries: 0, hits: 0, lookups: 0 })
    expect(keys()).toEqual([])
  })

  it('counts the bytes already on disk when opened again', () => {
    cache.put('a', source, answer('a'.repeat(1_000)))
    const bytes = cache.stats().bytes
    const reopened = new ResponseCache(
      db,
      () => settings,
      () => clock,
    )
    expect(reopened.stats()).toEqual({ bytes, entries: 1, hits: 0, lookups: 0 })
  })
})
