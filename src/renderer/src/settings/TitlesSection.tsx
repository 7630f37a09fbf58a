import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation('settings')
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
    <Section title={t('titles.title')}>
      <div className="settings-field">
        <label htmlFor="chat-titles">{t('titles.label')}</label>
        <select
          id="chat-titles"
          value={value}
          disabled={save.busy}
          onChange={(event) => choose(event.target.value)}
        >
          <option value={CHAT_MODEL}>{t('titles.chatModel')}</option>
          <ModelOptions providers={providers} label={(name) => t('titles.modelOf', { name })} />
          {settings.titles.mode === 'model' && !isListed(providers, settings.titles) ? (
            // Chosen once, gone since (provider removed or model no longer listed): still shown as chosen.
            <option value={value}>{t('titles.gone', { model: settings.titles.model })}</option>
          ) : null}
          <option value={OFF}>{t('titles.off')}</option>
        </select>
        <p className="settings-hint">{t('titles.hint')}</p>
      </div>
      {save.error ? <Message kind="error">{save.error}</Message> : null}
    </Section>
  )
}
