import type { Migration } from './migration'

/**
 * A question can have several answers, asked together (side by side) or one after another (Retry).
 * The chat's path is no longer "walk up from the head": each message names its kept child, so
 * switching one turn's answer keeps what was chosen below every other turn. A question whose kept
 * child is NULL while it has answers is a side-by-side turn the person has not decided yet.
 * `chats.head_message_id` is no longer read from this version on; it stays because SQLite cannot drop
 * a referenced column without rebuilding the table.
 */
export const answersAndJudging: Migration = {
  version: 5,
  description: 'several answers per question, the kept path, votes and preferences',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN active_child_id TEXT REFERENCES messages(id) ON DELETE SET NULL;
      -- which column of a side-by-side turn this answer fills; a retry in a column keeps its slot
      ALTER TABLE messages ADD COLUMN slot INTEGER;
      -- the model the person asked for, as JSON {providerId, model, temperature?}; NULL: the chat's choice
      ALTER TABLE messages ADD COLUMN target TEXT;
      -- a merged answer: JSON array of the answer ids it drew on
      ALTER TABLE messages ADD COLUMN merged_from TEXT;
      ALTER TABLE messages ADD COLUMN first_token_ms INTEGER;
      ALTER TABLE messages ADD COLUMN duration_ms INTEGER;
      ALTER TABLE chats ADD COLUMN active_root_id TEXT REFERENCES messages(id) ON DELETE SET NULL;
      -- side-by-side preferences as JSON (models chosen, layout, synchronized scrolling, blind)
      ALTER TABLE chats ADD COLUMN compare TEXT NOT NULL DEFAULT '{}';
      -- the question after which every column goes on with its own thread
      ALTER TABLE chats ADD COLUMN separate_from TEXT REFERENCES messages(id) ON DELETE SET NULL;

      CREATE TABLE votes (
        message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        value INTEGER NOT NULL CHECK (value IN (-1, 1)),
        voted_at INTEGER NOT NULL
      );
      -- a deliberate "Keep this answer": a win over the question's other answers
      CREATE TABLE preferences (
        question_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        answer_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        chosen_at INTEGER NOT NULL,
        -- the newest message rowid when it was kept: only answers up to it were there to lose
        seen_rowid INTEGER NOT NULL
      );
      CREATE INDEX preferences_by_time ON preferences(chosen_at);
      CREATE INDEX preferences_by_answer ON preferences(answer_id);
      CREATE INDEX votes_by_time ON votes(voted_at);

      -- Every message with children keeps its newest child...
      UPDATE messages SET active_child_id = (
        SELECT c.id FROM messages c WHERE c.parent_id = messages.id ORDER BY c.created_at DESC, c.rowid DESC LIMIT 1
      );
    `)
    // ...except along the branch each chat showed, which stays exactly what it was.
    const heads = db
      .prepare<[], { id: string; head: string }>(
        'SELECT id, head_message_id AS head FROM chats WHERE head_message_id IS NOT NULL',
      )
      .all()
    const parentOf = db.prepare<[string], { id: string; parent_id: string | null }>(
      'SELECT id, parent_id FROM messages WHERE id = ?',
    )
    const keep = db.prepare('UPDATE messages SET active_child_id = ? WHERE id = ?')
    const keepRoot = db.prepare('UPDATE chats SET active_root_id = ? WHERE id = ?')
    for (const chat of heads) {
      let row = parentOf.get(chat.head)
      while (row?.parent_id) {
        keep.run(row.id, row.parent_id)
        row = parentOf.get(row.parent_id)
      }
      if (row) keepRoot.run(row.id, chat.id)
    }
  },
}
