import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_IMPORT_CHARS } from '../../../shared/limits'
import { api } from '../api'
import { ImportOutcome } from './ImportOutcome'
import { JsonFilePicker } from './JsonFilePicker'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { useTask } from './useTask'

/** What importProviders accepts: a UTF-8 file has at least as many bytes as characters. */
const MAX_IMPORT_BYTES = MAX_IMPORT_CHARS

/** Reads a file exported from Roundtable (here or on another computer) and adds its providers. */
export function ImportProviders() {
  const { t } = useTranslation('settings')
  const load = useProvidersStore((state) => state.load)
  const importing = useTask()
  const [outcome, setOutcome] = useState<{ added: string[]; skipped: string[] } | null>(null)
  const [tooLarge, setTooLarge] = useState<string | null>(null)

  const importFile = async (file: File) => {
    setOutcome(null)
    setTooLarge(null)
    if (file.size > MAX_IMPORT_BYTES) {
      setTooLarge(file.name)
      return
    }
    const result = await importing.run(async () => {
      const json = await file.text()
      const answer = await api.importProviders({ json })
      await load()
      return answer
    })
    if (result.ok) setOutcome(result.value)
  }

  return (
    <div className="settings-transfer-part">
      <JsonFilePicker
        label={t('importExport.importProviders')}
        hint={t('importExport.importProvidersHint')}
        disabled={importing.busy}
        onFile={(file) => void importFile(file)}
      />
      {importing.busy ? (
        <p className="settings-hint" role="status">
          {t('importExport.importing')}
        </p>
      ) : null}
      {tooLarge ? (
        <Message kind="error">{t('importExport.providersTooLarge', { file: tooLarge })}</Message>
      ) : null}
      {importing.error ? <Message kind="error">{importing.error}</Message> : null}
      {outcome ? <ImportOutcome added={outcome.added} skipped={outcome.skipped} /> : null}
    </div>
  )
}
