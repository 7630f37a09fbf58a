import { useState } from 'react'
import type { AppSettings, ProviderView } from '../../../shared/providers'
import { DefaultModelField } from './DefaultModelField'
import { Field } from './Field'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { useTask } from './useTask'

const MAX_SYSTEM_PROMPT = 100_000

interface Draft {
  providerId: string
  model: string
  /** The model is typed rather than picked from the provider's list. */
  typing: boolean
  systemPrompt: string
}

function fromSettings(settings: AppSettings, providers: ProviderView[]): Draft {
  const provider = providers.find((p) => p.id === settings.defaultProviderId)
  const model = settings.defaultModel ?? ''
  return {
    providerId: provider?.id ?? '',
    model,
    typing: model !== '' && !provider?.models.some((m) => m.id === model),
    systemPrompt: settings.defaultSystemPrompt,
  }
}

/** What a new chat starts with: provider, model and system prompt. */
export function DefaultsSection({ settings }: { settings: AppSettings }) {
  const providers = useProvidersStore((state) => state.providers)
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  // Null until the person changes something: until then the saved settings are shown as they are.
  const [draft, setDraft] = useState<Draft | null>(null)
  const [saved, setSaved] = useState(false)
  const save = useTask()

  const shown = draft ?? fromSettings(settings, providers)
  const change = (changes: Partial<Draft>) => {
    setDraft({ ...shown, ...changes })
    setSaved(false)
  }

  const choices = providers.filter((p) => p.enabled || p.id === shown.providerId)
  const provider = providers.find((p) => p.id === shown.providerId)
  const models = provider?.models ?? []
  const tooLong = shown.systemPrompt.length > MAX_SYSTEM_PROMPT

  const submit = async () => {
    if (tooLong || save.busy) return
    const model = shown.model.trim()
    const result = await save.run(() =>
      updateSettings({
        defaultProviderId: shown.providerId || null,
        defaultModel: shown.providerId && model ? model : null,
        defaultSystemPrompt: shown.systemPrompt,
      }),
    )
    if (!result.ok) return
    setDraft(null)
    setSaved(true)
  }

  return (
    <Section title="Defaults">
      <form
        className="settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <div className="settings-field-row">
          <Field
            label="Default provider"
            hint={choices.length === 0 ? 'Add and enable a provider first.' : undefined}
          >
            {(control) => (
              <select
                {...control}
                value={shown.providerId}
                onChange={(event) => {
                  const next = providers.find((p) => p.id === event.target.value)
                  change({ providerId: next?.id ?? '', model: next?.models[0]?.id ?? '', typing: false })
                }}
              >
                <option value="">None</option>
                {choices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.enabled ? choice.name : `${choice.name} (disabled)`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DefaultModelField
            providerChosen={provider !== undefined}
            models={models}
            model={shown.model}
            typing={shown.typing}
            onChange={(model, typing) => change({ model, typing })}
          />
        </div>
        <Field
          label="Default system prompt"
          hint="Sent at the start of every new chat. Each chat can change it."
          error={tooLong ? `At most ${MAX_SYSTEM_PROMPT.toLocaleString('en')} characters.` : null}
        >
          {(control) => (
            <textarea
              {...control}
              value={shown.systemPrompt}
              rows={4}
              placeholder="e.g. You are a concise assistant."
              onChange={(event) => change({ systemPrompt: event.target.value })}
            />
          )}
        </Field>
        <div className="settings-actions">
          <button type="submit" disabled={save.busy || tooLong}>
            {save.busy ? 'Saving…' : 'Save defaults'}
          </button>
        </div>
        {save.error ? <Message kind="error">{save.error}</Message> : null}
        {saved ? <Message kind="success">Defaults saved.</Message> : null}
      </form>
    </Section>
  )
}
