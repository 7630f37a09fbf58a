// Which chat was open, so a reload (or the next start) opens it again; in the page's own storage.
import type { DraftStorage } from './drafts'

const OPEN_CHAT = 'roundtable.openChat'

/** The chat that was open, so a reload (or the next start) opens it again. */
export function rememberOpenChat(chatId: string | null, storage: DraftStorage = localStorage): void {
  try {
    if (chatId) storage.setItem(OPEN_CHAT, chatId)
    else storage.removeItem(OPEN_CHAT)
  } catch {}
}

export function lastOpenChat(storage: DraftStorage = localStorage): string | null {
  try {
    return storage.getItem(OPEN_CHAT)
  } catch {
    return null
  }
}
