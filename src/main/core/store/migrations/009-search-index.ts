import type { Db } from '../database'
import type { Migration } from './migration'

/** Rows copied into the index per statement while backfilling, so memory stays bounded on a large file. */
export const BACKFILL_BATCH = 2_000

/**
 * Full-text search over every message (every branch and alternative) and every chat title. The indexes
 * are external-content FTS5 tables over `messages` and `chats` (the text is stored once), with the
 * trigram tokenizer, so any substring of three or more characters is found, Chinese and Japanese
 * included (which have no spaces between words for a word tokenizer to split on).
 *
 * A message enters the index when it stops streaming (complete, stopped, interrupted, error), not on
 * every flush of streamed text: the triggers below do nothing while a message is `streaming`. An
 * external-content index must be told the exact old text to remove an entry, so a message that was
 * never indexed (still streaming) is never removed from it either.
 */
export const searchIndex: Migration = {
  version: 9,
  description: 'full-text search (FTS5, trigram) over messages and chat titles, kept in step by triggers',
  up(db: Db) {
    db.exec(`
      CREATE VIRTUAL TABLE message_search USING fts5(
        content, content='messages', content_rowid='rowid', tokenize='trigram'
      );
      CREATE VIRTUAL TABLE chat_search USING fts5(
        title, content='chats', content_rowid='rowid', tokenize='trigram'
      );

      CREATE TRIGGER message_search_insert AFTER INSERT ON messages
      WHEN new.status <> 'streaming' BEGIN
        INSERT INTO message_search(rowid, content) VALUES (new.rowid, new.content);
      END;
      -- Not while streaming: both old and new are 'streaming' for every flush, and nothing runs. One
      -- trigger, so the old text always leaves the index before the new text enters it.
      CREATE TRIGGER message_search_update AFTER UPDATE OF content, status ON messages
      WHEN (old.status <> 'streaming' OR new.status <> 'streaming')
        AND (old.status IS NOT new.status OR old.content IS NOT new.content) BEGIN
        INSERT INTO message_search(message_search, rowid, content)
          SELECT 'delete', old.rowid, old.content WHERE old.status <> 'streaming';
        INSERT INTO message_search(rowid, content)
          SELECT new.rowid, new.content WHERE new.status <> 'streaming';
      END;
      -- Also fires for the messages a deleted chat takes with it (ON DELETE CASCADE).
      CREATE TRIGGER message_search_delete AFTER DELETE ON messages
      WHEN old.status <> 'streaming' BEGIN
        INSERT INTO message_search(message_search, rowid, content) VALUES ('delete', old.rowid, old.content);
      END;

      CREATE TRIGGER chat_search_insert AFTER INSERT ON chats BEGIN
        INSERT INTO chat_search(rowid, title) VALUES (new.rowid, new.title);
      END;
      CREATE TRIGGER chat_search_update AFTER UPDATE OF title ON chats
      WHEN new.title IS NOT old.title BEGIN
        INSERT INTO chat_search(chat_search, rowid, title) VALUES ('delete', old.rowid, old.title);
        INSERT INTO chat_search(rowid, title) VALUES (new.rowid, new.title);
      END;
      CREATE TRIGGER chat_search_delete AFTER DELETE ON chats BEGIN
        INSERT INTO chat_search(chat_search, rowid, title) VALUES ('delete', old.rowid, old.title);
      END;
    `)
    backfill(db, 'messages', 'message_search', 'content', "status <> 'streaming'")
    backfill(db, 'chats', 'chat_search', 'title', '1')
  },
}

/** What the file already holds, copied into the index a batch of rows at a time (in rowid order). */
function backfill(db: Db, table: string, index: string, column: string, where: string): void {
  // Names are this file's constants, never input.
  const batch = db.prepare<{ after: number; limit: number }, { last: number | null; n: number }>(
    `WITH picked AS (
       SELECT rowid AS id, ${column} AS text FROM ${table}
       WHERE rowid > @after AND ${where} ORDER BY rowid LIMIT @limit
     )
     SELECT max(id) AS last, count(*) AS n FROM picked`,
  )
  const copy = db.prepare<{ after: number; last: number }>(
    `INSERT INTO ${index}(rowid, ${column})
     SELECT rowid, ${column} FROM ${table} WHERE rowid > @after AND rowid <= @last AND ${where}`,
  )
  let after = 0
  for (;;) {
    const { last, n } = batch.get({ after, limit: BACKFILL_BATCH }) ?? { last: null, n: 0 }
    if (last === null || n === 0) return
    copy.run({ after, last })
    after = last
  }
}
