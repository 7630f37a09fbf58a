import { type AppSettings, DEFAULT_TRACE_SETTINGS, TRACE_RETENTION_LIMITS } from '../../../shared/providers'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { WholeNumberForm } from './WholeNumberForm'

const FIELDS = [
  {
    name: 'retentionDays' as const,
    label: 'Keep request details for (days)',
    hint: 'Timings, tokens and costs of each request, on this computer only. Older ones are removed in the background.',
    ...TRACE_RETENTION_LIMITS,
  },
]

/** How long the request details behind Monitoring are kept. */
export function TracesSection({ settings }: { settings: AppSettings }) {
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  return (
    <Section title="Monitoring">
      <WholeNumberForm
        fields={FIELDS}
        values={settings.traces}
        defaults={DEFAULT_TRACE_SETTINGS}
        save={(traces) => updateSettings({ traces })}
        saveLabel="Save monitoring settings"
        savedText="Monitoring settings saved."
      />
    </Section>
  )
}
