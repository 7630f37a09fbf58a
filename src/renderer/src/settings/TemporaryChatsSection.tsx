import {
  type AppSettings,
  DEFAULT_TEMPORARY_CHAT_SETTINGS,
  TEMPORARY_CHAT_HOURS_LIMITS,
} from '../../../shared/providers'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { WholeNumberForm } from './WholeNumberForm'

const FIELDS = [
  {
    name: 'hours' as const,
    label: 'Temporary chats last (hours)',
    hint: 'From 1 hour to 720 (30 days). A chat already started keeps the time it was given.',
    ...TEMPORARY_CHAT_HOURS_LIMITS,
  },
]

/** How long a chat started with Temporary chat lasts before it is deleted. */
export function TemporaryChatsSection({ settings }: { settings: AppSettings }) {
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  return (
    <Section title="Temporary chats">
      <p className="settings-hint">
        A chat started with Temporary chat is deleted when its time is up, with its cached answers and the
        text of its request details (Monitoring keeps only the figures). It is left out of Export all chats;
        Keep chat on it keeps it for good.
      </p>
      <WholeNumberForm
        fields={FIELDS}
        values={settings.temporaryChats}
        defaults={DEFAULT_TEMPORARY_CHAT_SETTINGS}
        save={(temporaryChats) => updateSettings({ temporaryChats })}
        saveLabel="Save temporary chat settings"
        savedText="Temporary chat settings saved."
      />
    </Section>
  )
}
