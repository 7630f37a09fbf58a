// What the person was typing, per chat, so switching chats or reloading loses nothing. Kept in the
// page's own storage: a draft never leaves this device and costs the main process nothing.

const PREFIX = 'roundtable.draft.'
/** The draft typed before any chat exists (the first message makes the chat). */
const NO_CHAT = 'none'

export interface DraftStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const keyOf = (chatId: string | null) => `${PREFIX}${chatId ?? NO_CHAT}`

export function loadDraft(chatId: string | null, storage: DraftStorage = localStorage): string {
  try {
    return storage.getItem(keyOf(chatId)) ?? ''
  } catch {
    return ''
  }
}

/** An empty draft is forgotten. A draft too big for the storage stays only in the box: typing goes on. */
export function saveDraft(
  chatId: string | null,
  text: string,
  storage: DraftStorage = localStorage,
): boolean {
  try {
    if (text.length === 0) storage.removeItem(keyOf(chatId))
    else storage.setItem(keyOf(chatId), text)
    return true
  } catch {
    return false
  }
}
