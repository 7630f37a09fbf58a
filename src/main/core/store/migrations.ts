// Numbered, append-only. Never edit a migration that has shipped: add the next one. Each runs inside the
// single transaction that applies every pending migration, so a failure leaves the file as it was.
export interface Migration {
  version: number
  description: string
  sql: string
}

export const migrations: readonly Migration[] = [
  {
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
  },
  {
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
  },
]

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0
