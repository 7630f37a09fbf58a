import type { Migration } from './migration'

/**
 * A trace per provider request (an answer or a title), with one row per attempt; the response cache.
 * Traces point at messages rather than copying their text, and never hold a key or a header.
 */
export const tracesAndCache: Migration = {
  version: 7,
  description:
    'a trace per request with its attempts, hourly and daily figures; the response cache; cache mode per chat',
  sql: `
    CREATE TABLE traces (
      id TEXT PRIMARY KEY,
      chat_id TEXT,
      -- the answer it produced; NULL for the app's own requests (titles)
      message_id TEXT,
      purpose TEXT NOT NULL,
      provider_id TEXT,
      provider_name TEXT,
      model TEXT,
      -- how the model was chosen, as JSON (the routing issue fills it); NULL: the chat's own choice
      route TEXT,
      -- complete, stopped, interrupted, error
      status TEXT NOT NULL,
      error_kind TEXT,
      finish_reason TEXT,
      started_at INTEGER NOT NULL,
      queue_ms INTEGER,
      first_token_ms INTEGER,
      duration_ms INTEGER NOT NULL,
      tokens_in INTEGER,
      tokens_out INTEGER,
      -- 1 when the token counts are estimates (the provider gave none)
      tokens_estimated INTEGER NOT NULL DEFAULT 0,
      tokens_per_second REAL,
      -- US dollars, from the model's prices; NULL when they are unknown
      cost REAL,
      cache_hit INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX traces_by_time ON traces(started_at);
    CREATE INDEX traces_by_model ON traces(provider_id, model, started_at);
    CREATE INDEX traces_by_message ON traces(message_id);
    CREATE INDEX traces_by_chat ON traces(chat_id, started_at);

    CREATE TABLE trace_attempts (
      trace_id TEXT NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
      attempt INTEGER NOT NULL,
      -- ok, failed
      status TEXT NOT NULL,
      error_kind TEXT,
      -- the error in plain words, as the person was shown it (never a header or a key)
      error TEXT,
      -- the wait before the next attempt
      retry_in_ms INTEGER,
      started_ms INTEGER NOT NULL,
      PRIMARY KEY (trace_id, attempt)
    );

    -- Monitoring's figures, kept up as traces are written, so its queries read a few rows however
    -- many requests there were: per local hour and per local day (span), per model, the counts, and
    -- for first token, total time and speed a histogram in bins 10 % wide over the uncached answers
    -- (a percentile read from it is within 5 % of the exact one).
    CREATE TABLE trace_rollups (
      span TEXT NOT NULL CHECK (span IN ('hour', 'day')),
      start INTEGER NOT NULL,
      provider_id TEXT NOT NULL,
      model TEXT NOT NULL,
      provider_name TEXT,
      requests INTEGER NOT NULL,
      errors INTEGER NOT NULL,
      tokens INTEGER NOT NULL,
      cost REAL NOT NULL,
      cache_hits INTEGER NOT NULL,
      PRIMARY KEY (span, start, provider_id, model)
    );
    CREATE TABLE trace_rollup_bins (
      span TEXT NOT NULL,
      start INTEGER NOT NULL,
      provider_id TEXT NOT NULL,
      model TEXT NOT NULL,
      -- first_token_ms, duration_ms, tokens_per_second
      metric TEXT NOT NULL,
      bin INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (span, start, provider_id, model, metric, bin)
    );

    CREATE TABLE response_cache (
      key TEXT PRIMARY KEY,
      provider_id TEXT NOT NULL,
      model TEXT NOT NULL,
      -- the answer as JSON: text, thinking, usage, finish reason
      answer TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      used_at INTEGER NOT NULL,
      hits INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX response_cache_by_use ON response_cache(used_at);

    -- Cache: off, auto (deterministic requests only), always
    ALTER TABLE chats ADD COLUMN cache_mode TEXT NOT NULL DEFAULT 'auto';
    -- 1: the answer came from the response cache
    ALTER TABLE messages ADD COLUMN cached INTEGER NOT NULL DEFAULT 0;
  `,
}
