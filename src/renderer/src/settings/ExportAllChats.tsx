import { useState } from 'react'
import { api } from '../api'
import { offerDownload } from '../download'
import { Message } from './Message'
import { useTask } from './useTask'

/** Every chat as one Roundtable file: what Import chats reads back, here or on another computer. */
export function ExportAllChats() {
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
        {exporting.busy ? 'Exporting…' : 'Export all chats'}
      </button>
      <p className="settings-hint">
        Saves every chat, with all its answers, votes and settings, as one Roundtable file. Keys are never
        included, nor temporary chats.
      </p>
      {exporting.error ? <Message kind="error">{exporting.error}</Message> : null}
      {saved ? <Message kind="success">Exported {saved}.</Message> : null}
    </div>
  )
}
