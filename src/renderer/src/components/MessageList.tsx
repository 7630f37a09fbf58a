// The conversation, virtualized: only the messages near the viewport are in the page (a 10,000-message
// chat stays a few dozen elements), each measured as it renders. Anchored at the end: it opens at the
// latest message, follows an answer as it grows while the person is at the end, and holds still when
// they have scrolled up to read.
import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown } from 'lucide-react'
import { useEffect, useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { CompareView } from '../compare/CompareView'
import { mostLeftOut, useContextStore } from '../context/context-store'
import { LeftOutDivider } from '../context/LeftOutDivider'
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
/**
 * A long chat's earlier messages are read in aligned blocks of this many as they come near the view:
 * the block in view and its neighbours, so scrolling on rarely meets a message still being read.
 */
const READ_BLOCK = 100

/** Where each chat was left, for its next opening in this window (by message, not by pixel). */
const leftAt = new Map<string, { atEnd: boolean; messageId: string | null }>()

export function MessageList() {
  const { t } = useTranslation('chat')
  const chatId = useChatStore((state) => state.currentChatId)
  const ids = useChatStore((state) => state.messageIds)
  const comparing = useChatStore((state) => state.compare !== null)
  const focusId = useChatStore((state) => state.focusMessageId)
  // The messages the next message would not send (side by side: to the smallest window) are dimmed.
  const leftOutUse = useContextStore((state) => (state.chatId === chatId ? mostLeftOut(state.uses) : null))
  // No first message sent: only the draft fits, so every message shown is left out.
  const leftOutIndex = !leftOutUse
    ? -1
    : leftOutUse.firstSentId
      ? ids.indexOf(leftOutUse.firstSentId)
      : ids.length
  const scroller = useRef<HTMLDivElement>(null)
  const keys = comparing ? [...ids, COMPARE_KEY] : ids
  /** Nothing to list yet: the scrolling element is not in the page. */
  const empty = ids.length === 0

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
  // The browser's own Home glides there, and messages measured on the way (taller than their
  // estimate) end the glide part way up a long chat: the list goes to its first message itself.
  // biome-ignore lint/correctness/useExhaustiveDependencies: again once the list is in the page
  useEffect(() => {
    const list = scroller.current
    if (!list) return
    const onKey = (event: KeyboardEvent) => {
      if (event.target !== list || (event.key !== 'Home' && event.key !== 'End')) return
      event.preventDefault()
      if (event.key === 'Home') virtualizer.scrollToIndex(0, { align: 'start' })
      else virtualizer.scrollToEnd()
    }
    list.addEventListener('keydown', onKey)
    return () => list.removeEventListener('keydown', onKey)
  }, [virtualizer, empty])

  const range = virtualizer.range
  const firstShown = range?.startIndex ?? -1
  const lastShown = range?.endIndex ?? -1
  useEffect(() => {
    if (firstShown < 0) return
    const from = Math.max(0, (Math.floor(firstShown / READ_BLOCK) - 1) * READ_BLOCK)
    const to = (Math.floor(lastShown / READ_BLOCK) + 2) * READ_BLOCK
    const { messages, loadMessages } = useChatStore.getState()
    const unread = ids.slice(from, to).filter((id) => !messages[id])
    if (unread.length > 0) void loadMessages(unread)
  }, [firstShown, lastShown, ids])

  // A message in a side-by-side column is brought into view with the columns.
  const inColumns = useChatStore(
    (state) =>
      focusId !== null && !!state.compare?.columns.some((column) => column.messageIds.includes(focusId)),
  )
  const focusIndex = focusId ? keys.indexOf(inColumns ? COMPARE_KEY : focusId) : -1
  useEffect(() => {
    if (!focusId || focusIndex < 0) return
    virtualizer.scrollToIndex(focusIndex, { align: 'center' })
    const done = setTimeout(() => {
      if (useChatStore.getState().focusMessageId === focusId) useChatStore.getState().focusMessage(null)
    }, HIGHLIGHT_MS)
    return () => clearTimeout(done)
  }, [focusId, focusIndex, virtualizer])

  if (empty) {
    return (
      <div className="empty-thread">
        <h2>{t('list.emptyTitle')}</h2>
        <p>{t('list.emptyBody')}</p>
      </div>
    )
  }
  const items = virtualizer.getVirtualItems()
  const last = keys.length - 1
  const leftOut = leftOutUse && leftOutIndex > 0 ? { use: leftOutUse, index: leftOutIndex } : null
  // The line goes above the first message sent, or below the last when none is.
  const dividerAt = leftOut && (leftOut.index < ids.length || comparing ? leftOut.index : ids.length - 1)
  const divider = chatId && leftOut ? <LeftOutDivider chatId={chatId} use={leftOut.use} /> : null
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
              className={slotClass(item.index === last, leftOut !== null && item.index < leftOut.index)}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {item.index === dividerAt && dividerAt === leftOut?.index && divider}
              {leftOut !== null && item.index < leftOut.index && (
                <span className="visually-hidden">{t('list.leftOut')}</span>
              )}
              {item.key === COMPARE_KEY ? <CompareView /> : <MessageItem id={String(item.key)} />}
              {item.index === dividerAt && dividerAt !== leftOut?.index && divider}
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
          {t('list.jumpToLatest')}
        </button>
      )}
    </div>
  )
}

function slotClass(isLast: boolean, isLeftOut: boolean): string {
  return ['message-slot', isLast && 'is-last', isLeftOut && 'is-left-out'].filter(Boolean).join(' ')
}
