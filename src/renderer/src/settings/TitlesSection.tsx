import type { AppSettings, ProviderView, TitleSettings } from '../../../shared/providers'
import { Message } from './Message'
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
      ? JSON.stringify([settings.titles.providerId, settings.titles.model])
      : settings.titles.mode
  const choose = (next: string) => {
    const titles: TitleSettings =
      next === CHAT_MODEL || next === OFF
        ? { mode: next }
        : {
            mode: 'model',
            providerId: (JSON.parse(next) as [string, string])[0],
            model: (JSON.parse(next) as [string, string])[1],
          }
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
          {providers
            .filter((provider) => provider.enabled)
            .map((provider) => (
              <optgroup key={provider.id} label={`With a model of ${provider.name}`}>
                {provider.models.map((model) => (
                  <option key={model.id} value={JSON.stringify([provider.id, model.id])}>
                    {model.displayName ?? model.id}
                  </option>
                ))}
              </optgroup>
            ))}
          {settings.titles.mode === 'model' && !listed(providers, settings.titles) ? (
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

function listed(providers: ProviderView[], chosen: { providerId: string; model: string }): boolean {
  return providers.some(
    (provider) =>
      provider.enabled &&
      provider.id === chosen.providerId &&
      provider.models.some((m) => m.id === chosen.model),
  )
}
