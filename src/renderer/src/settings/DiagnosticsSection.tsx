import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { offerBase64Download } from '../download'
import { Message } from './Message'
import { Section } from './Section'
import { useTask } from './useTask'

/** One zip to attach to a bug report: what happened, without anything secret. */
export function DiagnosticsSection() {
  const { t } = useTranslation('settings')
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
    <Section title={t('diagnostics.title')}>
      <div className="settings-transfer-part">
        <button
          type="button"
          className="secondary"
          disabled={exporting.busy}
          onClick={() => void exportDiagnostics()}
        >
          {exporting.busy ? t('importExport.exporting') : t('diagnostics.export')}
        </button>
        <p className="settings-hint">{t('diagnostics.hint')}</p>
        {exporting.error ? (
          <Message kind="error">{t('diagnostics.failed', { error: exporting.error })}</Message>
        ) : null}
        {saved ? <Message kind="success">{t('importExport.exported', { file: saved })}</Message> : null}
      </div>
    </Section>
  )
}
