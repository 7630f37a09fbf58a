import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { offerDownload } from '../download'
import { Message } from './Message'
import { useTask } from './useTask'

export const EXPORT_FILE_NAME = 'roundtable-providers.json'

export function ExportProviders() {
  const { t } = useTranslation('settings')
  const exporting = useTask()
  const [done, setDone] = useState(false)

  const exportProviders = async () => {
    setDone(false)
    const result = await exporting.run(() => api.exportProviders())
    if (!result.ok) return
    offerDownload(result.value.json, EXPORT_FILE_NAME)
    setDone(true)
  }

  return (
    <div className="settings-transfer-part">
      <button
        type="button"
        className="secondary"
        disabled={exporting.busy}
        onClick={() => void exportProviders()}
      >
        {exporting.busy ? t('importExport.exporting') : t('importExport.exportProviders')}
      </button>
      <p className="settings-hint">{t('importExport.exportProvidersHint', { file: EXPORT_FILE_NAME })}</p>
      {exporting.error ? <Message kind="error">{exporting.error}</Message> : null}
      {done ? (
        <Message kind="success">{t('importExport.exported', { file: EXPORT_FILE_NAME })}</Message>
      ) : null}
    </div>
  )
}
