// Where an import's chats wait (staged, already checked) and how they become chats: all of one
// import in one transaction, so a failure at any point leaves the chats as they were.

import type { PortableChat } from '../transfer/roundtable-format'
import { DEFAULT_COMPARE_SETTINGS } from './chat-store'
import type { Db } from './database'

export interface StagedChat {
  chat: PortableChat
  /** Where it came from ('chatgpt') and its id there; null for a Roundtable file (known by chat id). */
  source: { name: string; id: string } | null
}

export interface CommitCounts {
  chats: number
  messages: number
  /** Chats already there (imported before, or the same chat): left as they are. */
  alreadyThere: number
  /** Chats whose messages are already in another chat, by title: left out. */
  clashes: string[]
}

const PAGE = 200

export class ChatImportStore {
  private readonly statements

  constructor(private readonly db: Db) {
    this.statements = {
      stage: db.prepare('INSERT INTO import_staging (import_id, seq, chat) VALUES (?, ?, ?)'),
      page: db.prepare<[string, number, number], { seq: number; chat: string }>(
        'SELECT seq, chat FROM import_staging WHERE import_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      clear: db.prepare('DELETE FROM import_staging WHERE import_id = ?'),
      clearAll: db.prepare('DELETE FROM import_staging'),
      hasChat: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM chats WHERE id = ?'),
      hasMessage: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM messages WHERE id = ?'),
      source: db.prepare<[string, string], { chat_id: string }>(
        'SELECT chat_id FROM imported_conversations WHERE source = ? AND source_id = ?',
      ),
      remember: db.prepare(
        'INSERT INTO imported_conversations (source, source_id, chat_id, imported_at) VALUES (?, ?, ?, ?)',
      ),
      insertChat: db.prepare(
        `INSERT INTO chats (id, title, title_source, head_message_id, provider_id, model, system_prompt, params,
           cache_mode, compare, separate_from, active_root_id, pinned_at, created_at, updated_at)
         VALUES (@id, @title, @titleSource, NULL, @providerId, @model, @systemPrompt, @params, @cacheMode,
           @compare, NULL, NULL, @pinnedAt, @createdAt, @updatedAt)`,
      ),
      insertMessage: db.prepare(
        `INSERT INTO messages (id, chat_id, parent_id, role, content, thinking, status, error, error_kind, provider,
           model, finish_reason, active_child_id, slot, target, merged_from, tokens_in, tokens_out, first_token_ms,
           duration_ms, cached, created_at, updated_at)
         VALUES (@id, @chatId, @parentId, @role, @content, @thinking, @status, @error, @errorKind, @provider,
           @model, @finishReason, NULL, @slot, @target, @mergedFrom, @tokensIn, @tokensOut, @firstTokenMs,
           @durationMs, @cached, @createdAt, @updatedAt)`,
      ),
      // Set once every message is in: a pointer to a row not written yet would be checked, at each
      // later insert, by a scan of the columns that have no index.
      keepChild: db.prepare('UPDATE messages SET active_child_id = ? WHERE id = ?'),
      chatPointers: db.prepare('UPDATE chats SET active_root_id = ?, separate_from = ? WHERE id = ?'),
      vote: db.prepare('INSERT INTO votes (message_id, value, voted_at) VALUES (?, ?, ?)'),
      prefer: db.prepare(
        `INSERT INTO preferences (question_id, answer_id, chosen_at, seen_rowid)
         VALUES (?, ?, ?, (SELECT max(rowid) FROM messages))
         ON CONFLICT(question_id) DO UPDATE SET answer_id = excluded.answer_id`,
      ),
    }
  }

  /** Adds staged chats of an import, in the order they came, in one transaction. */
  stage(importId: string, firstSeq: number, chats: StagedChat[]): void {
    this.db.transaction(() => {
      chats.forEach((staged, index) => {
        this.statements.stage.run(importId, firstSeq + index, JSON.stringify(staged))
      })
    })()
  }

  discard(importId: string): void {
    this.statements.clear.run(importId)
  }

  /** At start-up: imports that a closed process left half-staged. */
  discardAll(): void {
    this.statements.clearAll.run()
  }

  /**
   * Moves every staged chat of the import into the chats, skipping those already there, in one
   * transaction; the staging rows go with it. `now` stamps when a source conversation was imported.
   */
  commit(importId: string, now: number, onChat?: (counts: CommitCounts) => void): CommitCounts {
    const counts: CommitCounts = { chats: 0, messages: 0, alreadyThere: 0, clashes: [] }
    this.db.transaction(() => {
      // A message may come before its parent in a file (same time): checked at commit.
      this.db.pragma('defer_foreign_keys = ON')
      let after = -1
      for (;;) {
        const rows = this.statements.page.all(importId, after, PAGE)
        if (rows.length === 0) break
        after = (rows.at(-1) as { seq: number }).seq
        for (const row of rows) {
          this.add(JSON.parse(row.chat) as StagedChat, now, counts)
          onChat?.(counts)
        }
      }
      this.statements.clear.run(importId)
    })()
    return counts
  }

  private add({ chat, source }: StagedChat, now: number, counts: CommitCounts): void {
    const known = source
      ? this.statements.source.get(source.name, source.id) !== undefined
      : this.statements.hasChat.get(chat.id) !== undefined
    if (known) {
      counts.alreadyThere += 1
      return
    }
    // Another chat has these messages (a chat file whose chat id was changed): ids must stay unique.
    if (!source && chat.messages.some((message) => this.statements.hasMessage.get(message.id))) {
      counts.clashes.push(chat.title)
      return
    }
    const settings = chat.settings
    this.statements.insertChat.run({
      id: chat.id,
      title: chat.title,
      titleSource: chat.titleSource,
      providerId: settings?.providerId ?? null,
      model: settings?.model ?? null,
      systemPrompt: settings?.systemPrompt ?? null,
      params: JSON.stringify(settings?.params ?? {}),
      cacheMode: settings?.cacheMode ?? 'auto',
      compare: JSON.stringify(chat.compare ?? DEFAULT_COMPARE_SETTINGS),
      pinnedAt: chat.pinnedAt,
      createdAt: chat.createdAt,
      updatedAt: chat.updatedAt,
    })
    for (const message of chat.messages) {
      this.statements.insertMessage.run({
        ...message,
        chatId: chat.id,
        // A message cannot still be arriving in a file: what was there is kept, marked cut off.
        status: message.status === 'streaming' ? 'interrupted' : message.status,
        target: message.target ? JSON.stringify(message.target) : null,
        mergedFrom: message.mergedFrom ? JSON.stringify(message.mergedFrom) : null,
        cached: message.cached ? 1 : 0,
      })
    }
    for (const message of chat.messages) {
      if (message.keptChildId !== null) this.statements.keepChild.run(message.keptChildId, message.id)
      if (message.vote !== null) this.statements.vote.run(message.id, message.vote, message.updatedAt)
      if (message.preferred && message.parentId)
        this.statements.prefer.run(message.parentId, message.id, message.updatedAt)
    }
    if (chat.keptRootId !== null || chat.separateFrom !== null)
      this.statements.chatPointers.run(chat.keptRootId, chat.separateFrom, chat.id)
    if (source) this.statements.remember.run(source.name, source.id, chat.id, now)
    counts.chats += 1
    counts.messages += chat.messages.length
  }
}
