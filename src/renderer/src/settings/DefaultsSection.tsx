import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppSettings, ProviderView } from '../../../shared/providers'
import { useFormat } from '../i18n/format'
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
  const { t } = useTranslation(['settings', 'common'])
  const format = useFormat()
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
    <Section title={t('defaults.title')}>
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
            label={t('defaults.provider')}
            hint={choices.length === 0 ? t('defaults.addProviderFirst') : undefined}
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
                <option value="">{t('common:none')}</option>
                {choices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.enabled ? choice.name : t('defaults.disabled', { name: choice.name })}
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
          label={t('defaults.systemPrompt')}
          hint={t('defaults.systemPromptHint')}
          error={
            tooLong ? t('defaults.systemPromptTooLong', { max: format.number(MAX_SYSTEM_PROMPT) }) : null
          }
        >
          {(control) => (
            <textarea
              {...control}
              value={shown.systemPrompt}
              rows={4}
              placeholder={t('defaults.systemPromptPlaceholder')}
              onChange={(event) => change({ systemPrompt: event.target.value })}
            />
          )}
        </Field>
        <div className="settings-actions">
          <button type="submit" disabled={save.busy || tooLong}>
            {save.busy ? t('form.saving') : t('defaults.save')}
          </button>
        </div>
        {save.error ? <Message kind="error">{save.error}</Message> : null}
        {saved ? <Message kind="success">{t('defaults.saved')}</Message> : null}
      </form>
    </Section>
  )
}
