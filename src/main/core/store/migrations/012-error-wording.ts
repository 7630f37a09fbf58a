import type { Migration } from './migration'

export const errorWording: Migration = {
  version: 12,
  description:
    "each failed answer's error as a code with parameters, and no stored English title for a chat not named yet, so both read in the language shown",
  sql: `
    -- Wording as JSON ({"code":…,"params":…}, see shared/wording.ts); messages.error keeps the English.
    -- NULL for answers that failed before this version: the page shows their English as it was.
    ALTER TABLE messages ADD COLUMN error_wording TEXT;
    -- A chat not named yet was stored as 'New chat'; now it has no title, and the page words it.
    -- A chat the person named "New chat" (title_source 'person') keeps its name.
    UPDATE chats SET title = '' WHERE title = 'New chat' AND title_source = 'words';
  `,
}
