import type { Migration } from './migration'

/**
 * Context-window management and temporary chats: how a chat keeps a long conversation within a model's
 * window, the summaries it keeps of what fell out (reused and extended, never redone), when a temporary
 * chat expires, which chat wrote each cached answer (so an expired chat takes its entries with it), and
 * what each request sent of its conversation (its own token count beside the provider's calibrates
 * later counts).
 */
export const contextAndTemporaryChats: Migration = {
  version: 11,
  description:
    'context strategy and summaries, temporary chats, cache entries by chat, what each request sent',
  sql: `
    -- window: the most recent turns that fit; summarize: what falls out is summarized
    ALTER TABLE chats ADD COLUMN context_strategy TEXT NOT NULL DEFAULT 'window';
    -- a temporary chat's end (ms since the epoch); NULL: kept until deleted
    ALTER TABLE chats ADD COLUMN expires_at INTEGER;
    CREATE INDEX chats_by_expiry ON chats(expires_at) WHERE expires_at IS NOT NULL;

    -- A summary of a chat's path from its start through one message: the path to a message is unique
    -- in the tree, so that message names what the summary covers.
    CREATE TABLE context_summaries (
      id TEXT PRIMARY KEY,
      chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
      through_message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      -- the summary before this one that it extends; NULL: the first
      extends_id TEXT REFERENCES context_summaries(id) ON DELETE SET NULL,
      content TEXT NOT NULL,
      -- how many messages of the path it covers, and how many older ones were left out unsummarized
      covered INTEGER NOT NULL,
      left_out INTEGER NOT NULL DEFAULT 0,
      provider_id TEXT,
      model TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX context_summaries_by_message ON context_summaries(through_message_id);
    CREATE INDEX context_summaries_by_chat ON context_summaries(chat_id, created_at);

    -- the chat whose request wrote the entry; NULL: written before this was kept, or by the app
    ALTER TABLE response_cache ADD COLUMN chat_id TEXT;
    CREATE INDEX response_cache_by_chat ON response_cache(chat_id) WHERE chat_id IS NOT NULL;

    -- what the request sent of the conversation, as JSON (window, tokens counted, messages left out,
    -- summary used); NULL: not an answer in a chat, or sent before this was kept
    ALTER TABLE traces ADD COLUMN context TEXT;
  `,
}
