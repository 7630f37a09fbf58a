import type { Migration } from './migration'

export const chatsAndMessages: Migration = {
  version: 1,
  description: 'chats and messages as a tree; settings',
  sql: `
      CREATE TABLE chats (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        -- the leaf of the branch the chat shows; the branch is read by walking parent links up to the root
        head_message_id TEXT REFERENCES messages(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX chats_by_recency ON chats(updated_at DESC);

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
        parent_id TEXT REFERENCES messages(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
        content TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('streaming', 'complete', 'stopped', 'interrupted', 'error')),
        error TEXT,
        provider TEXT,
        model TEXT,
        tokens_in INTEGER,
        tokens_out INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_chat ON messages(chat_id, created_at);
      CREATE INDEX messages_by_parent ON messages(parent_id);
      CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
}
