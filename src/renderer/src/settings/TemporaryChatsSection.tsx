import { useTranslation } from 'react-i18next'
import {
  type AppSettings,
  DEFAULT_TEMPORARY_CHAT_SETTINGS,
  TEMPORARY_CHAT_HOURS_LIMITS,
} from '../../../shared/providers'
import type { SettingsT } from './format'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { WholeNumberForm } from './WholeNumberForm'

const fields = (t: SettingsT) => [
  {
    name: 'hours' as const,
    label: t('temporaryChats.hours'),
    hint: t('temporaryChats.hoursHint'),
    ...TEMPORARY_CHAT_HOURS_LIMITS,
  },
]

/** How long a chat started with Temporary chat lasts before it is deleted. */
export function TemporaryChatsSection({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation('settings')
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  return (
    <Section title={t('temporaryChats.title')}>
      <p className="settings-hint">{t('temporaryChats.intro')}</p>
      <WholeNumberForm
        fields={fields(t)}
        values={settings.temporaryChats}
        defaults={DEFAULT_TEMPORARY_CHAT_SETTINGS}
        save={(temporaryChats) => updateSettings({ temporaryChats })}
        saveLabel={t('temporaryChats.save')}
        savedText={t('temporaryChats.saved')}
      />
    </Section>
  )
}
