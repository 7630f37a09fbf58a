import { useChatStore } from '../store'
import { ChatListItem } from './ChatListItem'
import { focusComposer } from './Composer'

export function Sidebar({ onOpenSettings }: { onOpenSettings: () => void }) {
  const chats = useChatStore((state) => state.chats)
  const currentChatId = useChatStore((state) => state.currentChatId)
  const newChat = useChatStore((state) => state.newChat)
  const view = useChatStore((state) => state.view)
  const showView = useChatStore((state) => state.showView)
  return (
    <nav className="sidebar" aria-label="Chats">
      <div className="sidebar-top">
        <span className="brand">Roundtable</span>
        <button type="button" onClick={() => void newChat().then(focusComposer)}>
          New chat
        </button>
      </div>
      {chats.length === 0 ? (
        <p className="sidebar-empty">No chats yet.</p>
      ) : (
        <ul className="chat-list">
          {chats.map((chat) => (
            <ChatListItem key={chat.id} chat={chat} current={chat.id === currentChatId} />
          ))}
        </ul>
      )}
      <div className="sidebar-bottom">
        <button
          type="button"
          className="secondary"
          aria-pressed={view === 'leaderboard'}
          onClick={() => showView(view === 'leaderboard' ? 'chat' : 'leaderboard')}
        >
          Leaderboard
        </button>
        <button type="button" className="secondary" onClick={onOpenSettings}>
          Settings
        </button>
      </div>
    </nav>
  )
}
