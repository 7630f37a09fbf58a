import { Pencil, Pin, PinOff, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { stripBidiControls } from '../../../shared/text-safety'
import type { ChatSummary } from '../../../shared/types'
import { useChatStore } from '../store'
import { TemporaryRowBadge } from './TemporaryBadge'
import { withSlot } from './words'

type Mode = 'view' | 'rename' | 'confirm-delete'

export function ChatListItem({
  chat,
  current,
  tabStop,
  onFocus,
  onOpened,
}: {
  chat: ChatSummary
  current: boolean
  /** The one chat of the list reached with Tab; the arrows reach the others. */
  tabStop: boolean
  onFocus: () => void
  onOpened: () => void
}) {
  const { t } = useTranslation(['chat', 'common'])
  const [mode, setMode] = useState<Mode>('view')
  // Attributes cannot isolate text the way <bdi> does: a title saved before controls were stripped loses them here.
  // A chat not named yet has no stored title; it is "New chat" in the language shown.
  const shownTitle = chat.title || t('app.newChat')
  const plainTitle = stripBidiControls(shownTitle)
  const [draft, setDraft] = useState(chat.title)
  const [renameProblem, setRenameProblem] = useState<string | null>(null)
  const openChat = useChatStore((state) => state.openChat)
  const renameChat = useChatStore((state) => state.renameChat)
  const deleteChat = useChatStore((state) => state.deleteChat)
  const pinChat = useChatStore((state) => state.pinChat)
  const pinned = chat.pinnedAt !== null
  // A chat that goes by itself is kept (Keep chat), not pinned.
  const temporary = chat.expiresAt !== null
  const startRename = () => {
    setDraft(chat.title)
    setMode('rename')
  }

  if (mode === 'rename') {
    const save = async () => {
      if (draft.trim() === chat.title) return setMode('view')
      if (stripBidiControls(draft).trim().length === 0) return setRenameProblem(t('chatItem.needsName'))
      const problem = await renameChat(chat.id, draft)
      if (problem) setRenameProblem(problem)
      else setMode('view')
    }
    const cancel = () => {
      setRenameProblem(null)
      setMode('view')
    }
    return (
      <div className="chat-item editing">
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <label className="visually-hidden" htmlFor={`rename-${chat.id}`}>
            {t('chatItem.nameLabel')}
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
          <button type="submit">{t('common:save')}</button>
          <button type="button" className="secondary" onClick={cancel}>
            {t('common:cancel')}
          </button>
          {renameProblem && (
            <p className="field-error" id={`rename-problem-${chat.id}`} role="alert">
              {renameProblem}
            </p>
          )}
        </form>
      </div>
    )
  }

  if (mode === 'confirm-delete') {
    return (
      <div className="chat-item confirming">
        <span className="confirm-text">
          {withSlot(
            (slot) => t('chatItem.confirmDelete', { title: slot }),
            <bdi key="title">{shownTitle}</bdi>,
          )}
        </span>
        <button type="button" className="danger" onClick={() => void deleteChat(chat.id)}>
          {t('common:delete')}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: asked from the keyboard, the safe choice has the focus */}
        <button type="button" className="secondary" autoFocus onClick={() => setMode('view')}>
          {t('common:cancel')}
        </button>
      </div>
    )
  }

  return (
    <div className={`chat-item${current ? ' current' : ''}`}>
      <button
        type="button"
        className="chat-open"
        data-chat-id={chat.id}
        aria-current={current ? 'page' : undefined}
        tabIndex={tabStop ? 0 : -1}
        onFocus={onFocus}
        onClick={() => {
          onOpened()
          void openChat(chat.id)
        }}
        onKeyDown={(event) => {
          if (event.key === 'F2') {
            event.preventDefault()
            startRename()
          } else if (event.key === 'Delete') {
            event.preventDefault()
            setMode('confirm-delete')
          }
        }}
        title={plainTitle}
      >
        {/* The section says Pinned; the icon is for the eye. */}
        {pinned && <Pin size={12} className="chat-pinned" aria-hidden="true" />}
        {/* Isolated, so a title saved before control characters were stripped cannot reorder the row. */}
        <bdi>{shownTitle}</bdi>
      </button>
      {chat.expiresAt !== null && <TemporaryRowBadge expiresAt={chat.expiresAt} />}
      {/* Out of the Tab order (the list is one stop): F2 and Delete on a chat, or the chat's menu, do the same. */}
      <span className="chat-actions">
        {!temporary && (
          <button
            type="button"
            className="icon"
            tabIndex={-1}
            aria-label={t(pinned ? 'chatItem.unpinNamed' : 'chatItem.pinNamed', { title: plainTitle })}
            title={t(pinned ? 'chatItem.unpin' : 'chatItem.pin')}
            onClick={() => void pinChat(chat.id, !pinned)}
          >
            {pinned ? <PinOff size={15} aria-hidden="true" /> : <Pin size={15} aria-hidden="true" />}
          </button>
        )}
        <button
          type="button"
          className="icon"
          tabIndex={-1}
          aria-label={t('chatItem.renameNamed', { title: plainTitle })}
          title={t('chatItem.rename')}
          onClick={startRename}
        >
          <Pencil size={15} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon"
          tabIndex={-1}
          aria-label={t('chatItem.deleteNamed', { title: plainTitle })}
          title={t('common:delete')}
          onClick={() => setMode('confirm-delete')}
        >
          <Trash2 size={15} aria-hidden="true" />
        </button>
      </span>
    </div>
  )
}
