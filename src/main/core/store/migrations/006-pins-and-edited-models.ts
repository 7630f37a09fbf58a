import type { Migration } from './migration'

export const pinsAndEditedModels: Migration = {
  version: 6,
  description: 'pinned chats; listed models the person edited stay listed',
  sql: `
    -- when the person pinned the chat to the top of the list; NULL: not pinned
    ALTER TABLE chats ADD COLUMN pinned_at INTEGER;
    -- 1: a model the server listed, changed by the person; a refresh of the list keeps it as edited.
    -- Models edited before this version were stored as the person's own ('manual') and stay so.
    ALTER TABLE models ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;
  `,
}
