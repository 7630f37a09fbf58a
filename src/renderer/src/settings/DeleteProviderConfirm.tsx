import { useEffect, useRef } from 'react'
import { Message } from './Message'

interface Props {
  name: string
  busy: boolean
  error: string | null
  onConfirm: () => void
  onCancel: () => void
}

/** Asks before a provider goes. Focus starts on Cancel, and Escape cancels, so nothing goes by accident. */
export function DeleteProviderConfirm({ name, busy, error, onConfirm, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    cancel.current?.focus()
  }, [])

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape here cancels the question, not Settings
    <div
      className="settings-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onCancel()
        }
      }}
    >
      <p className="settings-confirm-text">
        Delete {name}? Its key is removed from the keychain; chats keep their text.
      </p>
      <div className="settings-actions">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
        <button ref={cancel} type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      {error ? <Message kind="error">{error}</Message> : null}
    </div>
  )
}
