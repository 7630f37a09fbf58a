import { useState } from 'react'
import { stripBidiControls } from '../../../shared/text-safety'
import type { ChatSummary } from '../../../shared/types'
import { useChatStore } from '../store'

type Mode = 'view' | 'rename' | 'confirm-delete'

export function ChatListItem({ chat, current }: { chat: ChatSummary; current: boolean }) {
  const [mode, setMode] = useState<Mode>('view')
  // Attributes cannot isolate text the way <bdi> does: a title saved before controls were stripped loses them here.
  const plainTitle = stripBidiControls(chat.title)
  const [draft, setDraft] = useState(chat.title)
  const [renameProblem, setRenameProblem] = useState<string | null>(null)
  const openChat = useChatStore((state) => state.openChat)
  const renameChat = useChatStore((state) => state.renameChat)
  const deleteChat = useChatStore((state) => state.deleteChat)

  if (mode === 'rename') {
    const save = async () => {
      if (draft.trim() === chat.title) return setMode('view')
      if (stripBidiControls(draft).trim().length === 0) return setRenameProblem('A chat needs a name.')
      const problem = await renameChat(chat.id, draft)
      if (problem) setRenameProblem(problem)
      else setMode('view')
    }
    const cancel = () => {
      setRenameProblem(null)
      setMode('view')
    }
    return (
      <li className="chat-item editing">
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <label className="visually-hidden" htmlFor={`rename-${chat.id}`}>
            Chat name
          </label>
          <input
            id={`rename-${chat.id}`}
            value={draft}
            // biome-ignore lint/a11y/noAutofocus: the person just asked to rename this chat
            autoFocus
            maxLength={200}
            aria-invalid={renameProblem !== null}
            aria-describedby={renameProblem ? `rename-problem-${chat.id}` : undefined}
            onChange={(event) => {
              setDraft(event.target.value)
              setRenameProblem(null)
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancel()
            }}
          />
          <button type="submit">Save</button>
          <button type="button" className="secondary" onClick={cancel}>
            Cancel
          </button>
          {renameProblem && (
            <p className="field-error" id={`rename-problem-${chat.id}`} role="alert">
              {renameProblem}
            </p>
          )}
        </form>
      </li>
    )
  }

  if (mode === 'confirm-delete') {
    return (
      <li className="chat-item confirming">
        <span className="confirm-text">
          Delete “<bdi>{chat.title}</bdi>” and all its messages?
        </span>
        <button type="button" className="danger" onClick={() => void deleteChat(chat.id)}>
          Delete
        </button>
        <button type="button" className="secondary" onClick={() => setMode('view')}>
          Cancel
        </button>
      </li>
    )
  }

  return (
    <li className={`chat-item${current ? ' current' : ''}`}>
      <button
        type="button"
        className="chat-open"
        aria-current={current ? 'page' : undefined}
        onClick={() => void openChat(chat.id)}
        title={plainTitle}
      >
        {/* Isolated, so a title saved before control characters were stripped cannot reorder the row. */}
        <bdi>{chat.title}</bdi>
      </button>
      <span className="chat-actions">
        <button
          type="button"
          className="icon"
          aria-label={`Rename ${plainTitle}`}
          title="Rename"
          onClick={() => {
            setDraft(chat.title)
            setMode('rename')
          }}
        >
          ✎
        </button>
        <button
          type="button"
          className="icon"
          aria-label={`Delete ${plainTitle}`}
          title="Delete"
          onClick={() => setMode('confirm-delete')}
        >
          ✕
        </button>
      </span>
    </li>
  )
}
