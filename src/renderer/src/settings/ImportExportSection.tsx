import { useTranslation } from 'react-i18next'
import { ExportAllChats } from './ExportAllChats'
import { ExportProviders } from './ExportProviders'
import { ImportChats } from './ImportChats'
import { ImportProviders } from './ImportProviders'
import { Section } from './Section'

/** Providers and chats to and from files, to move them to another computer. Keys never travel. */
export function ImportExportSection() {
  const { t } = useTranslation('settings')
  return (
    <Section title={t('importExport.title')}>
      <div className="settings-transfer">
        <ExportProviders />
        <ImportProviders />
        <ExportAllChats />
        <ImportChats />
      </div>
    </Section>
  )
}
