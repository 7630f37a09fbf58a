import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ftsString, parseQuery } from '../../../shared/search-query'
import { ChatStore } from '../store/chat-store'
import { type Db, openDatabase } from '../store/database'
import { migrations, runMigration } from '../store/migrations'
import { BACKFILL_BATCH } from '../store/migrations/009-search-index'
import { removeSubtree, restoreRemoved } from '../store/removed-messages'
import { findInChat, search, snippet } from './search-queries'

const DAY = 24 * 3_600_000

describe('parseQuery', () => {
  it('reads filters and leaves the rest as words', () => {
    const query = parseQuery('model:gpt-4o role:assistant in:title before:2025-03-01 after:2025-01-31 index')
    expect(query.terms).toEqual(['index'])
    expect(query.model).toBe('gpt-4o')
    expect(query.role).toBe('assistant')
    expect(query.inTitle).toBe(true)
    expect(query.before).toBe(new Date(2025, 2, 1).getTime())
    // after: a day means after the whole of it
    expect(query.after).toBe(new Date(2025, 1, 1).getTime())
    expect(query.notes).toEqual([])
  })

  it('takes FTS syntax as text: quotes, *, NEAR, -, parentheses', () => {
    expect(parseQuery('"exact phrase" foo* NEAR(a b) -x ^y').terms).toEqual([
      'exact phrase',
      'foo*',
      'NEAR(a',
      'b)',
      '-x',
      '^y',
    ])
    expect(parseQuery('"').terms).toEqual(['"'])
    expect(parseQuery('say "hi').terms).toEqual(['say', '"hi'])
    expect(ftsString('a"b')).toBe('"a""b"')
  })

  it('says which filter values it could not read, and ignores them', () => {
    const query = parseQuery('before:yesterday role:robot in:body after:2025-02-30 word')
    expect(query.terms).toEqual(['word'])
    expect(query.before).toBeNull()
    expect(query.after).toBeNull()
    expect(query.role).toBeNull()
    expect(query.notes).toHaveLength(4)
  })

  it('keeps CJK as it is (no spaces to split on)', () => {
    expect(parseQuery('数据库 設計').terms).toEqual(['数据库', '設計'])
    // "model:" with no value is a word
    expect(parseQuery('model:').terms).toEqual(['model:'])
  })
})

describe('snippet', () => {
  it('marks every match near the first, case-insensitively, on one line', () => {
    expect(snippet('The Index\nand the index again', ['index'])).toEqual([
      { text: 'The ', match: false },
      { text: 'Index', match: true },
      { text: ' and the ', match: false },
      { text: 'index', match: true },
      { text: ' again', match: false },
    ])
  })

  it('cuts long text around the match with ellipses, never mid-character', () => {
    const text = `${'😀'.repeat(100)}分布式数据库的设计${'x'.repeat(300)}`
    const parts = snippet(text, ['数据库'])
    expect(parts[0]?.text.startsWith('…😀')).toBe(true)
    expect(parts.at(-1)?.text.endsWith('x…')).toBe(true)
    expect(parts.find((part) => part.match)?.text).toBe('数据库')
    expect(parts.map((part) => part.text).join('')).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})

describe('the search index', () => {
  let dir: string
  let db: Db
  let clock: number
  let store: ChatStore

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rt-search-'))
    db = openDatabase(join(dir, 'roundtable.db')).db
    clock = Date.now()
    store = new ChatStore(db, () => clock)
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const indexed = () =>
    db
      .prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM message_search WHERE message_search MATCH 'zebra'",
      )
      .get()?.n
  const found = (query: string) =>
    search(db, query, clock).hits.map((hit) => hit.messageId ?? `title:${hit.chatId}`)
  const integrity = () =>
    db.exec("INSERT INTO message_search(message_search, rank) VALUES ('integrity-check', 1)")

  it('indexes an answer when it finishes, not while it streams', () => {
    const chat = store.createChat()
    const answer = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'assistant',
      content: '',
      status: 'streaming',
    })
    store.appendContent(answer.id, 'a zebra ')
    store.appendContent(answer.id, 'crossing')
    expect(indexed()).toBe(0)
    store.finishMessage(answer.id, { status: 'complete', error: null }, ' the road')
    expect(indexed()).toBe(1)
    expect(found('zebra crossing')).toEqual([answer.id])
    integrity()
  })

  it('stays in step when text changes, a message is deleted and put back, a chat is renamed or deleted', () => {
    const chat = store.createChat('Animals')
    const question = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'tell me of the zebra',
      status: 'complete',
    })
    const answer = store.addMessage({
      chatId: chat.id,
      parentId: question.id,
      role: 'assistant',
      content: 'zebras have stripes',
      status: 'complete',
    })
    expect(found('zebra')).toEqual(expect.arrayContaining([question.id, answer.id]))

    db.prepare('UPDATE messages SET content = ? WHERE id = ?').run('tell me of the okapi', question.id)
    expect(found('zebra')).toEqual([answer.id])
    expect(found('okapi')).toEqual([question.id])

    const removed = removeSubtree(db, question.id, clock)
    expect(found('okapi')).toEqual([])
    expect(found('stripes')).toEqual([])
    if (removed) restoreRemoved(db, removed, clock)
    expect(found('stripes')).toEqual([answer.id])

    store.renameChat(chat.id, 'Savanna animals')
    expect(found('savanna')).toEqual([`title:${chat.id}`])
    expect(found('animals')).toEqual([`title:${chat.id}`])

    store.deleteChat(chat.id)
    expect(found('stripes')).toEqual([])
    expect(found('savanna')).toEqual([])
    integrity()
  })

  it('never removes what it never indexed: deleting a streaming answer leaves the index sound', () => {
    const chat = store.createChat()
    const answer = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'assistant',
      content: 'zebra',
      status: 'streaming',
    })
    db.prepare('DELETE FROM messages WHERE id = ?').run(answer.id)
    integrity()
    expect(store.markAbandonedStreams()).toBe(0)
  })

  it('finds substrings in Chinese and Japanese, and one or two characters by scanning', () => {
    const chat = store.createChat()
    const zh = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: '分布式数据库的设计',
      status: 'complete',
    })
    const ja = store.addMessage({
      chatId: chat.id,
      parentId: zh.id,
      role: 'assistant',
      content: '東京で寿司を食べました',
      status: 'complete',
    })
    expect(found('数据库')).toEqual([zh.id])
    expect(found('寿司を食べ')).toEqual([ja.id])
    expect(found('数据')).toEqual([zh.id])
    expect(found('寿')).toEqual([ja.id])
    expect(search(db, '数据库', clock).hits[0]?.snippet).toEqual([
      { text: '分布式', match: false },
      { text: '数据库', match: true },
      { text: '的设计', match: false },
    ])
  })

  it('treats FTS syntax as text and never fails on it', () => {
    const chat = store.createChat()
    const star = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'use a*b or "quoted" - NEAR here',
      status: 'complete',
    })
    for (const query of [
      '"',
      '*',
      'NEAR',
      '-',
      '""',
      '(',
      'a AND',
      'NOT',
      '"quoted"',
      '^',
      ':',
      '%',
      '_',
      '\\',
    ])
      expect(() => search(db, query, clock)).not.toThrow()
    expect(found('a*b')).toEqual([star.id])
    expect(found('NEAR')).toEqual([star.id])
    expect(found('"quoted"')).toEqual([star.id])
    expect(found('%')).toEqual([])
  })

  it('filters by model, role, date and title', () => {
    const chat = store.createChat('Planning')
    const old = clock - 40 * DAY
    const question = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'plan the release',
      status: 'complete',
    })
    const answer = store.addMessage({
      chatId: chat.id,
      parentId: question.id,
      role: 'assistant',
      content: 'release plan first',
      status: 'complete',
      provider: 'p',
      model: 'gpt-4o-mini',
    })
    db.prepare('UPDATE messages SET created_at = ? WHERE id = ?').run(old, question.id)
    expect(found('release role:user')).toEqual([question.id])
    expect(found('release model:GPT-4o')).toEqual([answer.id])
    expect(found('release model:claude')).toEqual([])
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    expect(found(`release before:${day(old + 2 * DAY)}`)).toEqual([question.id])
    expect(found(`release after:${day(old + 2 * DAY)}`)).toEqual([answer.id])
    expect(found('plan in:title')).toEqual([`title:${chat.id}`])
    // Filters alone list the newest that pass them.
    expect(found('role:assistant')).toEqual([answer.id])
  })

  it('ranks by relevance, and by recency among the equally relevant', () => {
    const chat = store.createChat()
    const once = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'a kernel panic today',
      status: 'complete',
    })
    const often = store.addMessage({
      chatId: chat.id,
      parentId: once.id,
      role: 'assistant',
      content: 'kernel kernel kernel panic',
      status: 'complete',
    })
    expect(found('kernel')).toEqual([often.id, once.id])

    const older = store.addMessage({
      chatId: chat.id,
      parentId: often.id,
      role: 'user',
      content: 'the compiler broke',
      status: 'complete',
    })
    const newer = store.addMessage({
      chatId: chat.id,
      parentId: older.id,
      role: 'assistant',
      content: 'the compiler broke',
      status: 'complete',
    })
    db.prepare('UPDATE messages SET created_at = ? WHERE id = ?').run(clock - 90 * DAY, older.id)
    expect(found('compiler')).toEqual([newer.id, older.id])
  })

  it('finds in one chat, every branch, short words and all', () => {
    const chat = store.createChat()
    const other = store.createChat()
    const a = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'go left',
      status: 'complete',
    })
    const b = store.addMessage({
      chatId: chat.id,
      parentId: null,
      role: 'user',
      content: 'go right',
      status: 'complete',
    })
    store.addMessage({
      chatId: other.id,
      parentId: null,
      role: 'user',
      content: 'go home',
      status: 'complete',
    })
    expect(findInChat(db, chat.id, 'go')).toEqual([a.id, b.id])
    expect(findInChat(db, chat.id, 'GO RIGHT')).toEqual([b.id])
  })
})

describe('migration 009', () => {
  it('indexes what the file already holds, in batches, leaving streaming answers out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-search-'))
    const db = new Database(join(dir, 'old.db'))
    try {
      db.pragma('foreign_keys = ON')
      for (const migration of migrations.filter((m) => m.version < 9)) runMigration(db, migration)
      db.prepare(
        "INSERT INTO chats (id, title, created_at, updated_at) VALUES ('c', 'Old chat 旧的', 1, 1)",
      ).run()
      const insert = db.prepare(
        "INSERT INTO messages (id, chat_id, role, content, status, created_at, updated_at) VALUES (?, 'c', 'user', ?, ?, 1, 1)",
      )
      const total = BACKFILL_BATCH * 2 + 7
      db.transaction(() => {
        for (let i = 0; i < total; i++)
          insert.run(`m${i}`, `message number ${i} 数据库`, i === 0 ? 'streaming' : 'complete')
      })()
      const nine = migrations.find((m) => m.version === 9)
      if (!nine) throw new Error('no migration 9')
      runMigration(db, nine)
      const count = (match: string) =>
        db
          .prepare<[string], { n: number }>(
            'SELECT count(*) AS n FROM message_search WHERE message_search MATCH ?',
          )
          .get(match)?.n
      expect(count('"数据库"')).toBe(total - 1)
      expect(count(`"number ${total - 1} "`)).toBe(1)
      expect(search(db, 'old chat', Date.now()).hits[0]?.kind).toBe('title')
      // rank 0: the index is sound in itself (it leaves the streaming answer out by design)
      db.exec("INSERT INTO message_search(message_search, rank) VALUES ('integrity-check', 0)")
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
