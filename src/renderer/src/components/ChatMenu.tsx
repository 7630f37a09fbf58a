import { Download, MoreHorizontal, Pin, PinOff, Save, Trash2 } from 'lucide-react'
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatSummary } from '../../../shared/types'
import { api } from '../api'
import { offerDownload } from '../download'
import { useErrorText } from '../i18n/error-text'
import { useChatStore } from '../store'

/** The open chat's menu in its header: Pin (Keep chat on a temporary one), Export chat (Markdown or JSON), Delete chat. */
export function ChatMenu({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation('chat')
  const errorText = useErrorText()
  const [open, setOpen] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const pinChat = useChatStore((state) => state.pinChat)
  const keepChat = useChatStore((state) => state.keepChat)
  const deleteChat = useChatStore((state) => state.deleteChat)
  const menuId = useId()
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: close only sets state and reads refs
  useEffect(() => {
    if (!open) return
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus()
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node) && event.target !== button.current) close(false)
    }
    window.addEventListener('pointerdown', onPointer)
    return () => window.removeEventListener('pointerdown', onPointer)
  }, [open])

  useEffect(() => {
    // Asking to confirm replaces the item that had the focus: the question takes it.
    if (confirmDelete) menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:last-child')?.focus()
  }, [confirmDelete])

  const close = (refocus = true) => {
    setOpen(false)
    setConfirmDelete(false)
    if (refocus) button.current?.focus()
  }

  const exportAs = async (format: 'markdown' | 'json') => {
    close()
    try {
      const file = await api.exportChat({ chatId: chat.id, format })
      offerDownload(file.text, file.fileName, file.mimeType)
    } catch (error) {
      useChatStore.setState({ problem: errorText(error) })
    }
  }

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])]
    const index = items.indexOf(document.activeElement as HTMLButtonElement)
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0
    if (event.key === 'Escape') {
      // The menu's own Esc: it closes, and nothing else (an answer streaming) is stopped by it.
      event.preventDefault()
      event.stopPropagation()
      close()
    } else if (step !== 0 && items.length > 0) {
      event.preventDefault()
      items[(index + step + items.length) % items.length]?.focus()
    } else if (event.key === 'Tab') close(false)
  }

  const pinned = chat.pinnedAt !== null
  return (
    <div className="chat-menu">
      <button
        ref={button}
        type="button"
        className="icon"
        aria-label={t('menu.label')}
        title={t('menu.label')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <MoreHorizontal size={18} aria-hidden="true" />
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t('menu.label')}
          className="menu"
          onKeyDown={onKey}
        >
          {chat.expiresAt !== null ? (
            <MenuItem
              icon={<Save size={15} />}
              onClick={() => {
                close()
                void keepChat(chat.id)
              }}
            >
              {t('menu.keepChat')}
            </MenuItem>
          ) : (
            <MenuItem
              icon={pinned ? <PinOff size={15} /> : <Pin size={15} />}
              onClick={() => {
                close()
                void pinChat(chat.id, !pinned)
              }}
            >
              {pinned ? t('menu.unpin') : t('menu.pin')}
            </MenuItem>
          )}
          <MenuItem icon={<Download size={15} />} onClick={() => void exportAs('markdown')}>
            {t('menu.exportMarkdown')}
          </MenuItem>
          <MenuItem icon={<Download size={15} />} onClick={() => void exportAs('json')}>
            {t('menu.exportJson')}
          </MenuItem>
          {confirmDelete ? (
            <MenuItem
              icon={<Trash2 size={15} />}
              danger
              onClick={() => {
                close(false)
                void deleteChat(chat.id)
              }}
            >
              {t('menu.confirmDelete')}
            </MenuItem>
          ) : (
            <MenuItem icon={<Trash2 size={15} />} danger onClick={() => setConfirmDelete(true)}>
              {t('menu.delete')}
            </MenuItem>
          )}
        </div>
      )}
    </div>
  )
}

function MenuItem({
  icon,
  danger = false,
  onClick,
  children,
}: {
  icon: ReactNode
  danger?: boolean
  onClick: () => void
  children: ReactNode
}) {
  return (
    <button
      type="button"
      role="menuitem"
      className={danger ? 'menu-item danger-text' : 'menu-item'}
      onClick={onClick}
    >
      <span aria-hidden="true">{icon}</span>
      {children}
    </button>
  )
}
