import { useVirtualizer } from '@tanstack/react-virtual'
import { Activity, PanelLeftClose, Plus, Search, Settings, Timer, Trophy } from 'lucide-react'
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatSummary } from '../../../shared/types'
import { useAppearance } from '../prefs/appearance-store'
import { useChatStore } from '../store'
import { useNow } from '../useNow'
import { ChatListItem } from './ChatListItem'
import { focusComposer } from './Composer'
import { type ChatGroup, type ChatGroupKind, groupChats } from './chat-groups'
import { IconButton } from './IconButton'

const MINUTE_MS = 60_000
const GROUP_PX = 34
const CHAT_PX = 38
/** How many rows before the end of the list read so far its next page is asked for. */
const MORE_AHEAD_ROWS = 40

type Row = { kind: 'group'; group: ChatGroupKind } | { kind: 'chat'; chat: ChatSummary }

/** The list as rows: each group's heading, then its chats. */
function rowsOf(groups: ChatGroup[]): Row[] {
  return groups.flatMap((group): Row[] => [
    { kind: 'group', group: group.kind },
    ...group.chats.map((chat): Row => ({ kind: 'chat', chat })),
  ])
}

const rowKey = (row: Row | undefined) => (row?.kind === 'chat' ? row.chat.id : `group:${row?.group ?? ''}`)

export function Sidebar({ onOpenSettings, onSearch }: { onOpenSettings: () => void; onSearch: () => void }) {
  const { t } = useTranslation(['chat', 'common'])
  const chats = useChatStore((state) => state.chats)
  const currentChatId = useChatStore((state) => state.currentChatId)
  const newChat = useChatStore((state) => state.newChat)
  const view = useChatStore((state) => state.view)
  const showView = useChatStore((state) => state.showView)
  const toggleSidebar = useAppearance((state) => state.toggleSidebar)
  const closeOverlay = useAppearance((state) => state.closeOverlay)
  // Today becomes Yesterday at midnight without a reload.
  const now = useNow(MINUTE_MS)
  const groups = useMemo(() => groupChats(chats, now), [chats, now])
  const [focusedId, setFocusedId] = useState<string | null>(null)
  const rows = useMemo(() => rowsOf(groups), [groups])
  const listRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'group' ? GROUP_PX : CHAT_PX),
    getItemKey: (index) => rowKey(rows[index]),
    overscan: 12,
  })
  // The next page of chats is read while the end of those read so far is still a screen or two away.
  const lastShown = virtualizer.range?.endIndex ?? -1
  const more = useChatStore((state) => state.chatsNext !== null)
  useEffect(() => {
    if (more && lastShown >= rows.length - MORE_AHEAD_ROWS) void useChatStore.getState().loadMoreChats()
  }, [more, lastShown, rows.length])

  // The list is one Tab stop: the chat last moved to, else the open one, else the first.
  const chatIds = rows.flatMap((row) => (row.kind === 'chat' ? [row.chat.id] : []))
  const tabStop = [focusedId, currentChatId].find((id) => id !== null && chatIds.includes(id)) ?? chatIds[0]

  /** Moves the focus to a chat, bringing it into view first (it may not be in the page yet). */
  const focusChat = (chatId: string) => {
    const index = rows.findIndex((row) => row.kind === 'chat' && row.chat.id === chatId)
    if (index < 0) return
    setFocusedId(chatId)
    virtualizer.scrollToIndex(index, { align: 'auto' })
    const find = () =>
      listRef.current?.querySelector<HTMLButtonElement>(`button.chat-open[data-chat-id="${chatId}"]`)
    const button = find()
    if (button) button.focus()
    else requestAnimationFrame(() => requestAnimationFrame(() => find()?.focus()))
  }

  // Once the rest of the list has been read and drawn as rows.
  const [focusLast, setFocusLast] = useState(false)
  const lastChatId = chatIds.at(-1)
  // biome-ignore lint/correctness/useExhaustiveDependencies: focusChat is remade each render; the rows it reads are these
  useEffect(() => {
    if (!focusLast || !lastChatId) return
    setFocusLast(false)
    focusChat(lastChatId)
  }, [focusLast, lastChatId])

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = (document.activeElement as HTMLElement | null)?.dataset.chatId
    const index = current ? chatIds.indexOf(current) : -1
    if (index < 0) return
    const next =
      event.key === 'ArrowDown'
        ? Math.min(index + 1, chatIds.length - 1)
        : event.key === 'ArrowUp'
          ? Math.max(index - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? chatIds.length - 1
              : null
    if (next === null) return
    event.preventDefault()
    if (event.key === 'End' && useChatStore.getState().chatsNext !== null) {
      // The very last chat, not the last one read so far.
      void useChatStore
        .getState()
        .loadAllChats()
        .then(() => setFocusLast(true))
      return
    }
    const id = chatIds[next]
    if (id) focusChat(id)
  }

  return (
    <nav className="sidebar" aria-label={t('sidebar.chats')}>
      <div className="sidebar-top">
        <span className="brand">{t('common:appName')}</span>
        <IconButton
          className="icon"
          label={t('sidebar.hide')}
          title={t('sidebar.hideHint')}
          onClick={toggleSidebar}
        >
          <PanelLeftClose size={18} />
        </IconButton>
      </div>
      <div className="sidebar-actions">
        <button
          type="button"
          className="new-chat"
          onClick={() => {
            closeOverlay()
            void newChat().then(focusComposer)
          }}
        >
          <Plus size={16} aria-hidden="true" />
          {t('sidebar.newChat')}
        </button>
        <IconButton
          className="icon"
          label={t('sidebar.search')}
          title={t('sidebar.searchHint')}
          onClick={onSearch}
        >
          <Search size={18} />
        </IconButton>
        <button
          type="button"
          className="secondary temporary-chat"
          title={t('sidebar.temporaryHint')}
          onClick={() => {
            closeOverlay()
            void newChat({ temporary: true }).then(focusComposer)
          }}
        >
          <Timer size={16} aria-hidden="true" />
          {t('sidebar.temporaryChat')}
        </button>
      </div>
      {chats.length === 0 ? (
        <p className="sidebar-empty">{t('sidebar.empty')}</p>
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move between the chat buttons inside
        <div ref={listRef} className="chat-list" onKeyDown={onListKey}>
          {/* Virtualized: a thousand chats are a few dozen rows in the page. */}
          {/* biome-ignore lint/a11y/useSemanticElements: its rows are placed one by one, headings among them */}
          <div
            role="list"
            aria-label={t('sidebar.chats')}
            className="chat-rows"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]
              if (!row) return null
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  role={row.kind === 'chat' ? 'listitem' : 'presentation'}
                  className="chat-row"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {row.kind === 'group' ? (
                    <h2 className="chat-group">{t(`sidebar.groups.${row.group}`)}</h2>
                  ) : (
                    <ChatListItem
                      chat={row.chat}
                      current={row.chat.id === currentChatId}
                      tabStop={row.chat.id === tabStop}
                      onFocus={() => setFocusedId(row.chat.id)}
                      onOpened={closeOverlay}
                    />
                  )}
                </div>
              )
            })}
          </div>
        </div>
      )}
      <div className="sidebar-bottom">
        <button
          type="button"
          className="secondary with-icon"
          aria-pressed={view === 'leaderboard'}
          onClick={() => {
            closeOverlay()
            showView(view === 'leaderboard' ? 'chat' : 'leaderboard')
          }}
        >
          <Trophy size={16} aria-hidden="true" />
          {t('sidebar.leaderboard')}
        </button>
        <button
          type="button"
          className="secondary with-icon"
          aria-pressed={view === 'monitoring'}
          onClick={() => {
            closeOverlay()
            showView(view === 'monitoring' ? 'chat' : 'monitoring')
          }}
        >
          <Activity size={16} aria-hidden="true" />
          {t('sidebar.monitoring')}
        </button>
        <button type="button" className="secondary with-icon" onClick={onOpenSettings}>
          <Settings size={16} aria-hidden="true" />
          {t('sidebar.settings')}
        </button>
      </div>
    </nav>
  )
}
