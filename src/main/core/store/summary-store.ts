// The summaries Summarize older messages keeps of what fell out of a chat's window. Each covers a
// chat's path from its start through one message (the path to a message is unique in the tree), so
// a summary is reused by any later request on that path and extended from there, never redone.
import { randomUUID } from 'node:crypto'
import type { ContextSummary } from '../../../shared/context'
import type { Db } from './database'

interface SummaryRow {
  id: string
  chat_id: string
  through_message_id: string
  content: string
  covered: number
  left_out: number
  model: string | null
  created_at: number
}

export interface NewSummary {
  chatId: string
  throughMessageId: string
  extendsId: string | null
  content: string
  covered: number
  leftOut: number
  providerId: string | null
  model: string | null
}

export class SummaryStore {
  private readonly statements

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      // The summary furthest along the path: json_each's key is each id's place on it.
      latestOnPath: db.prepare<{ chatId: string; ids: string }, SummaryRow>(
        `SELECT s.* FROM json_each(@ids) AS path
           JOIN context_summaries s ON s.through_message_id = path.value AND s.chat_id = @chatId
         ORDER BY path.key DESC, s.created_at DESC LIMIT 1`,
      ),
      get: db.prepare<[string, string], SummaryRow>(
        'SELECT * FROM context_summaries WHERE id = ? AND chat_id = ?',
      ),
      insert: db.prepare(
        `INSERT INTO context_summaries (id, chat_id, through_message_id, extends_id, content, covered, left_out,
           provider_id, model, created_at)
         VALUES (@id, @chatId, @throughMessageId, @extendsId, @content, @covered, @leftOut, @providerId, @model,
           @createdAt)`,
      ),
    }
  }

  /** The stored summary through the latest of these path messages (oldest first), if any. */
  latestOnPath(chatId: string, pathIds: readonly string[]): ContextSummary | null {
    if (pathIds.length === 0) return null
    const row = this.statements.latestOnPath.get({ chatId, ids: JSON.stringify(pathIds) })
    return row ? fromRow(row) : null
  }

  get(chatId: string, id: string): ContextSummary | null {
    const row = this.statements.get.get(id, chatId)
    return row ? fromRow(row) : null
  }

  add(summary: NewSummary): ContextSummary {
    const id = randomUUID()
    this.statements.insert.run({ id, ...summary, createdAt: this.now() })
    return this.get(summary.chatId, id) as ContextSummary
  }
}

function fromRow(row: SummaryRow): ContextSummary {
  return {
    id: row.id,
    chatId: row.chat_id,
    throughMessageId: row.through_message_id,
    content: row.content,
    covered: row.covered,
    leftOut: row.left_out,
    model: row.model,
    createdAt: row.created_at,
  }
}
