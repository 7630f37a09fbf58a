// The response cache: whole answers kept in SQLite under a hash of what was asked (cache/cache-key.ts).
// A row is served only while it is younger than the TTL and reads back whole; anything else is a miss
// and the row goes. After each write, the least recently used rows go until everything fits the cap.
import { z } from 'zod'
import type { CacheSettings, CacheStats } from '../../../shared/providers'
import { log } from '../log/log'
import type { TokenUsage } from '../providers/types'
import type { Db } from './database'

/** What is kept of an answer: enough to replay it as the pipeline's events. */
export interface CachedAnswer {
  text: string
  thinking: string
  /** Tools the model asked to call (Roundtable offers none yet; the answer says so). */
  tools: string[]
  usage: TokenUsage | null
  finishReason: string
}

/** Who wrote a row: a hit must come from the model asked, or it is not served. */
export interface CacheSource {
  providerId: string
  model: string
}

const count = z.number().int().nonnegative()
const answerSchema = z.object({
  text: z.string(),
  thinking: z.string(),
  tools: z.array(z.string()),
  usage: z
    .object({
      input: count,
      output: count,
      cacheRead: count.optional(),
      cacheWrite: count.optional(),
      reasoning: count.optional(),
    })
    .nullable(),
  finishReason: z.string().min(1),
})

interface Row {
  provider_id: string
  model: string
  answer: string
  created_at: number
}

const DAY_MS = 86_400_000
const MEGABYTE = 1024 * 1024
// Rows looked at per step of an eviction: enough that a big write evicts in a few steps.
const EVICT_BATCH = 64

export class ResponseCache {
  private readonly statements
  /**
   * Bytes of all rows, summed once on first need and then kept up to date here: only this class
   * writes the table, and summing on every write would read every answer off the disk.
   */
  private total: number | null = null
  // Since this data file was opened (not persisted): what the hit rate in Settings counts.
  private hits = 0
  private lookups = 0

  constructor(
    private readonly db: Db,
    private readonly settings: () => CacheSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      get: db.prepare<[string], Row>(
        'SELECT provider_id, model, answer, created_at FROM response_cache WHERE key = ?',
      ),
      touch: db.prepare('UPDATE response_cache SET used_at = ?, hits = hits + 1 WHERE key = ?'),
      remove: db.prepare<[string], { bytes: number }>(
        'DELETE FROM response_cache WHERE key = ? RETURNING bytes',
      ),
      upsert: db.prepare(
        `INSERT INTO response_cache (key, provider_id, model, answer, bytes, created_at, used_at, hits, chat_id)
         VALUES (@key, @providerId, @model, @answer, @bytes, @now, @now, 0, @chatId)
         ON CONFLICT (key) DO UPDATE SET provider_id = excluded.provider_id, model = excluded.model,
           answer = excluded.answer, bytes = excluded.bytes, created_at = excluded.created_at,
           used_at = excluded.used_at, hits = 0, chat_id = excluded.chat_id`,
      ),
      // Through the response_cache_by_chat index.
      chatExists: db.prepare<[string], { found: 1 }>('SELECT 1 AS found FROM chats WHERE id = ?'),
      removeForChat: db.prepare<[string], { bytes: number }>(
        'DELETE FROM response_cache WHERE chat_id = ? RETURNING bytes',
      ),
      bytesOf: db.prepare<[string], { bytes: number }>('SELECT bytes FROM response_cache WHERE key = ?'),
      // A row last used before the cutoff was also made before it: found through the used_at index,
      // without reading any answer. (A row made earlier but used since goes when it is next looked up.)
      pruneUnused: db.prepare<[number], { bytes: number }>(
        'DELETE FROM response_cache WHERE used_at <= ? RETURNING bytes',
      ),
      oldest: db.prepare<[string, number], { key: string; bytes: number }>(
        'SELECT key, bytes FROM response_cache WHERE key <> ? ORDER BY used_at, created_at LIMIT ?',
      ),
      sumBytes: db.prepare<[], { total: number }>(
        'SELECT coalesce(sum(bytes), 0) AS total FROM response_cache',
      ),
      countRows: db.prepare<[], { entries: number }>('SELECT count(*) AS entries FROM response_cache'),
      clear: db.prepare('DELETE FROM response_cache'),
    }
  }

  /**
   * The answer kept under `key`, if it is young enough, reads back whole, and came from `source`.
   * Counts as a lookup; a hit also marks the row used.
   */
  get(key: string, source: CacheSource): CachedAnswer | null {
    this.lookups += 1
    const row = this.statements.get.get(key)
    if (!row) return null
    if (row.created_at <= this.now() - this.settings().ttlDays * DAY_MS) {
      this.remove(key)
      return null
    }
    const answer = parseAnswer(row.answer)
    // A row that does not read back whole, or names another model than its key stands for, is damaged:
    // it is never served, and goes so it is not read again.
    if (!answer || row.provider_id !== source.providerId || row.model !== source.model) {
      log.warn('a damaged response cache entry was removed')
      this.remove(key)
      return null
    }
    this.statements.touch.run(this.now(), key)
    this.hits += 1
    return answer
  }

  /**
   * Keeps an answer under `key` (replacing what was there), then makes room: rows past the TTL go,
   * then the least recently used until all fit the cap. An answer bigger than the cap is not kept.
   * `chatId` is the chat whose request wrote it, so the entry goes with that chat; a chat deleted
   * while its request ran (a title asked for as it expired) leaves nothing behind.
   */
  put(key: string, source: CacheSource, answer: CachedAnswer, chatId: string | null = null): boolean {
    if (chatId !== null && !this.statements.chatExists.get(chatId)) return false
    const json = JSON.stringify(answer)
    const bytes = Buffer.byteLength(json) + key.length + source.providerId.length + source.model.length
    const { ttlDays, maxMegabytes } = this.settings()
    const cap = maxMegabytes * MEGABYTE
    if (bytes > cap) return false
    const now = this.now()
    this.db.transaction(() => {
      let total = this.totalBytes()
      total -= this.statements.bytesOf.get(key)?.bytes ?? 0
      this.statements.upsert.run({ key, ...source, answer: json, bytes, now, chatId })
      total += bytes
      for (const row of this.statements.pruneUnused.all(now - ttlDays * DAY_MS)) total -= row.bytes
      while (total > cap) {
        const victims = this.statements.oldest.all(key, EVICT_BATCH)
        if (victims.length === 0) break
        for (const victim of victims) {
          if (total <= cap) break
          this.statements.remove.get(victim.key)
          total -= victim.bytes
        }
      }
      this.total = total
    })()
    return true
  }

  stats(): CacheStats {
    return {
      bytes: this.totalBytes(),
      entries: this.statements.countRows.get()?.entries ?? 0,
      hits: this.hits,
      lookups: this.lookups,
    }
  }

  /** Empties the cache and starts the hit rate afresh. */
  clear(): CacheStats {
    this.statements.clear.run()
    this.total = 0
    this.hits = 0
    this.lookups = 0
    return this.stats()
  }

  /** Removes every entry a chat's requests wrote (the chat is being deleted); how many went. */
  removeForChat(chatId: string): number {
    const removed = this.statements.removeForChat.all(chatId)
    if (this.total !== null) for (const row of removed) this.total -= row.bytes
    return removed.length
  }

  private remove(key: string): void {
    const removed = this.statements.remove.get(key)
    if (removed && this.total !== null) this.total -= removed.bytes
  }

  private totalBytes(): number {
    this.total ??= this.statements.sumBytes.get()?.total ?? 0
    return this.total
  }
}

function parseAnswer(text: string): CachedAnswer | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  const parsed = answerSchema.safeParse(value)
  if (!parsed.success) return null
  const { usage, ...rest } = parsed.data
  return {
    ...rest,
    usage: usage && {
      input: usage.input,
      output: usage.output,
      ...(usage.cacheRead !== undefined && { cacheRead: usage.cacheRead }),
      ...(usage.cacheWrite !== undefined && { cacheWrite: usage.cacheWrite }),
      ...(usage.reasoning !== undefined && { reasoning: usage.reasoning }),
    },
  }
}
