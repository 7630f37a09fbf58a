import { useState } from 'react'
import { api } from '../api'
import { Message } from './Message'
import { useTask } from './useTask'

export const EXPORT_FILE_NAME = 'roundtable-providers.json'

/** Hands the browser a file to save, through a link that exists only for the click. */
function offerDownload(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // The download has its own reference by now; give it a moment all the same.
    setTimeout(() => URL.revokeObjectURL(url), 1_000)
  }
}

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
