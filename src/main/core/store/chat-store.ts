// Chats and their message tree. Synchronous by design: better-sqlite3 statements are microseconds, and
// keeping them synchronous makes each operation atomic without extra locking.
import { randomUUID } from 'node:crypto'
import { CACHE_MODES, type ChatSettings, type GenerationParams } from '../../../shared/providers.ts'
import type { AnswerRoute } from '../../../shared/routing'
import type {
  AnswerTarget,
  ChatMessage,
  ChatPage,
  ChatSummary,
  CompareSettings,
  MessageRole,
  MessageStatus,
} from '../../../shared/types'
import { isWording, type Wording } from '../../../shared/wording.ts'
import type { Db } from './database'
import { parseJsonObject } from './json-column.ts'
import { type RemovedMessages, removeSubtree, restoreRemoved } from './removed-messages.ts'

interface ChatRow {
  id: string
  title: string
  head_message_id: string | null
  provider_id: string | null
  model: string | null
  system_prompt: string | null
  params: string
  cache_mode: string
  routing_profile_id: string | null
  context_strategy: string
  compare: string
  separate_from: string | null
  empty: 0 | 1
  pinned_at: number | null
  expires_at: number | null
  created_at: number
  updated_at: number
}

interface MessageRow {
  id: string
  chat_id: string
  parent_id: string | null
  role: MessageRole
  content: string
  thinking: string
  status: MessageStatus
  error: string | null
  error_kind: string | null
  error_wording: string | null
  provider: string | null
  model: string | null
  finish_reason: string | null
  active_child_id: string | null
  slot: number | null
  target: string | null
  merged_from: string | null
  route: string | null
  tokens_in: number | null
  tokens_out: number | null
  first_token_ms: number | null
  duration_ms: number | null
  vote: 1 | -1 | null
  preferred: 0 | 1
  cached: 0 | 1
  created_at: number
  updated_at: number
}

export interface NewMessage {
  chatId: string
  parentId: string | null
  role: MessageRole
  content: string
  status: MessageStatus
  provider?: string | null
  model?: string | null
  /** The model the person asked for, where it is not simply the chat's. */
  target?: AnswerTarget | null
  slot?: number | null
  mergedFrom?: string[] | null
  /**
   * Whether the message becomes the kept child of its parent (default). An answer of a side-by-side
   * turn does not: the turn stays open until the person keeps one.
   */
  keep?: boolean
}

export interface FinishedMessage {
  status: Exclude<MessageStatus, 'streaming'>
  error: string | null
  errorKind?: string | null
  errorWording?: Wording | null
  finishReason?: string | null
  tokensIn?: number | null
  tokensOut?: number | null
  firstTokenMs?: number | null
  durationMs?: number | null
}

/** A pair of answers to one question where the person preferred the first (by keeping or by votes). */
export interface ModelComparison {
  winner: { provider: string; model: string }
  loser: { provider: string; model: string }
}

export interface ModelVotes {
  provider: string
  model: string
  up: number
  down: number
}

export const DEFAULT_COMPARE_SETTINGS: CompareSettings = {
  targets: [],
  layout: 'columns',
  syncScroll: false,
  blind: false,
}

// A message with what the person said of it: their vote, and whether they kept it over its siblings.
const MESSAGE_COLUMNS = `m.*, v.value AS vote, (p.answer_id IS NOT NULL) AS preferred`
const MESSAGE_JOINS = `LEFT JOIN votes v ON v.message_id = m.id LEFT JOIN preferences p ON p.answer_id = m.id`

/**
 * An answer that can win or lose: complete, with text, from a known model, and a model's own work
 * (a merge is built from the others, so it is judged by neither side).
 */
function judgeable(alias: string): string {
  return `(${alias}.role = 'assistant' AND ${alias}.status = 'complete' AND ${alias}.content <> ''
    AND ${alias}.merged_from IS NULL AND ${alias}.provider IS NOT NULL AND ${alias}.model IS NOT NULL)`
}

// Whether a chat has no message yet: New chat opens such a chat rather than adding another.
const EMPTY_CHAT = 'NOT EXISTS (SELECT 1 FROM messages m WHERE m.chat_id = c.id) AS empty'

/** A chat not named yet has no stored title: the page says "New chat" in the language it shows. */
export const DEFAULT_CHAT_TITLE = ''

/** A chat's messages as a tree of ids: the kept path, each one's parent ('' for the first), siblings by parent. */
export interface MessageTree {
  path: string[]
  parents: Map<string, string>
  family: Map<string, string[]>
}

export class ChatStore {
  private readonly statements

  private readonly db: Db
  private readonly now: () => number

  // Fields set by hand, not as parameter properties: the reads worker loads this file as it is.
  constructor(db: Db, now: () => number = Date.now) {
    this.db = db
    this.now = now
    this.statements = {
      listChats: db.prepare<[], ChatRow>(
        `SELECT c.*, ${EMPTY_CHAT} FROM chats c ORDER BY c.updated_at DESC, c.rowid DESC`,
      ),
      // The list's order is (updated_at, rowid) newest first; a page goes on from the last one's pair.
      chatPage: db.prepare<{ updatedAt: number; seq: number; limit: number }, ChatRow & { seq: number }>(
        `SELECT c.*, c.rowid AS seq, ${EMPTY_CHAT} FROM chats c
         WHERE c.pinned_at IS NULL AND (c.updated_at, c.rowid) < (@updatedAt, @seq)
         ORDER BY c.updated_at DESC, c.rowid DESC LIMIT @limit`,
      ),
      pinnedChats: db.prepare<[], ChatRow>(
        `SELECT c.*, ${EMPTY_CHAT} FROM chats c WHERE c.pinned_at IS NOT NULL ORDER BY c.updated_at DESC, c.rowid DESC`,
      ),
      getChat: db.prepare<[string], ChatRow>(`SELECT c.*, ${EMPTY_CHAT} FROM chats c WHERE c.id = ?`),
      insertChat: db.prepare(
        `INSERT INTO chats (id, title, title_source, head_message_id, expires_at, created_at, updated_at)
         VALUES (@id, @title, 'words', NULL, @expiresAt, @now, @now)`,
      ),
      keepChat: db.prepare('UPDATE chats SET expires_at = NULL WHERE id = ?'),
      // Both through the chats_by_expiry index, which holds only temporary chats.
      hasExpired: db.prepare<[string, number], { one: number }>(
        'SELECT 1 AS one FROM chats WHERE id = ? AND expires_at IS NOT NULL AND expires_at <= ?',
      ),
      expiredChats: db.prepare<[number], { id: string }>(
        'SELECT id FROM chats WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at',
      ),
      nextExpiry: db.prepare<[], { at: number | null }>(
        'SELECT min(expires_at) AS at FROM chats WHERE expires_at IS NOT NULL',
      ),
      renameChat: db.prepare(
        'UPDATE chats SET title = @title, title_source = @source, updated_at = @now WHERE id = @id',
      ),
      renameIfWords: db.prepare(
        // Later than any copy of the chat taken before it, even in the same millisecond: the page keeps
        // the newer of two copies that cross (a name that arrives before the reply of the call that asked).
        `UPDATE chats SET title = @title, title_source = @source, updated_at = max(@now, updated_at + 1)
         WHERE id = @id AND title_source = 'words'`,
      ),
      deleteChat: db.prepare('DELETE FROM chats WHERE id = ?'),
      allMessages: db.prepare<[string], MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m ${MESSAGE_JOINS} WHERE m.chat_id = ? ORDER BY m.created_at, m.rowid`,
      ),
      subtree: db.prepare<[string], { id: string }>(
        `WITH RECURSIVE subtree(id) AS (
           SELECT id FROM messages WHERE id = ?
           UNION ALL
           SELECT m.id FROM subtree s JOIN messages m ON m.parent_id = s.id
         )
         SELECT id FROM subtree`,
      ),
      pinChat: db.prepare('UPDATE chats SET pinned_at = @pinnedAt WHERE id = @id'),
      keptChild: db.prepare<[string], { active_child_id: string | null }>(
        'SELECT active_child_id FROM messages WHERE id = ?',
      ),
      touchChat: db.prepare('UPDATE chats SET updated_at = @now WHERE id = @id'),
      keepChild: db.prepare('UPDATE messages SET active_child_id = @child WHERE id = @id'),
      setSlot: db.prepare('UPDATE messages SET slot = @slot WHERE id = @id'),
      keepRoot: db.prepare('UPDATE chats SET active_root_id = @child WHERE id = @id'),
      getMessage: db.prepare<[string], MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m ${MESSAGE_JOINS} WHERE m.id = ?`,
      ),
      children: db.prepare<[string], MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m ${MESSAGE_JOINS} WHERE m.parent_id = ? ORDER BY m.created_at, m.rowid`,
      ),
      roots: db.prepare<[string], MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m ${MESSAGE_JOINS}
         WHERE m.chat_id = ? AND m.parent_id IS NULL ORDER BY m.created_at, m.rowid`,
      ),
      insertMessage: db.prepare(
        `INSERT INTO messages (id, chat_id, parent_id, role, content, status, provider, model, target, slot,
           merged_from, created_at, updated_at)
         VALUES (@id, @chatId, @parentId, @role, @content, @status, @provider, @model, @target, @slot,
           @mergedFrom, @now, @now)`,
      ),
      prefer: db.prepare(
        `INSERT INTO preferences (question_id, answer_id, chosen_at, seen_rowid)
         VALUES (@question, @answer, @now, (SELECT max(rowid) FROM messages))
         ON CONFLICT(question_id) DO UPDATE SET answer_id = excluded.answer_id, chosen_at = excluded.chosen_at,
           seen_rowid = excluded.seen_rowid`,
      ),
      vote: db.prepare(
        `INSERT INTO votes (message_id, value, voted_at) VALUES (@id, @value, @now)
         ON CONFLICT(message_id) DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at`,
      ),
      unvote: db.prepare('DELETE FROM votes WHERE message_id = ?'),
      setSeparateFrom: db.prepare('UPDATE chats SET separate_from = @question WHERE id = @id'),
      setCompare: db.prepare('UPDATE chats SET compare = @compare WHERE id = @id'),
      appendContent: db.prepare(
        'UPDATE messages SET content = content || @text, updated_at = @now WHERE id = @id',
      ),
      appendThinking: db.prepare(
        'UPDATE messages SET thinking = thinking || @text, updated_at = @now WHERE id = @id',
      ),
      updateChatSettings: db.prepare(
        `UPDATE chats SET provider_id = @providerId, model = @model, system_prompt = @systemPrompt, params = @params,
           cache_mode = @cacheMode, routing_profile_id = @routingProfileId, context_strategy = @contextStrategy
         WHERE id = @id`,
      ),
      finishMessage: db.prepare(
        `UPDATE messages SET status = @status, error = @error, error_kind = @errorKind,
           error_wording = @errorWording, finish_reason = @finishReason,
           tokens_in = @tokensIn, tokens_out = @tokensOut, first_token_ms = @firstTokenMs,
           duration_ms = @durationMs, updated_at = @now WHERE id = @id`,
      ),
      setAnswerModel: db.prepare('UPDATE messages SET provider = @provider, model = @model WHERE id = @id'),
      setAnswerRoute: db.prepare('UPDATE messages SET route = @route WHERE id = @id'),
      markCached: db.prepare('UPDATE messages SET cached = 1 WHERE id = ?'),
      titleSource: db.prepare<[string], { title_source: 'words' | 'model' | 'person' }>(
        'SELECT title_source FROM chats WHERE id = ?',
      ),
      // Walks from a message up to the root, then returns root first.
      branch: db.prepare<[string], MessageRow>(
        `WITH RECURSIVE branch(id, depth) AS (
           SELECT id, 0 FROM messages WHERE id = ?
           UNION ALL
           SELECT m.parent_id, b.depth + 1 FROM branch b JOIN messages m ON m.id = b.id WHERE m.parent_id IS NOT NULL
         )
         SELECT ${MESSAGE_COLUMNS} FROM branch b JOIN messages m ON m.id = b.id ${MESSAGE_JOINS} ORDER BY b.depth DESC`,
      ),
      // Walks down from a message along each one's kept child.
      descend: db.prepare<[string], MessageRow>(
        `WITH RECURSIVE kept(id, depth) AS (
           SELECT id, 0 FROM messages WHERE id = ?
           UNION ALL
           SELECT m.active_child_id, k.depth + 1 FROM kept k JOIN messages m ON m.id = k.id
           WHERE m.active_child_id IS NOT NULL
         )
         SELECT ${MESSAGE_COLUMNS} FROM kept k JOIN messages m ON m.id = k.id ${MESSAGE_JOINS} ORDER BY k.depth`,
      ),
      // messages_by_chat holds (chat_id, created_at, rowid) in order: no sort.
      tree: db.prepare<[string], { id: string; parent_id: string | null; active_child_id: string | null }>(
        'SELECT id, parent_id, active_child_id FROM messages WHERE chat_id = ? ORDER BY created_at, rowid',
      ),
      // Up to 500 ids bound as one JSON array (a statement cannot take a variable number of parameters).
      messagesByIds: db.prepare<[string, string], MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM json_each(?) j JOIN messages m ON m.id = j.value ${MESSAGE_JOINS}
         WHERE m.chat_id = ? ORDER BY j.key`,
      ),
      activeRoot: db.prepare<[string], { id: string }>(
        `SELECT coalesce(c.active_root_id, (
           SELECT r.id FROM messages r WHERE r.chat_id = c.id AND r.parent_id IS NULL
           ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1
         )) AS id FROM chats c WHERE c.id = ?`,
      ),
      // A kept answer beats every other judgeable answer the person could see when keeping it.
      keptComparisons: db.prepare<[number], { wp: string; wm: string; lp: string; lm: string }>(
        `SELECT DISTINCT p.question_id, w.provider AS wp, w.model AS wm, l.provider AS lp, l.model AS lm
         FROM preferences p
         JOIN messages w ON w.id = p.answer_id
         JOIN messages l ON l.parent_id = p.question_id AND l.id <> w.id AND l.rowid <= p.seen_rowid
         WHERE p.chosen_at >= ? AND ${judgeable('w')} AND ${judgeable('l')}`,
      ),
      // Within one question, an answer voted higher than another beats it (no vote counts as 0), except
      // where a keep counted in the same period already says so.
      votedComparisons: db.prepare<[number, number], { wp: string; wm: string; lp: string; lm: string }>(
        `SELECT DISTINCT a.parent_id, a.provider AS wp, a.model AS wm, b.provider AS lp, b.model AS lm
         FROM messages a
         JOIN messages b ON b.parent_id = a.parent_id AND b.id <> a.id
         LEFT JOIN votes va ON va.message_id = a.id
         LEFT JOIN votes vb ON vb.message_id = b.id
         WHERE (va.value IS NOT NULL OR vb.value IS NOT NULL)
           AND coalesce(va.value, 0) > coalesce(vb.value, 0)
           AND max(coalesce(va.voted_at, 0), coalesce(vb.voted_at, 0)) >= ?
           AND ${judgeable('a')} AND ${judgeable('b')}
           AND NOT EXISTS (
             SELECT 1 FROM preferences p
             WHERE p.question_id = a.parent_id AND p.chosen_at >= ?
               AND ((p.answer_id = a.id AND b.rowid <= p.seen_rowid) OR (p.answer_id = b.id AND a.rowid <= p.seen_rowid))
           )`,
      ),
      votesByModel: db.prepare<[number], ModelVotes>(
        `SELECT m.provider AS provider, m.model AS model, sum(v.value = 1) AS up, sum(v.value = -1) AS down
         FROM votes v JOIN messages m ON m.id = v.message_id
         WHERE v.voted_at >= ? AND ${judgeable('m')}
         GROUP BY m.provider, m.model`,
      ),
      markAbandonedStreams: db.prepare(
        `UPDATE messages SET status = 'interrupted', error = @error, updated_at = @now WHERE status = 'streaming'`,
      ),
    }
  }

  listChats(): ChatSummary[] {
    return this.statements.listChats.all().map(toChatSummary)
  }

  /**
   * The list a page at a time, so a thousand chats do not all cross to the page at start. `after` is
   * the previous page's `next`; the first page also holds the pinned chats, which head the list.
   */
  listChatPage(limit: number, after?: string): ChatPage {
    const from =
      after === undefined
        ? { updatedAt: Number.MAX_SAFE_INTEGER, seq: Number.MAX_SAFE_INTEGER }
        : pageCursor(after)
    const rows = this.statements.chatPage.all({ ...from, limit: limit + 1 })
    const more = rows.length > limit
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    const pinned = after === undefined ? this.statements.pinnedChats.all() : []
    return {
      chats: [...pinned, ...page].map(toChatSummary),
      next: more && last ? `${last.updated_at}.${last.seq}` : null,
    }
  }

  getChat(id: string): ChatSummary | null {
    const row = this.statements.getChat.get(id)
    return row ? toChatSummary(row) : null
  }

  /** A new chat; with `ttlMs`, a temporary one that expires that long after now. */
  createChat(title = DEFAULT_CHAT_TITLE, ttlMs: number | null = null): ChatSummary {
    const id = randomUUID()
    const now = this.now()
    this.statements.insertChat.run({ id, title, now, expiresAt: ttlMs === null ? null : now + ttlMs })
    return this.requireChat(id)
  }

  /** A temporary chat made permanent (Keep chat); keeping one does not count as a change to it. */
  keepChat(id: string): ChatSummary | null {
    const changes = this.statements.keepChat.run(id).changes
    return changes > 0 ? this.requireChat(id) : null
  }

  /** Temporary chats whose time has come by `now`, the earliest first. */
  /** Whether the chat is temporary and its end is at or before `now`. */
  hasExpired(chatId: string, now: number): boolean {
    return this.statements.hasExpired.get(chatId, now) !== undefined
  }

  expiredChats(now: number): string[] {
    return this.statements.expiredChats.all(now).map((row) => row.id)
  }

  /** When the next temporary chat expires; null: none is temporary. */
  nextExpiry(): number | null {
    return this.statements.nextExpiry.get()?.at ?? null
  }

  /** A new name; `person` unless the chat's first words or a model gave it. */
  renameChat(id: string, title: string, source: 'person' | 'words' = 'person'): ChatSummary | null {
    const changes = this.statements.renameChat.run({ id, title, source, now: this.now() }).changes
    return changes > 0 ? this.requireChat(id) : null
  }

  /** Who gave the chat its title: its first words, a model, or the person. */
  titleSource(id: string): 'words' | 'model' | 'person' | null {
    return this.statements.titleSource.get(id)?.title_source ?? null
  }

  /** A model's name for the chat, only if nobody (the person) named it meanwhile. */
  nameByModel(id: string, title: string): ChatSummary | null {
    const changes = this.statements.renameIfWords.run({ id, title, source: 'model', now: this.now() }).changes
    return changes > 0 ? this.requireChat(id) : null
  }

  deleteChat(id: string): boolean {
    return this.statements.deleteChat.run(id).changes > 0
  }

  /** Pinned chats stay at the top of the list; pinning does not count as a change to the chat. */
  pinChat(id: string, pinned: boolean): ChatSummary | null {
    const changes = this.statements.pinChat.run({ id, pinnedAt: pinned ? this.now() : null }).changes
    return changes > 0 ? this.requireChat(id) : null
  }

  /** Deletes a message and everything below it; what it returns puts it back (see removed-messages.ts). */
  removeMessage(id: string): RemovedMessages | null {
    return removeSubtree(this.db, id, this.now())
  }

  /** Every message of the chat, each with the child its path goes on through (for export). */
  allMessages(chatId: string): Array<ChatMessage & { keptChildId: string | null }> {
    return this.statements.allMessages
      .all(chatId)
      .map((row) => ({ ...toChatMessage(row), keptChildId: row.active_child_id }))
  }

  /** The message and every message below it, on any branch. */
  subtreeIds(id: string): string[] {
    return this.statements.subtree.all(id).map((row) => row.id)
  }

  restoreMessages(removed: RemovedMessages): boolean {
    return restoreRemoved(this.db, removed, this.now())
  }

  /**
   * The chat's kept path, root first: each turn's kept message. It ends at the last message, or at a
   * question answered side by side whose answer is not kept yet.
   */
  branch(chatId: string): ChatMessage[] {
    const root = this.statements.activeRoot.get(chatId)?.id
    return root ? this.descend(root) : []
  }

  /**
   * The chat's shape without its text: the ids of `branch(chatId)`, and each message's parent and
   * siblings, in one read (a recursive walk down a 10,000-message path took longer than reading the
   * chat's rows in order), so a long chat's page can show a window of it and read the rest by id.
   */
  tree(chatId: string): MessageTree {
    const rows = this.statements.tree.all(chatId)
    const family = new Map<string, string[]>()
    const parents = new Map<string, string>()
    const kept = new Map<string, string>()
    for (const row of rows) {
      const parent = row.parent_id ?? ''
      parents.set(row.id, parent)
      if (row.active_child_id) kept.set(row.id, row.active_child_id)
      const ids = family.get(parent)
      if (ids) ids.push(row.id)
      else family.set(parent, [row.id])
    }
    const path: string[] = []
    // Bounded by the chat's size: a damaged file whose kept children loop ends the path, not the app.
    for (
      let id = this.statements.activeRoot.get(chatId)?.id;
      id && path.length < rows.length;
      id = kept.get(id)
    )
      path.push(id)
    return { path, parents, family }
  }

  /** The chat's messages with these ids, in the order asked; ids of other chats or of nothing are left out. */
  messagesByIds(chatId: string, ids: readonly string[]): ChatMessage[] {
    return this.statements.messagesByIds.all(JSON.stringify(ids), chatId).map(toChatMessage)
  }

  /** A message and the kept path below it. */
  descend(messageId: string): ChatMessage[] {
    return this.statements.descend.all(messageId).map(toChatMessage)
  }

  /** The answers to a question (or the replies to an answer), oldest first. */
  children(messageId: string): ChatMessage[] {
    return this.statements.children.all(messageId).map(toChatMessage)
  }

  /** The message and the others that answer the same message (or begin the chat), oldest first. */
  siblings(message: Pick<ChatMessage, 'chatId' | 'parentId'>): ChatMessage[] {
    const rows = message.parentId
      ? this.statements.children.all(message.parentId)
      : this.statements.roots.all(message.chatId)
    return rows.map(toChatMessage)
  }

  /** Makes `message` the kept one among its siblings: the path goes through it from now on. */
  keepOnPath(message: Pick<ChatMessage, 'id' | 'chatId' | 'parentId'>): void {
    const now = this.now()
    this.db.transaction(() => {
      if (message.parentId) this.statements.keepChild.run({ id: message.parentId, child: message.id })
      else this.statements.keepRoot.run({ id: message.chatId, child: message.id })
      this.statements.touchChat.run({ id: message.chatId, now })
    })()
  }

  /** The child the path goes on through (null: none, or a side-by-side turn with none kept). */
  keptChild(messageId: string): string | null {
    return this.statements.keptChild.get(messageId)?.active_child_id ?? null
  }

  /** Gives every answer of a question without a column one of its own (after those that have one). */
  giveColumns(questionId: string): void {
    const answers = this.children(questionId)
    let next = Math.max(-1, ...answers.map((answer) => answer.slot ?? -1)) + 1
    this.db.transaction(() => {
      for (const answer of answers)
        if (answer.slot === null) this.statements.setSlot.run({ id: answer.id, slot: next++ })
    })()
  }

  /** Opens a question's answers side by side again: no answer is kept until the person keeps one. */
  unkeep(questionId: string): void {
    this.statements.keepChild.run({ id: questionId, child: null })
  }

  /** The person kept `answer` over the other answers to its question: on the path, and as a preference. */
  prefer(answer: Pick<ChatMessage, 'id' | 'chatId' | 'parentId'>): void {
    const questionId = answer.parentId
    if (!questionId) return
    this.db.transaction(() => {
      this.keepOnPath(answer)
      this.statements.prefer.run({ question: questionId, answer: answer.id, now: this.now() })
    })()
  }

  vote(messageId: string, value: 1 | -1 | null): void {
    if (value === null) this.statements.unvote.run(messageId)
    else this.statements.vote.run({ id: messageId, value, now: this.now() })
  }

  /** The question after which every column goes on with its own thread (null: none). */
  separateFrom(chatId: string): string | null {
    return this.statements.getChat.get(chatId)?.separate_from ?? null
  }

  setSeparateFrom(chatId: string, questionId: string | null): void {
    this.statements.setSeparateFrom.run({ id: chatId, question: questionId })
  }

  compareSettings(chatId: string): CompareSettings | null {
    const row = this.statements.getChat.get(chatId)
    if (!row) return null
    return readCompareSettings(row.compare)
  }

  updateCompareSettings(chatId: string, settings: CompareSettings): CompareSettings | null {
    const changes = this.statements.setCompare.run({ id: chatId, compare: JSON.stringify(settings) }).changes
    return changes > 0 ? this.compareSettings(chatId) : null
  }

  /** Every pair where the person preferred one model's answer over another's since `since` (epoch ms). */
  comparisons(since: number): ModelComparison[] {
    const rows = [
      ...this.statements.keptComparisons.all(since),
      ...this.statements.votedComparisons.all(since, since),
    ]
    return rows.map((row) => ({
      winner: { provider: row.wp, model: row.wm },
      loser: { provider: row.lp, model: row.lm },
    }))
  }

  votesByModel(since: number): ModelVotes[] {
    return this.statements.votesByModel.all(since)
  }

  /** The messages from the root down to `messageId`, root first. */
  branchTo(messageId: string): ChatMessage[] {
    return this.statements.branch.all(messageId).map(toChatMessage)
  }

  getMessage(id: string): ChatMessage | null {
    const row = this.statements.getMessage.get(id)
    return row ? toChatMessage(row) : null
  }

  /** Adds a message and (unless told otherwise) makes it its parent's kept child, in one transaction. */
  addMessage(message: NewMessage): ChatMessage {
    const id = randomUUID()
    const now = this.now()
    this.db.transaction(() => {
      this.statements.insertMessage.run({
        id,
        chatId: message.chatId,
        parentId: message.parentId,
        role: message.role,
        content: message.content,
        status: message.status,
        provider: message.provider ?? null,
        model: message.model ?? null,
        target: message.target ? JSON.stringify(message.target) : null,
        slot: message.slot ?? null,
        mergedFrom: message.mergedFrom ? JSON.stringify(message.mergedFrom) : null,
        now,
      })
      if (message.keep === false) this.statements.touchChat.run({ id: message.chatId, now })
      else this.keepOnPath({ id, chatId: message.chatId, parentId: message.parentId })
    })()
    return this.getMessage(id) as ChatMessage
  }

  appendContent(id: string, text: string): void {
    if (text.length === 0) return
    this.statements.appendContent.run({ id, text, now: this.now() })
  }

  appendThinking(id: string, text: string): void {
    if (text.length === 0) return
    this.statements.appendThinking.run({ id, text, now: this.now() })
  }

  /** Saves the last unsaved text and the final status together, so a reader never sees one without the other. */
  finishMessage(id: string, finished: FinishedMessage, unsavedTail = '', unsavedThinking = ''): void {
    this.db.transaction(() => {
      this.appendContent(id, unsavedTail)
      this.appendThinking(id, unsavedThinking)
      this.statements.finishMessage.run({
        id,
        status: finished.status,
        error: finished.error,
        errorKind: finished.errorKind ?? null,
        errorWording: finished.errorWording ? JSON.stringify(finished.errorWording) : null,
        finishReason: finished.finishReason ?? null,
        tokensIn: finished.tokensIn ?? null,
        tokensOut: finished.tokensOut ?? null,
        firstTokenMs: finished.firstTokenMs ?? null,
        durationMs: finished.durationMs ?? null,
        now: this.now(),
      })
    })()
  }

  /** Records the provider and model the pipeline chose for an answer. */
  setAnswerRoute(id: string, route: AnswerRoute): void {
    this.statements.setAnswerRoute.run({ id, route: JSON.stringify(route) })
  }

  setAnswerModel(id: string, provider: string, model: string): void {
    this.statements.setAnswerModel.run({ id, provider, model })
  }

  /** The answer came whole from the response cache. */
  markCached(id: string): void {
    this.statements.markCached.run(id)
  }

  /** At start-up: an answer still marked streaming belongs to a process that died mid-answer. */
  markAbandonedStreams(): number {
    return this.statements.markAbandonedStreams.run({
      error: 'Roundtable closed before this answer finished.',
      now: this.now(),
    }).changes
  }

  chatSettings(id: string): ChatSettings | null {
    const row = this.statements.getChat.get(id)
    if (!row) return null
    return {
      providerId: row.provider_id,
      model: row.model,
      systemPrompt: row.system_prompt,
      params: parseJsonObject(row.params) as GenerationParams,
      // A hand-edited or unknown value falls back to the default.
      cacheMode: CACHE_MODES.find((mode) => mode === row.cache_mode) ?? 'auto',
      routingProfileId: row.routing_profile_id,
      contextStrategy: row.context_strategy === 'summarize' ? 'summarize' : 'window',
    }
  }

  updateChatSettings(id: string, settings: ChatSettings): ChatSettings | null {
    const changes = this.statements.updateChatSettings.run({
      id,
      providerId: settings.providerId,
      model: settings.model,
      systemPrompt: settings.systemPrompt,
      params: JSON.stringify(settings.params),
      cacheMode: settings.cacheMode,
      routingProfileId: settings.routingProfileId,
      contextStrategy: settings.contextStrategy,
    }).changes
    return changes > 0 ? this.chatSettings(id) : null
  }

  private requireChat(id: string): ChatSummary {
    const chat = this.getChat(id)
    if (!chat) throw new Error(`chat ${id} vanished inside its own transaction`)
    return chat
  }
}

/** A page's `next` back into its pair (the contract lets only that shape through). */
function pageCursor(cursor: string): { updatedAt: number; seq: number } {
  const [updatedAt, seq] = cursor.split('.').map(Number)
  return { updatedAt: updatedAt ?? 0, seq: seq ?? 0 }
}

function toChatSummary(row: ChatRow): ChatSummary {
  return {
    id: row.id,
    title: row.title,
    empty: row.empty === 1,
    pinnedAt: row.pinned_at,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    chatId: row.chat_id,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    thinking: row.thinking,
    status: row.status,
    error: row.error,
    errorKind: row.error_kind,
    errorWording: parseWording(row.error_wording),
    provider: row.provider,
    model: row.model,
    finishReason: row.finish_reason,
    target: parseTarget(row.target),
    slot: row.slot,
    mergedFrom: parseIds(row.merged_from),
    vote: row.vote ?? null,
    preferred: row.preferred === 1,
    cached: row.cached === 1,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    firstTokenMs: row.first_token_ms,
    durationMs: row.duration_ms,
    ...routeOf(row.route),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Stored preferences, field by field: a hand-edited or older value falls back to the default. */
function readCompareSettings(text: string): CompareSettings {
  const stored = parseJsonObject(text)
  const fallback = DEFAULT_COMPARE_SETTINGS
  const layouts: CompareSettings['layout'][] = ['columns', 'grid', 'tabs']
  return {
    targets: Array.isArray(stored.targets)
      ? stored.targets.map(targetFrom).filter((target): target is AnswerTarget => target !== null)
      : fallback.targets,
    layout: layouts.find((layout) => layout === stored.layout) ?? fallback.layout,
    syncScroll: typeof stored.syncScroll === 'boolean' ? stored.syncScroll : fallback.syncScroll,
    blind: typeof stored.blind === 'boolean' ? stored.blind : fallback.blind,
  }
}

/** Only routed answers carry a route, so every other message reads exactly as before. */
function routeOf(text: string | null): { route?: AnswerRoute } {
  if (!text) return {}
  const value = parseJsonObject(text)
  if (typeof value.profileName !== 'string' || !Array.isArray(value.failed)) return {}
  const failed = value.failed.flatMap((hop: unknown) => {
    const target = targetFrom(hop)
    if (!target) return []
    const kind = (hop as Record<string, unknown>).errorKind
    return [
      {
        providerId: target.providerId,
        model: target.model,
        errorKind: typeof kind === 'string' ? kind : null,
      },
    ]
  })
  return { route: { profileName: value.profileName, failed } }
}

function parseTarget(text: string | null): AnswerTarget | null {
  return text ? targetFrom(parseJsonObject(text)) : null
}

function targetFrom(stored: unknown): AnswerTarget | null {
  if (!stored || typeof stored !== 'object') return null
  const value = stored as Record<string, unknown>
  if (typeof value.providerId !== 'string' || typeof value.model !== 'string') return null
  return {
    providerId: value.providerId,
    model: value.model,
    ...(typeof value.temperature === 'number' && { temperature: value.temperature }),
  }
}

function parseIds(text: string | null): string[] | null {
  if (!text) return null
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : null
  } catch {
    return null
  }
}

/** A stored wording, or null for one older, hand-edited or of a code this version does not know. */
function parseWording(stored: string | null): Wording | null {
  if (!stored) return null
  try {
    const parsed: unknown = JSON.parse(stored)
    return isWording(parsed) ? parsed : null
  } catch {
    return null
  }
}
