// Brings the store's focusMessageId into view and highlights it for a moment. Kept apart from the
// list's own scrolling: a virtualized list can honour the same id by scrolling to its index first.
import { type RefObject, useEffect } from 'react'
import { useChatStore } from '../store'

/** How long a found message stays highlighted. */
const HIGHLIGHT_MS = 2_500

/** `stopFollowing`: the list stops following its end, so it stays at the message brought into view. */
export function useFocusMessage(list: RefObject<HTMLElement | null>, stopFollowing: () => void): void {
  const focusId = useChatStore((state) => state.focusMessageId)
  const shown = useChatStore((state) => (focusId ? state.messages[focusId] !== undefined : false))
  // biome-ignore lint/correctness/useExhaustiveDependencies: brought into view once per message asked for
  useEffect(() => {
    if (!focusId || !shown) return
    const element = list.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusId)}"]`)
    if (element) {
      stopFollowing()
      element.scrollIntoView({ block: 'center' })
    }
    const done = setTimeout(() => {
      if (useChatStore.getState().focusMessageId === focusId) useChatStore.getState().focusMessage(null)
    }, HIGHLIGHT_MS)
    return () => clearTimeout(done)
  }, [focusId, shown, list])
}
