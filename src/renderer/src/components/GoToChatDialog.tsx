import { useId, useMemo, useState } from 'react'
import { stripBidiControls } from '../../../shared/text-safety'
import { useChatStore } from '../store'
import { focusComposer } from './Composer'
import { Modal } from './Modal'

const SHOWN = 50

/** Ctrl/Cmd+K until search arrives: type part of a chat's title, pick it with the arrows and Enter. */
export function GoToChatDialog({ onClose }: { onClose: () => void }) {
  const chats = useChatStore((state) => state.chats)
  const openChat = useChatStore((state) => state.openChat)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const matches = useMemo(() => {
    const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
    return chats
      .filter((chat) => {
        const title = stripBidiControls(chat.title).toLocaleLowerCase()
        return words.every((word) => title.includes(word))
      })
      .slice(0, SHOWN)
  }, [chats, query])
  const chosen = matches[Math.min(active, matches.length - 1)]

  const go = (chatId: string) => {
    onClose()
    void openChat(chatId).then(focusComposer)
  }

  return (
    <Modal title="Go to chat" className="go-to-chat" onClose={onClose}>
      <input
        type="text"
        role="combobox"
        aria-label="Chat title"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={chosen ? `${listId}-${chosen.id}` : undefined}
        placeholder="Type part of a chat’s title"
        // biome-ignore lint/a11y/noAutofocus: the person opened this to type
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setActive(0)
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault()
            const step = event.key === 'ArrowDown' ? 1 : -1
            setActive(
              (Math.max(0, Math.min(active, matches.length - 1)) + step + matches.length) % matches.length,
            )
          } else if (event.key === 'Enter' && chosen) {
            event.preventDefault()
            go(chosen.id)
          }
        }}
      />
      {matches.length === 0 ? (
        <p className="go-to-chat-empty">
          {chats.length === 0 ? 'No chats yet.' : 'No chat has that in its title.'}
        </p>
      ) : (
        <div id={listId} role="listbox" aria-label="Chats" className="go-to-chat-list">
          {matches.map((chat) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input above handles the keys for the list
            <div
              key={chat.id}
              tabIndex={-1}
              id={`${listId}-${chat.id}`}
              role="option"
              aria-selected={chat.id === chosen?.id}
              onClick={() => go(chat.id)}
            >
              <bdi>{chat.title}</bdi>
            </div>
          ))}
        </div>
      )}
    </Modal>
  )
}
