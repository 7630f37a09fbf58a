import { useState } from 'react'
import { api } from '../api'
import { offerBase64Download } from '../download'
import { Message } from './Message'
import { Section } from './Section'
import { useTask } from './useTask'

/** One zip to attach to a bug report: what happened, without anything secret. */
export function DiagnosticsSection() {
  const exporting = useTask()
  const [saved, setSaved] = useState<string | null>(null)

  const exportDiagnostics = async () => {
    setSaved(null)
    const result = await exporting.run(() => api.exportDiagnostics())
    if (!result.ok) return
    offerBase64Download(result.value.base64, result.value.fileName)
    setSaved(result.value.fileName)
  }

  return (
    <Section title="Diagnostics">
      <div className="settings-transfer-part">
        <button
          type="button"
          className="secondary"
          disabled={exporting.busy}
          onClick={() => void exportDiagnostics()}
        >
          {exporting.busy ? 'Exporting…' : 'Export diagnostics'}
        </button>
        <p className="settings-hint">
          Saves one zip with Roundtable's logs, your settings, the last 1,000 request traces and the app's
          version, to attach to a bug report. Keys, header values and passwords are never included.
        </p>
        {exporting.error ? (
          <Message kind="error">Diagnostics could not be exported: {exporting.error}</Message>
        ) : null}
        {saved ? <Message kind="success">Exported {saved}.</Message> : null}
      </div>
    </Section>
  )
}
