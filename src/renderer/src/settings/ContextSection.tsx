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
    <Section title="Context">
      <div className="settings-field">
        <label htmlFor="summary-model">Summarize older messages with</label>
        <select
          id="summary-model"
          value={value}
          disabled={save.busy}
          onChange={(event) => choose(event.target.value)}
        >
          <option value={CHAT_MODEL}>The model answering</option>
          <ModelOptions providers={providers} label={(name) => `A model of ${name}`} />
          {chosen.mode === 'model' && !isListed(providers, chosen) ? (
            <option value={value}>{chosen.model} (no longer listed)</option>
          ) : null}
        </select>
        <p className="settings-hint">
          A chat longer than its model’s window sends the most recent turns that fit (Sliding window), or,
          with Summarize older messages in its Chat settings, a summary of what falls out. A summary is kept
          and extended as the chat grows, never written again from the start. A small, cheap model does this
          well.
        </p>
      </div>
      {save.error ? <Message kind="error">{save.error}</Message> : null}
    </Section>
  )
}
