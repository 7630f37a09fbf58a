import { useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { KeyStorageNote } from './KeyStorageNote'
import { SettingsBody } from './SettingsBody'
import { useDialogFocus } from './useDialogFocus'

/** Where Settings opens: at the top, or with the Add provider form open and focused. */
export type SettingsFocus = 'add-provider'

/** Settings, over the whole window: providers and their models, defaults, network, import and export. */
export function SettingsDialog({ onClose, focus }: { onClose: () => void; focus?: SettingsFocus }) {
  const { t } = useTranslation(['settings', 'common'])
  const dialog = useRef<HTMLDivElement>(null)
  const headingId = useId()
  useDialogFocus(dialog, onClose)

  return (
    <div
      ref={dialog}
      className="settings-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className="settings-header">
        <h2 id={headingId}>{t('dialog.title')}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common:close')}
        </button>
      </header>
      <div className="settings-body">
        <KeyStorageNote />
        <SettingsBody {...(focus && { focus })} />
      </div>
    </div>
  )
}
