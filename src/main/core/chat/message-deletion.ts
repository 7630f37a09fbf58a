// Delete a message and what follows it, with Undo. What was deleted is held in memory (never written
// elsewhere) for a while, so Undo puts back the same messages, votes and path.
import { randomUUID } from 'node:crypto'
import type { ChatThread } from '../../../shared/types'
import { wording } from '../../../shared/wording'
import type { ChatStore } from '../store/chat-store'
import type { RemovedMessages } from '../store/removed-messages'
import { UserFacingError } from '../user-facing-error'

export interface DeletedMessages {
  thread: ChatThread
  /** Hands the deleted messages back to `undo`. */
  undoToken: string
}

/** How many deletes can still be undone, newest kept; older ones are final. */
const UNDO_LIMIT = 20
const UNDO_FOR_MS = 10 * 60_000

export class MessageDeletion {
  private readonly shelf = new Map<string, { removed: RemovedMessages; at: number }>()

  constructor(
    private readonly store: ChatStore,
    private readonly isAnswering: (messageId: string) => boolean,
    private readonly thread: (chatId: string) => ChatThread,
    private readonly now: () => number = Date.now,
  ) {}

  delete(messageId: string): DeletedMessages {
    const message = this.store.getMessage(messageId)
    if (!message) throw new UserFacingError('not-found', wording('messageGone'))
    const below = this.store.subtreeIds(messageId)
    if (below.some((id) => this.isAnswering(id)))
      throw new UserFacingError('conflict', wording('stillAnsweringDelete'))
    const removed = this.store.removeMessage(messageId)
    if (!removed) throw new UserFacingError('not-found', wording('messageGone'))
    this.forgetOld()
    const undoToken = randomUUID()
    this.shelf.set(undoToken, { removed, at: this.now() })
    while (this.shelf.size > UNDO_LIMIT) this.shelf.delete(this.shelf.keys().next().value as string)
    return { thread: this.thread(removed.chatId), undoToken }
  }

  undo(undoToken: string): ChatThread {
    this.forgetOld()
    const held = this.shelf.get(undoToken)
    const cannot = new UserFacingError('not-found', wording('undoGone'))
    if (!held) throw cannot
    this.shelf.delete(undoToken)
    if (!this.store.restoreMessages(held.removed)) throw cannot
    return this.thread(held.removed.chatId)
  }

  private forgetOld(): void {
    const oldest = this.now() - UNDO_FOR_MS
    for (const [token, held] of this.shelf) if (held.at < oldest) this.shelf.delete(token)
  }
}
