// Search's reads: plain functions over a connection, so they run the same on the reads worker (its own
// read-only connection) and, where no worker can start, on the main one. The worker loads this file as
// it is: explicit .ts imports of plain code, types otherwise.
import type { SearchHit, SearchResults, SnippetPart } from '../../../shared/search'
import {
  charLength,
  ftsString,
  INDEXED_TERM_LENGTH,
  isEmpty,
  likePattern,
  parseQuery,
  type SearchQuery,
} from '../../../shared/search-query.ts'
import type { MessageRole } from '../../../shared/types'
import type { Db } from '../store/database'

export const DEFAULT_HITS = 30
/** Chats found by title, listed before the messages (in:title: up to the whole limit). */
const TITLE_HITS = 5
/** Recency's weight: a message written now counts up to twice as relevant as an old one... */
const RECENCY_WEIGHT = 1
/** ...and half of that boost is gone after this long. */
const RECENCY_HALF_LIFE_MS = 30 * 24 * 3_600_000
/**
 * How many of the most recently written matches are ranked. Ranking every match of a word that is in
 * every message would read them all; these are read newest first and stop here.
 */
const RANKED_POOL = 300
/** Characters of context shown around the first match. */
const SNIPPET_BEFORE = 40
const SNIPPET_LENGTH = 160
/** Find in chat reports at most this many messages. */
const FIND_LIMIT = 5_000

interface Row {
  id: string
  chatId: string
  role: MessageRole
  model: string | null
  at: number
  chatTitle: string
}

export function search(db: Db, input: string, now: number, limit = DEFAULT_HITS): SearchResults {
  const query = parseQuery(input)
  if (isEmpty(query)) return { hits: [], notes: query.notes }
  const titles = query.role === null && query.terms.length > 0 ? titleHits(db, query, now, limit) : []
  const messages = query.inTitle ? [] : messageHits(db, query, now, limit - titles.length)
  return { hits: [...titles, ...messages], notes: query.notes }
}

/** The chat's messages (every branch, streaming ones too) that hold every term, oldest first. */
export function findInChat(db: Db, chatId: string, input: string): string[] {
  const query = parseQuery(input)
  if (query.terms.length === 0) return []
  // A chat is a few thousand rows at most, read through its own index: a scan of the chat finds short
  // terms and text still streaming alike.
  const where = query.terms.map((_, i) => `content LIKE @t${i} ESCAPE '\\'`).join(' AND ')
  return db
    .prepare<Record<string, unknown>, { id: string }>(
      `SELECT id FROM messages WHERE chat_id = @chatId AND ${where} ORDER BY created_at, rowid LIMIT ${FIND_LIMIT}`,
    )
    .all({ chatId, ...termParams(query.terms) })
    .map((row) => row.id)
}

function messageHits(db: Db, query: SearchQuery, now: number, limit: number): SearchHit[] {
  if (limit <= 0) return []
  const indexed = query.terms.filter((term) => charLength(term) >= INDEXED_TERM_LENGTH)
  const params: Record<string, unknown> = { ...termParams(query.terms), limit, now }
  const filters: string[] = []
  // Shorter terms than the index holds are checked on the rows the longer ones found.
  query.terms.forEach((term, i) => {
    if (charLength(term) < INDEXED_TERM_LENGTH) filters.push(`m.content LIKE @t${i} ESCAPE '\\'`)
  })
  if (query.role) {
    filters.push('m.role = @role')
    params.role = query.role
  }
  if (query.model !== null) {
    filters.push(`m.model LIKE @model ESCAPE '\\'`)
    params.model = likePattern(query.model)
  }
  if (query.before !== null) {
    filters.push('m.created_at < @before')
    params.before = query.before
  }
  if (query.after !== null) {
    filters.push('m.created_at >= @after')
    params.after = query.after
  }
  const columns = `m.id, m.chat_id AS chatId, m.role, m.model, m.created_at AS at, c.title AS chatTitle`
  let rows: Row[]
  if (indexed.length > 0) {
    params.match = indexed.map(ftsString).join(' AND ')
    params.pool = RANKED_POOL
    // The most recently written matches that pass the filters (read newest first, so a word found in
    // every message costs no more than a rare one), then ranked by relevance weighted by recency.
    rows = db
      .prepare<Record<string, unknown>, Row>(
        `SELECT ${columns} FROM (
           SELECT s.rowid AS rowid, bm25(message_search) AS relevance FROM message_search s
           JOIN messages m ON m.rowid = s.rowid
           WHERE message_search MATCH @match ${filters.map((f) => `AND ${f}`).join(' ')}
           ORDER BY s.rowid DESC LIMIT @pool
         ) found
         JOIN messages m ON m.rowid = found.rowid JOIN chats c ON c.id = m.chat_id
         ORDER BY found.relevance * (1.0 + ${RECENCY_WEIGHT} *
           pow(0.5, max(@now - m.created_at, 0) / ${RECENCY_HALF_LIFE_MS}.0))
         LIMIT @limit`,
      )
      .all(params)
  } else {
    // Nothing long enough for the index (one or two characters, such as 数据, or filters alone): the
    // newest messages that hold them, read newest first until the limit is reached.
    rows = db
      .prepare<Record<string, unknown>, Row>(
        `SELECT ${columns} FROM messages m JOIN chats c ON c.id = m.chat_id
         WHERE m.status <> 'streaming' ${filters.map((f) => `AND ${f}`).join(' ')}
         ORDER BY m.rowid DESC LIMIT @limit`,
      )
      .all(params)
  }
  const content = db.prepare<[string], { content: string }>('SELECT content FROM messages WHERE id = ?')
  return rows.map((row) => ({
    kind: 'message',
    chatId: row.chatId,
    chatTitle: row.chatTitle,
    messageId: row.id,
    role: row.role,
    model: row.model,
    at: row.at,
    snippet: snippet(content.get(row.id)?.content ?? '', query.terms),
  }))
}

function titleHits(db: Db, query: SearchQuery, now: number, limit: number): SearchHit[] {
  const params: Record<string, unknown> = {
    ...termParams(query.terms),
    limit: query.inTitle ? limit : Math.min(TITLE_HITS, limit),
    now,
  }
  const filters: string[] = []
  query.terms.forEach((term, i) => {
    if (charLength(term) < INDEXED_TERM_LENGTH) filters.push(`c.title LIKE @t${i} ESCAPE '\\'`)
  })
  if (query.model !== null) {
    filters.push(`c.model LIKE @model ESCAPE '\\'`)
    params.model = likePattern(query.model)
  }
  if (query.before !== null) {
    filters.push('c.updated_at < @before')
    params.before = query.before
  }
  if (query.after !== null) {
    filters.push('c.updated_at >= @after')
    params.after = query.after
  }
  const indexed = query.terms.filter((term) => charLength(term) >= INDEXED_TERM_LENGTH)
  const columns = 'c.id AS chatId, c.title AS chatTitle, c.model, c.updated_at AS at'
  type TitleRow = { chatId: string; chatTitle: string; model: string | null; at: number }
  let rows: TitleRow[]
  if (indexed.length > 0) {
    params.match = indexed.map(ftsString).join(' AND ')
    rows = db
      .prepare<Record<string, unknown>, TitleRow>(
        `SELECT ${columns} FROM chat_search s JOIN chats c ON c.rowid = s.rowid
         WHERE chat_search MATCH @match ${filters.map((f) => `AND ${f}`).join(' ')}
         ORDER BY bm25(chat_search) * (1.0 + ${RECENCY_WEIGHT} *
           pow(0.5, max(@now - c.updated_at, 0) / ${RECENCY_HALF_LIFE_MS}.0))
         LIMIT @limit`,
      )
      .all(params)
  } else {
    rows = db
      .prepare<Record<string, unknown>, TitleRow>(
        `SELECT ${columns} FROM chats c WHERE 1 ${filters.map((f) => `AND ${f}`).join(' ')}
         ORDER BY c.updated_at DESC LIMIT @limit`,
      )
      .all(params)
  }
  return rows.map((row) => ({
    kind: 'title',
    chatId: row.chatId,
    chatTitle: row.chatTitle,
    messageId: null,
    role: null,
    model: row.model,
    at: row.at,
    snippet: snippet(row.chatTitle, query.terms),
  }))
}

function termParams(terms: string[]): Record<string, string> {
  return Object.fromEntries(terms.map((term, i) => [`t${i}`, likePattern(term)]))
}

/**
 * A stretch of `text` around the first match, on one line, with every match in it marked. Matching is
 * case-insensitive (Unicode), like the index's. A text with no match (filters alone) shows its start.
 */
export function snippet(text: string, terms: string[]): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim()
  const pattern =
    terms.length > 0
      ? new RegExp(
          [...terms]
            .sort((a, b) => b.length - a.length)
            .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('|'),
          'giu',
        )
      : null
  const first = pattern ? flat.search(pattern) : -1
  let start = first <= SNIPPET_BEFORE ? 0 : first - SNIPPET_BEFORE
  let end = Math.min(flat.length, start + SNIPPET_LENGTH)
  // Never cut a character in half.
  if (isLowSurrogate(flat.charCodeAt(start))) start--
  if (isLowSurrogate(flat.charCodeAt(end))) end++
  const window = flat.slice(start, end)
  const parts: SnippetPart[] = []
  if (start > 0) parts.push({ text: '…', match: false })
  let at = 0
  if (pattern) {
    pattern.lastIndex = 0
    for (const found of window.matchAll(pattern)) {
      if (found.index > at) parts.push({ text: window.slice(at, found.index), match: false })
      parts.push({ text: found[0], match: true })
      at = found.index + found[0].length
    }
  }
  if (at < window.length) parts.push({ text: window.slice(at), match: false })
  if (end < flat.length) parts.push({ text: '…', match: false })
  return mergeAdjacent(parts)
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

function mergeAdjacent(parts: SnippetPart[]): SnippetPart[] {
  const merged: SnippetPart[] = []
  for (const part of parts) {
    const last = merged.at(-1)
    if (last && last.match === part.match) last.text += part.text
    else merged.push({ ...part })
  }
  return merged
}
