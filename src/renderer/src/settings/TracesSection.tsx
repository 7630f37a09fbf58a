import { useTranslation } from 'react-i18next'
import { type AppSettings, DEFAULT_TRACE_SETTINGS, TRACE_RETENTION_LIMITS } from '../../../shared/providers'
import type { SettingsT } from './format'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { WholeNumberForm } from './WholeNumberForm'

const fields = (t: SettingsT) => [
  {
    name: 'retentionDays' as const,
    label: t('traces.retention'),
    hint: t('traces.retentionHint'),
    ...TRACE_RETENTION_LIMITS,
  },
]

/** How long the request details behind Monitoring are kept. */
export function TracesSection({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation('settings')
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  return (
    <Section title={t('traces.title')}>
      <WholeNumberForm
        fields={fields(t)}
        values={settings.traces}
        defaults={DEFAULT_TRACE_SETTINGS}
        save={(traces) => updateSettings({ traces })}
        saveLabel={t('traces.save')}
        savedText={t('traces.saved')}
      />
    </Section>
  )
}
