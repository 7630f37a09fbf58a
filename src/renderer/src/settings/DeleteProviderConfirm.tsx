import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation(['settings', 'common'])
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
      <p className="settings-confirm-text">{t('providers.confirmDelete', { name })}</p>
      <div className="settings-actions">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? t('providers.deleting') : t('common:delete')}
        </button>
        <button ref={cancel} type="button" className="secondary" onClick={onCancel} disabled={busy}>
          {t('common:cancel')}
        </button>
      </div>
      {error ? <Message kind="error">{error}</Message> : null}
    </div>
  )
}
