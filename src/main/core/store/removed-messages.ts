// Deleting a message and what follows it, in a way that can be put back exactly (Undo). The rows are
// read out before the delete, so Undo re-inserts the same ids, votes, preferences and kept path.
import type { Db } from './database'

type Row = Record<string, unknown>

/** Everything a delete took away, as stored rows; held in memory by the caller until Undo or expiry. */
export interface RemovedMessages {
  chatId: string
  messageId: string
  /** Root first: a parent is always before its children. */
  messages: Row[]
  votes: Row[]
  preferences: Row[]
  /** Where the path went through before the delete (the parent's kept child, or the chat's first message). */
  keptBefore: string | null
  separateFrom: string | null
}

const SUBTREE = `WITH RECURSIVE subtree(id, depth) AS (
    SELECT id, 0 FROM messages WHERE id = ?
    UNION ALL
    SELECT m.id, s.depth + 1 FROM subtree s JOIN messages m ON m.parent_id = s.id
  )`

/**
 * Deletes the message and every message below it. Where it was on the path, the path goes on
 * through its newest remaining sibling, so the turn neither vanishes nor opens side by side.
 */
export function removeSubtree(db: Db, messageId: string, now: number): RemovedMessages | null {
  return db.transaction((): RemovedMessages | null => {
    const messages = db
      .prepare<[string], Row>(
        // The rowid too: preferences compare rowids ("answers there when it was kept").
        `${SUBTREE} SELECT m.rowid AS rowid, m.* FROM subtree s JOIN messages m ON m.id = s.id ORDER BY s.depth, m.rowid`,
      )
      .all(messageId)
    const first = messages[0]
    if (!first) return null
    const chatId = String(first.chat_id)
    const parentId = (first.parent_id as string | null) ?? null
    const votes = db
      .prepare<[string], Row>(
        `${SUBTREE} SELECT v.* FROM votes v WHERE v.message_id IN (SELECT id FROM subtree)`,
      )
      .all(messageId)
    const preferences = db
      .prepare<[string], Row>(
        `${SUBTREE} SELECT p.* FROM preferences p
         WHERE p.question_id IN (SELECT id FROM subtree) OR p.answer_id IN (SELECT id FROM subtree)`,
      )
      .all(messageId)
    const chat = db
      .prepare<[string], { active_root_id: string | null; separate_from: string | null }>(
        'SELECT active_root_id, separate_from FROM chats WHERE id = ?',
      )
      .get(chatId)
    const keptBefore = parentId
      ? (db
          .prepare<[string], { active_child_id: string | null }>(
            'SELECT active_child_id FROM messages WHERE id = ?',
          )
          .get(parentId)?.active_child_id ?? null)
      : (chat?.active_root_id ?? null)

    db.prepare('DELETE FROM messages WHERE id = ?').run(messageId)
    if (keptBefore === messageId) {
      const newest = db
        .prepare<[string | null, string], { id: string }>(
          `SELECT id FROM messages WHERE parent_id IS ? AND chat_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
        )
        .get(parentId, chatId)?.id
      if (parentId)
        db.prepare('UPDATE messages SET active_child_id = ? WHERE id = ?').run(newest ?? null, parentId)
      else db.prepare('UPDATE chats SET active_root_id = ? WHERE id = ?').run(newest ?? null, chatId)
    }
    db.prepare('UPDATE chats SET updated_at = ? WHERE id = ?').run(now, chatId)
    return {
      chatId,
      messageId,
      messages,
      votes,
      preferences,
      keptBefore,
      separateFrom: chat?.separate_from ?? null,
    }
  })()
}

/** Puts back what `removeSubtree` took; false when its chat or the message above it is gone since. */
export function restoreRemoved(db: Db, removed: RemovedMessages, now: number): boolean {
  return db.transaction((): boolean => {
    const first = removed.messages[0]
    if (!first) return false
    const parentId = (first.parent_id as string | null) ?? null
    const chatThere = db.prepare('SELECT 1 FROM chats WHERE id = ?').get(removed.chatId) !== undefined
    const parentThere = parentId === null || db.prepare('SELECT 1 FROM messages WHERE id = ?').get(parentId)
    if (!chatThere || !parentThere) return false
    // A message names its kept child, which is inserted after it: checked once, at commit.
    db.pragma('defer_foreign_keys = ON')
    // A rowid taken since (by a message added after the delete) is left to SQLite to choose.
    const taken = db.prepare<[unknown], { one: number }>('SELECT 1 AS one FROM messages WHERE rowid = ?')
    const messages = removed.messages.map(({ rowid, ...row }) =>
      taken.get(rowid) ? { ...row, rowid: null } : { ...row, rowid },
    )
    insertRows(db, 'messages', messages)
    insertRows(db, 'votes', removed.votes)
    for (const preference of removed.preferences) {
      // A preference of the parent for a deleted answer was replaced only if the person kept another since.
      insertRows(db, 'preferences', [preference], 'OR IGNORE')
    }
    if (parentId)
      db.prepare('UPDATE messages SET active_child_id = ? WHERE id = ?').run(removed.keptBefore, parentId)
    else
      db.prepare('UPDATE chats SET active_root_id = ? WHERE id = ?').run(removed.keptBefore, removed.chatId)
    if (removed.separateFrom !== null)
      db.prepare('UPDATE chats SET separate_from = ? WHERE id = ?').run(removed.separateFrom, removed.chatId)
    db.prepare('UPDATE chats SET updated_at = ? WHERE id = ?').run(now, removed.chatId)
    return true
  })()
}

function insertRows(db: Db, table: 'messages' | 'votes' | 'preferences', rows: Row[], or = ''): void {
  const first = rows[0]
  if (!first) return
  // Column names come from the rows SQLite itself returned for this table, never from input.
  const columns = Object.keys(first)
  const insert = db.prepare(
    `INSERT ${or} INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  )
  for (const row of rows) insert.run(row)
}
