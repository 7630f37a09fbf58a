import { Activity, PanelLeftClose, Plus, Search, Settings, Trophy } from 'lucide-react'
import { type KeyboardEvent, useMemo, useState } from 'react'
import { useAppearance } from '../prefs/appearance-store'
import { useChatStore } from '../store'
import { useNow } from '../useNow'
import { ChatListItem } from './ChatListItem'
import { focusComposer } from './Composer'
import { groupChats } from './chat-groups'
import { IconButton } from './IconButton'

const MINUTE_MS = 60_000

export function Sidebar({ onOpenSettings, onSearch }: { onOpenSettings: () => void; onSearch: () => void }) {
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
  // The list is one Tab stop: the chat last moved to, else the open one, else the first.
  const ids = groups.flatMap((group) => group.chats.map((chat) => chat.id))
  const tabStop = [focusedId, currentChatId].find((id) => id !== null && ids.includes(id)) ?? ids[0]

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.chat-open')]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (index < 0) return
    const next =
      event.key === 'ArrowDown'
        ? Math.min(index + 1, buttons.length - 1)
        : event.key === 'ArrowUp'
          ? Math.max(index - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? buttons.length - 1
              : null
    if (next === null) return
    event.preventDefault()
    buttons[next]?.focus()
  }

  return (
    <nav className="sidebar" aria-label="Chats">
      <div className="sidebar-top">
        <span className="brand">Roundtable</span>
        <IconButton
          className="icon"
          label="Hide sidebar"
          title="Hide sidebar (Ctrl/Cmd+B)"
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
          New chat
        </button>
        <IconButton className="icon" label="Search" title="Search (Ctrl/Cmd+K)" onClick={onSearch}>
          <Search size={18} />
        </IconButton>
      </div>
      {chats.length === 0 ? (
        <p className="sidebar-empty">No chats yet. Your conversations will be listed here.</p>
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move between the chat buttons inside
        <div className="chat-list" onKeyDown={onListKey}>
          {groups.map((group) => (
            <section key={group.label} aria-label={group.label}>
              <h2 className="chat-group">{group.label}</h2>
              <ul>
                {group.chats.map((chat) => (
                  <ChatListItem
                    key={chat.id}
                    chat={chat}
                    current={chat.id === currentChatId}
                    tabStop={chat.id === tabStop}
                    onFocus={() => setFocusedId(chat.id)}
                    onOpened={closeOverlay}
                  />
                ))}
              </ul>
            </section>
          ))}
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
          Leaderboard
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
          Monitoring
        </button>
        <button type="button" className="secondary with-icon" onClick={onOpenSettings}>
          <Settings size={16} aria-hidden="true" />
          Settings
        </button>
      </div>
    </nav>
  )
}
