// The questions the reads worker answers (Monitoring's figures and log, search, find in chat, a chat's
// thread and its messages by id, token counts), and the one function that answers them on a connection: the
// worker's own, or the main one where no worker can start. Plain code: the worker loads it as it is
// (explicit .ts imports).

import { readThread } from '../chat/chat-thread.ts'
import { conversationTail } from '../chat/conversation.ts'
import { countTokens } from '../context/count-tokens.ts'
import type { Encoding } from '../context/encodings.ts'
import { monitoringReport, requestLog } from '../monitoring/monitoring-queries.ts'
import { findInChat, search } from '../search/search-queries.ts'
import { ChatStore } from '../store/chat-store.ts'
import type { Db } from '../store/database'

/** One store per connection: its statements are prepared once. */
const stores = new WeakMap<Db, ChatStore>()
function storeOf(db: Db): ChatStore {
  let store = stores.get(db)
  if (!store) {
    store = new ChatStore(db)
    stores.set(db, store)
  }
  return store
}

export type ReadQuestion =
  | { kind: 'report'; range: Parameters<typeof monitoringReport>[1]; now: number }
  | { kind: 'log'; filter: Parameters<typeof requestLog>[1]; now: number }
  | { kind: 'search'; query: string; now: number; limit?: number }
  | { kind: 'find'; chatId: string; query: string }
  /** As stored: the main process adds what is still streaming. */
  | { kind: 'thread'; chatId: string }
  | { kind: 'messages'; chatId: string; messageIds: readonly string[] }
  /** The newest part of a chat's conversation as a model is sent it (see conversation.ts). */
  | { kind: 'conversation'; chatId: string; maxChars: number }
  /** The tokens of each text (see count-tokens.ts): the one question answered asynchronously. */
  | { kind: 'count'; encoding: Encoding; texts: readonly string[] }
  /** Prepares what opening a chat needs, so the first chat opened does not wait for it. */
  | { kind: 'warm' }

export function answerOf(db: Db, question: ReadQuestion): unknown {
  switch (question.kind) {
    case 'report':
      return monitoringReport(db, question.range, question.now)
    case 'log':
      return requestLog(db, question.filter, question.now)
    case 'search':
      return search(db, question.query, question.now, question.limit)
    case 'find':
      return findInChat(db, question.chatId, question.query)
    case 'thread':
      return readThread(storeOf(db), () => undefined, question.chatId)
    case 'messages':
      return storeOf(db).messagesByIds(question.chatId, question.messageIds)
    case 'conversation':
      return conversationTail(storeOf(db), question.chatId, question.maxChars)
    case 'count':
      return countTokens(question.encoding, question.texts)
    case 'warm':
      storeOf(db)
      return null
  }
}
