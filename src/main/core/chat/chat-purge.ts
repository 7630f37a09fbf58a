// Deleting a chat the whole way: its answers stopped first, then in one transaction the chat and its
// messages (and what cascades from them: votes, summaries, the search index), the response-cache
// entries its requests wrote, and its traces' text. The traces' figures stay, detached from the chat,
// so Monitoring's totals do not change when a chat goes. Delete chat and an expired temporary chat
// both come through here.
import type { Db } from '../store/database'

export interface ChatPurgeDeps {
  db: Db
  store: { deleteChat(chatId: string): boolean; hasExpired(chatId: string, now: number): boolean }
  cache: { removeForChat(chatId: string): number }
  traces: {
    store: { forgetChat(chatId: string): void }
    /** Writes the traces still waiting (those of the answers just stopped), so they are forgotten too. */
    recorder: { flush(): void }
  }
  /** Stops every answer still coming in the chat, and resolves once each is saved. */
  stopChat(chatId: string): Promise<void>
}

export class ChatPurge {
  constructor(private readonly deps: ChatPurgeDeps) {}

  /**
   * False when there was no such chat. `expiredBy`: only a temporary chat whose end is past that time
   * (checked in the same transaction, so a Keep chat while its answers stopped wins).
   */
  async delete(chatId: string, expiredBy?: number): Promise<boolean> {
    await this.deps.stopChat(chatId)
    return this.deleteNow(chatId, expiredBy)
  }

  /** The same without stopping answers first: for when none can be coming (at start). */
  deleteNow(chatId: string, expiredBy?: number): boolean {
    const { db, store, cache, traces } = this.deps
    traces.recorder.flush()
    return db.transaction(() => {
      if (expiredBy !== undefined && !store.hasExpired(chatId, expiredBy)) return false
      cache.removeForChat(chatId)
      traces.store.forgetChat(chatId)
      return store.deleteChat(chatId)
    })()
  }
}
