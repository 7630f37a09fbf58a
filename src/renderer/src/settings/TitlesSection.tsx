import type { AppSettings, TitleSettings } from '../../../shared/providers'
import { Message } from './Message'
import { fromModelValue, isListed, ModelOptions, modelValue } from './ModelOptions'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { useTask } from './useTask'

const CHAT_MODEL = 'chat-model'
const OFF = 'off'

/** Who names a new chat after its first answer: its own model, one chosen here, or nobody. */
export function TitlesSection({ settings }: { settings: AppSettings }) {
  const providers = useProvidersStore((state) => state.providers)
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  const save = useTask()
  const value =
    settings.titles.mode === 'model'
      ? modelValue(settings.titles.providerId, settings.titles.model)
      : settings.titles.mode
  const choose = (next: string) => {
    const titles: TitleSettings =
      next === CHAT_MODEL || next === OFF ? { mode: next } : { mode: 'model', ...fromModelValue(next) }
    void save.run(() => updateSettings({ titles }))
  }
  return (
    <Section title="Chat titles">
      <div className="settings-field">
        <label htmlFor="chat-titles">Name new chats</label>
        <select
          id="chat-titles"
          value={value}
          disabled={save.busy}
          onChange={(event) => choose(event.target.value)}
        >
          <option value={CHAT_MODEL}>With the chat’s own model</option>
          <ModelOptions providers={providers} label={(name) => `With a model of ${name}`} />
          {settings.titles.mode === 'model' && !isListed(providers, settings.titles) ? (
            // Chosen once, gone since (provider removed or model no longer listed): still shown as chosen.
            <option value={value}>
              {settings.titles.model} (no longer listed; the chat’s own model is used)
            </option>
          ) : null}
          <option value={OFF}>By their first words only (no request)</option>
        </select>
        <p className="settings-hint">
          After the first answer, a model proposes a short title; until then, and if this is off, the first
          words of the question stand. A name you give a chat is never replaced.
        </p>
      </div>
      {save.error ? <Message kind="error">{save.error}</Message> : null}
    </Section>
  )
}
