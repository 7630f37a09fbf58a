import type { Migration } from './migration'

export const providers: Migration = {
  version: 2,
  description:
    'providers, their models, encrypted secrets fallback, per-chat model and parameters, thinking text',
  sql: `
      CREATE TABLE providers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        preset TEXT NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN ('openai', 'anthropic', 'azure-openai')),
        base_url TEXT NOT NULL,
        -- extra request headers as a JSON object; configuration, not secrets (the key has its own store)
        headers TEXT NOT NULL DEFAULT '{}',
        -- protocol options as JSON, e.g. Azure's deployment and api-version
        options TEXT NOT NULL DEFAULT '{}',
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        models_fetched_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE models (
        provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        display_name TEXT,
        context_window INTEGER,
        max_output_tokens INTEGER,
        -- US dollars per million tokens
        input_price REAL,
        output_price REAL,
        vision INTEGER NOT NULL DEFAULT 0 CHECK (vision IN (0, 1)),
        reasoning INTEGER NOT NULL DEFAULT 0 CHECK (reasoning IN (0, 1)),
        source TEXT NOT NULL CHECK (source IN ('listed', 'manual')),
        PRIMARY KEY (provider_id, id)
      );

      -- Only where no OS keychain is reachable: Electron safeStorage ciphertext, never plain text.
      CREATE TABLE secrets (
        account TEXT PRIMARY KEY,
        ciphertext BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      );

      -- No foreign key: providers from the environment have ids too, and a chat whose provider is
      -- deleted keeps its text and asks for another model.
      ALTER TABLE chats ADD COLUMN provider_id TEXT;
      ALTER TABLE chats ADD COLUMN model TEXT;
      ALTER TABLE chats ADD COLUMN system_prompt TEXT;
      ALTER TABLE chats ADD COLUMN params TEXT NOT NULL DEFAULT '{}';

      ALTER TABLE messages ADD COLUMN thinking TEXT NOT NULL DEFAULT '';
    `,
}
