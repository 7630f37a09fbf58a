// Chats and their message tree. Synchronous by design: better-sqlite3 statements are microseconds, and
// keeping them synchronous makes each operation atomic without extra locking.
import { randomUUID } from 'node:crypto'
import type { ChatSettings, GenerationParams } from '../../../shared/providers'
import type { ChatMessage, ChatSummary, MessageRole, MessageStatus } from '../../../shared/types'
import type { Db } from './database'
import { parseJsonObject } from './json-column'

interface ChatRow {
  id: string
  title: string
  head_message_id: string | null
  provider_id: string | null
  model: string | null
  system_prompt: string | null
  params: string
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
  provider: string | null
  model: string | null
  finish_reason: string | null
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
}

export interface FinishedMessage {
  status: Exclude<MessageStatus, 'streaming'>
  error: string | null
  errorKind?: string | null
  finishReason?: string | null
  tokensIn?: number | null
  tokensOut?: number | null
}

export const DEFAULT_CHAT_TITLE = 'New chat'

export class ChatStore {
  private readonly statements

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      listChats: db.prepare<[], ChatRow>('SELECT * FROM chats ORDER BY updated_at DESC, rowid DESC'),
      getChat: db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE id = ?'),
      insertChat: db.prepare(
        `INSERT INTO chats (id, title, title_source, head_message_id, created_at, updated_at)
         VALUES (@id, @title, 'words', NULL, @now, @now)`,
      ),
      renameChat: db.prepare(
        'UPDATE chats SET title = @title, title_source = @source, updated_at = @now WHERE id = @id',
      ),
      renameIfWords: db.prepare(
        `UPDATE chats SET title = @title, title_source = @source, updated_at = @now WHERE id = @id AND title_source = 'words'`,
      ),
      deleteChat: db.prepare('DELETE FROM chats WHERE id = ?'),
      setHead: db.prepare('UPDATE chats SET head_message_id = @head, updated_at = @now WHERE id = @id'),
      getMessage: db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?'),
      insertMessage: db.prepare(
        `INSERT INTO messages (id, chat_id, parent_id, role, content, status, provider, model, created_at, updated_at)
         VALUES (@id, @chatId, @parentId, @role, @content, @status, @provider, @model, @now, @now)`,
      ),
      appendContent: db.prepare(
        'UPDATE messages SET content = content || @text, updated_at = @now WHERE id = @id',
      ),
      appendThinking: db.prepare(
        'UPDATE messages SET thinking = thinking || @text, updated_at = @now WHERE id = @id',
      ),
      updateChatSettings: db.prepare(
        `UPDATE chats SET provider_id = @providerId, model = @model, system_prompt = @systemPrompt, params = @params
         WHERE id = @id`,
      ),
      finishMessage: db.prepare(
        `UPDATE messages SET status = @status, error = @error, error_kind = @errorKind, finish_reason = @finishReason,
           tokens_in = @tokensIn, tokens_out = @tokensOut, updated_at = @now WHERE id = @id`,
      ),
      setAnswerModel: db.prepare('UPDATE messages SET provider = @provider, model = @model WHERE id = @id'),
      titleSource: db.prepare<[string], { title_source: 'words' | 'model' | 'person' }>(
        'SELECT title_source FROM chats WHERE id = ?',
      ),
      // Walks from the head up to the root, then returns root first.
      branch: db.prepare<[string], MessageRow>(
        `WITH RECURSIVE branch(id, depth) AS (
           SELECT id, 0 FROM messages WHERE id = ?
           UNION ALL
           SELECT m.parent_id, b.depth + 1 FROM branch b JOIN messages m ON m.id = b.id WHERE m.parent_id IS NOT NULL
         )
         SELECT m.* FROM branch b JOIN messages m ON m.id = b.id ORDER BY b.depth DESC`,
      ),
      markAbandonedStreams: db.prepare(
        `UPDATE messages SET status = 'interrupted', error = @error, updated_at = @now WHERE status = 'streaming'`,
      ),
    }
  }

  listChats(): ChatSummary[] {
    return this.statements.listChats.all().map(toChatSummary)
  }

  getChat(id: string): ChatSummary | null {
    const row = this.statements.getChat.get(id)
    return row ? toChatSummary(row) : null
  }

  createChat(title = DEFAULT_CHAT_TITLE): ChatSummary {
    const id = randomUUID()
    this.statements.insertChat.run({ id, title, now: this.now() })
    return this.requireChat(id)
  }

  /** A new name; `person` unless the chat's first words or a model gave it. */
  renameChat(id: string, title: string, source: 'person' | 'words' = 'person'): ChatSummary | null {
    const changes = this.statements.renameChat.run({ id, title, source, now: this.now() }).changes
    return changes > 0 ? this.requireChat(id) : null
  }

  /** Who gave the chat its title: its first words, a model, or the person. */
  titleSource(id: string): 'words' | 'model' | 'person' | null {
    const row = this.db
      .prepare<[string], { title_source: 'words' | 'model' | 'person' }>(
        'SELECT title_source FROM chats WHERE id = ?',
      )
      .get(id)
    return row?.title_source ?? null
  }

  /** A model's name for the chat, only if nobody (the person) named it meanwhile. */
  nameByModel(id: string, title: string): ChatSummary | null {
    const changes = this.statements.renameIfWords.run({ id, title, source: 'model', now: this.now() }).changes
    return changes > 0 ? this.requireChat(id) : null
  }

  deleteChat(id: string): boolean {
    return this.statements.deleteChat.run(id).changes > 0
  }

  /** The messages of the chat's current branch, root first. */
  branch(chatId: string): ChatMessage[] {
    const head = this.statements.getChat.get(chatId)?.head_message_id
    return head ? this.branchTo(head) : []
  }

  /** The messages from the root down to `messageId`, root first. */
  branchTo(messageId: string): ChatMessage[] {
    return this.statements.branch.all(messageId).map(toChatMessage)
  }

  getMessage(id: string): ChatMessage | null {
    const row = this.statements.getMessage.get(id)
    return row ? toChatMessage(row) : null
  }

  /** Adds a message and makes it the chat's head, in one transaction. */
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
        now,
      })
      this.statements.setHead.run({ id: message.chatId, head: id, now })
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
        finishReason: finished.finishReason ?? null,
        tokensIn: finished.tokensIn ?? null,
        tokensOut: finished.tokensOut ?? null,
        now: this.now(),
      })
    })()
  }

  /** Records the provider and model the pipeline chose for an answer. */
  setAnswerModel(id: string, provider: string, model: string): void {
    this.statements.setAnswerModel.run({ id, provider, model })
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
    }
  }

  updateChatSettings(id: string, settings: ChatSettings): ChatSettings | null {
    const changes = this.statements.updateChatSettings.run({
      id,
      providerId: settings.providerId,
      model: settings.model,
      systemPrompt: settings.systemPrompt,
      params: JSON.stringify(settings.params),
    }).changes
    return changes > 0 ? this.chatSettings(id) : null
  }

  private requireChat(id: string): ChatSummary {
    const chat = this.getChat(id)
    if (!chat) throw new Error(`chat ${id} vanished inside its own transaction`)
    return chat
  }
}

function toChatSummary(row: ChatRow): ChatSummary {
  return { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at }
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
    provider: row.provider,
    model: row.model,
    finishReason: row.finish_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
