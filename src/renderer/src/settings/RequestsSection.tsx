import { useTranslation } from 'react-i18next'
import {
  type AppSettings,
  DEFAULT_REQUEST_SETTINGS,
  REQUEST_SETTING_LIMITS,
  type RequestSettings,
} from '../../../shared/providers'
import type { SettingsT } from './format'
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

const fields = (t: SettingsT) => [
  field('maxAttempts', t('requests.maxAttempts'), t('requests.maxAttemptsHint')),
  field('connectTimeoutSeconds', t('requests.connectTimeout'), t('requests.connectTimeoutHint')),
  field('firstTokenTimeoutSeconds', t('requests.firstTokenTimeout'), t('requests.firstTokenTimeoutHint')),
  field('idleTimeoutSeconds', t('requests.idleTimeout'), t('requests.idleTimeoutHint')),
  field('totalTimeoutMinutes', t('requests.totalTimeout'), t('requests.totalTimeoutHint')),
]

/** How hard a request tries and how long it waits: attempts and the four timeouts. */
export function RequestsSection({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation('settings')
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  return (
    <Section title={t('requests.title')}>
      <WholeNumberForm
        fields={fields(t)}
        values={settings.requests}
        defaults={DEFAULT_REQUEST_SETTINGS}
        save={(requests) => updateSettings({ requests })}
        saveLabel={t('requests.save')}
        savedText={t('requests.saved')}
      />
    </Section>
  )
}
