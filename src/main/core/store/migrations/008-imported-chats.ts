import type { Migration } from './migration'

/**
 * Chats brought in from a file. A conversation imported from another app is remembered by its id
 * there, so importing the same export again adds nothing; a Roundtable file is recognised by its
 * chat ids. An import is staged first (one row per chat, already checked and converted) and moved
 * into the chats in one transaction at the end, so a file that fails half-way leaves nothing behind.
 */
export const importedChats: Migration = {
  version: 8,
  description: 'imported conversations remembered by their source id; a staging table for imports',
  sql: `
    CREATE TABLE imported_conversations (
      -- where it came from: 'chatgpt'
      source TEXT NOT NULL,
      -- the conversation's id in its source
      source_id TEXT NOT NULL,
      chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
      imported_at INTEGER NOT NULL,
      PRIMARY KEY (source, source_id)
    );
    CREATE INDEX imported_conversations_by_chat ON imported_conversations(chat_id);

    CREATE TABLE import_staging (
      import_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      -- the chat as Roundtable JSON (a chat of the export format), with its source id if any
      chat TEXT NOT NULL,
      PRIMARY KEY (import_id, seq)
    );
  `,
}
