// The conversation, virtualized: only the messages near the viewport are in the page (a 10,000-message
// chat stays a few dozen elements), each measured as it renders. Anchored at the end: it opens at the
// latest message, follows an answer as it grows while the person is at the end, and holds still when
// they have scrolled up to read.
import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown } from 'lucide-react'
import { useEffect, useLayoutEffect, useRef } from 'react'
import { CompareView } from '../compare/CompareView'
import { useChatStore } from '../store'
import { focusComposer } from './Composer'
import { MessageItem } from './MessageItem'

/** How near the end counts as at it (px). */
const END_SLACK_PX = 80
/** A first guess at a message's height, before it is measured. */
const ESTIMATED_PX = 140
const COMPARE_KEY = 'compare-turn'
/** How long a found message stays highlighted. */
const HIGHLIGHT_MS = 2_500

/** Where each chat was left, for its next opening in this window (by message, not by pixel). */
const leftAt = new Map<string, { atEnd: boolean; messageId: string | null }>()

export function MessageList() {
  const chatId = useChatStore((state) => state.currentChatId)
  const ids = useChatStore((state) => state.messageIds)
  const comparing = useChatStore((state) => state.compare !== null)
  const focusId = useChatStore((state) => state.focusMessageId)
  const scroller = useRef<HTMLDivElement>(null)
  const keys = comparing ? [...ids, COMPARE_KEY] : ids

  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_PX,
    getItemKey: (index) => keys[index] ?? index,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: END_SLACK_PX,
    overscan: 6,
  })

  // Opens at the latest message, or where the person left this chat.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per chat (the list is keyed by chat)
  useLayoutEffect(() => {
    const left = chatId ? leftAt.get(chatId) : undefined
    const index = left && !left.atEnd && left.messageId ? keys.indexOf(left.messageId) : -1
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'start' })
    else virtualizer.scrollToEnd()
    return () => {
      if (!chatId) return
      const first = virtualizer.getVirtualItems().find((item) => item.end > (virtualizer.scrollOffset ?? 0))
      leftAt.set(chatId, {
        atEnd: virtualizer.isAtEnd(),
        messageId: first ? String(first.key) : null,
      })
    }
  }, [])

  // A search result or a find: that message, in the middle of the view, highlighted for a moment.
  const focusIndex = focusId ? keys.indexOf(focusId) : -1
  useEffect(() => {
    if (!focusId || focusIndex < 0) return
    virtualizer.scrollToIndex(focusIndex, { align: 'center' })
    const done = setTimeout(() => {
      if (useChatStore.getState().focusMessageId === focusId) useChatStore.getState().focusMessage(null)
    }, HIGHLIGHT_MS)
    return () => clearTimeout(done)
  }, [focusId, focusIndex, virtualizer])

  if (ids.length === 0) {
    return (
      <div className="empty-thread">
        <h2>Ask anything</h2>
        <p>Type a message below. Enter sends it; Shift+Enter starts a new line.</p>
      </div>
    )
  }
  const items = virtualizer.getVirtualItems()
  const last = keys.length - 1
  return (
    <div className="message-list-frame">
      {/* A scrolling region is reachable by keyboard, so PageUp, PageDown and End reach it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the conversation scrolls by keyboard */}
      <div ref={scroller} className="message-list" tabIndex={0}>
        <div className="message-list-space" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className={item.index === last ? 'message-slot is-last' : 'message-slot'}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {item.key === COMPARE_KEY ? <CompareView /> : <MessageItem id={String(item.key)} />}
            </div>
          ))}
        </div>
      </div>
      {!virtualizer.isAtEnd() && (
        <button
          type="button"
          className="jump-to-latest"
          onClick={() => {
            virtualizer.scrollToEnd()
            focusComposer()
          }}
        >
          <ArrowDown size={16} aria-hidden="true" />
          Jump to latest
        </button>
      )}
    </div>
  )
}
