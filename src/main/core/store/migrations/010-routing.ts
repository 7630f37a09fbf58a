import type { Migration } from './migration'

/**
 * Routing (Auto in the model picker): the person's own profiles (the built-in ones live in code until
 * edited, then are stored here under their own id), which profile a chat routes by, and what an
 * answer keeps of its routing for its facts line.
 */
export const routing: Migration = {
  version: 10,
  description: "routing profiles, the profile a chat routes by, and each routed answer's route",
  up(db) {
    db.exec(`
      CREATE TABLE routing_profiles (
        id TEXT PRIMARY KEY,
        -- the profile as JSON (name, candidates, weights, fallbacks, maxFallbacks, sticky), checked by zod on read
        body TEXT NOT NULL,
        position INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- NULL: the chat asks its own provider and model
      ALTER TABLE chats ADD COLUMN routing_profile_id TEXT;
      -- JSON {profileName, failed: [{providerId, model, errorKind}]}; NULL: not routed
      ALTER TABLE messages ADD COLUMN route TEXT;
    `)
  },
}
