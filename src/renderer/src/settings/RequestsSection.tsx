import {
  type AppSettings,
  DEFAULT_REQUEST_SETTINGS,
  REQUEST_SETTING_LIMITS,
  type RequestSettings,
} from '../../../shared/providers'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { type WholeNumberField, WholeNumberForm } from './WholeNumberForm'

const field = (
  name: keyof RequestSettings,
  label: string,
  hint: string,
): WholeNumberField<keyof RequestSettings> => ({
  name,
  label,
  hint,
  ...REQUEST_SETTING_LIMITS[name],
})

const FIELDS = [
  field('maxAttempts', 'Attempts', 'In all, the first included. Retries happen only before the first token.'),
  field('connectTimeoutSeconds', 'Connect timeout (s)', 'Until the provider answers the request.'),
  field(
    'firstTokenTimeoutSeconds',
    'First-token timeout (s)',
    'From then until the first word. Reasoning models can think for minutes.',
  ),
  field('idleTimeoutSeconds', 'Idle timeout (s)', 'Silence between two parts of an answer.'),
  field('totalTimeoutMinutes', 'Total timeout (min)', 'The whole answer.'),
]

/** How hard a request tries and how long it waits: attempts and the four timeouts. */
export function RequestsSection({ settings }: { settings: AppSettings }) {
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  return (
    <Section title="Requests">
      <WholeNumberForm
        fields={FIELDS}
        values={settings.requests}
        defaults={DEFAULT_REQUEST_SETTINGS}
        save={(requests) => updateSettings({ requests })}
        saveLabel="Save request settings"
        savedText="Request settings saved. New requests use them."
      />
    </Section>
  )
}
