import type { Migration } from './migration'

export const errorWording: Migration = {
  version: 12,
  description: "each failed answer's error as a code with parameters, so it reads in the language shown",
  sql: `
    -- Wording as JSON ({"code":…,"params":…}, see shared/wording.ts); messages.error keeps the English.
    -- NULL for answers that failed before this version: the page shows their English as it was.
    ALTER TABLE messages ADD COLUMN error_wording TEXT;
  `,
}
