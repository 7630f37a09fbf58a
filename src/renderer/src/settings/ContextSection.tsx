import { useTranslation } from 'react-i18next'
import type { SummarySettings } from '../../../shared/context'
import type { AppSettings } from '../../../shared/providers'
import { Message } from './Message'
import { fromModelValue, isListed, ModelOptions, modelValue } from './ModelOptions'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { useTask } from './useTask'

const CHAT_MODEL = 'chat-model'

/** Who summarizes what falls out of a chat's window, for chats set to Summarize older messages. */
export function ContextSection({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation('settings')
  const providers = useProvidersStore((state) => state.providers)
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  const save = useTask()
  const chosen = settings.summaries
  const value = chosen.mode === 'model' ? modelValue(chosen.providerId, chosen.model) : CHAT_MODEL
  const choose = (next: string) => {
    const summaries: SummarySettings =
      next === CHAT_MODEL ? { mode: 'chat-model' } : { mode: 'model', ...fromModelValue(next) }
    void save.run(() => updateSettings({ summaries }))
  }
  return (
    <Section title={t('context.title')}>
      <div className="settings-field">
        <label htmlFor="summary-model">{t('context.label')}</label>
        <select
          id="summary-model"
          value={value}
          disabled={save.busy}
          onChange={(event) => choose(event.target.value)}
        >
          <option value={CHAT_MODEL}>{t('context.chatModel')}</option>
          <ModelOptions providers={providers} label={(name) => t('context.modelOf', { name })} />
          {chosen.mode === 'model' && !isListed(providers, chosen) ? (
            <option value={value}>{t('context.gone', { model: chosen.model })}</option>
          ) : null}
        </select>
        <p className="settings-hint">{t('context.hint')}</p>
      </div>
      {save.error ? <Message kind="error">{save.error}</Message> : null}
    </Section>
  )
}
