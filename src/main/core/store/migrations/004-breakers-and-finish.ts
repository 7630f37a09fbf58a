import type { Migration } from './migration'

export const breakersAndFinish: Migration = {
  version: 4,
  description:
    'circuit breaker state per provider and model; why each answer ended or failed; who named each chat',
  sql: `
    CREATE TABLE breakers (
      provider_id TEXT NOT NULL,
      model TEXT NOT NULL,
      -- BreakerState as JSON (phase, failures, cooldown); see pipeline/breaker.ts
      state TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (provider_id, model)
    );
    -- how the answer ended, in the app's words: stop, length, content-filter, refusal,
    -- tool-call:<names>, empty, reasoning-only (see chat/chat-service.ts endingOf)
    ALTER TABLE messages ADD COLUMN finish_reason TEXT;
    -- the kind of failure behind messages.error (paused, auth, rate-limited, ...): what the page offers
    ALTER TABLE messages ADD COLUMN error_kind TEXT;
    -- who gave the chat its title: 'words' (its first words, until a model names it), 'model' or
    -- 'person'; chats from before this version count as named by the person, and are left alone
    ALTER TABLE chats ADD COLUMN title_source TEXT NOT NULL DEFAULT 'person';
  `,
}
