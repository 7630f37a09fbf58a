import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { offerDownload } from '../download'
import { Message } from './Message'
import { useTask } from './useTask'

/** Every chat as one Roundtable file: what Import chats reads back, here or on another computer. */
export function ExportAllChats() {
  const { t } = useTranslation('settings')
  const exporting = useTask()
  const [saved, setSaved] = useState<string | null>(null)

  const exportAll = async () => {
    setSaved(null)
    const result = await exporting.run(() => api.exportAllChats())
    if (!result.ok) return
    offerDownload(result.value.text, result.value.fileName, result.value.mimeType)
    setSaved(result.value.fileName)
  }

  return (
    <div className="settings-transfer-part">
      <button type="button" className="secondary" disabled={exporting.busy} onClick={() => void exportAll()}>
        {exporting.busy ? t('importExport.exporting') : t('importExport.exportChats')}
      </button>
      <p className="settings-hint">{t('importExport.exportChatsHint')}</p>
      {exporting.error ? <Message kind="error">{exporting.error}</Message> : null}
      {saved ? <Message kind="success">{t('importExport.exported', { file: saved })}</Message> : null}
    </div>
  )
}
