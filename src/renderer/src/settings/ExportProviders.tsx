import { useState } from 'react'
import { api } from '../api'
import { offerDownload } from '../download'
import { Message } from './Message'
import { useTask } from './useTask'

export const EXPORT_FILE_NAME = 'roundtable-providers.json'

export function ExportProviders() {
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
        {exporting.busy ? 'Exporting…' : 'Export providers'}
      </button>
      <p className="settings-hint">
        Saves your providers and the models you added to {EXPORT_FILE_NAME}. Keys are never included.
      </p>
      {exporting.error ? <Message kind="error">{exporting.error}</Message> : null}
      {done ? <Message kind="success">Exported {EXPORT_FILE_NAME}.</Message> : null}
    </div>
  )
}
