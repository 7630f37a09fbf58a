// Per-chat system prompt, generation parameters, response cache and context strategy. Empty fields mean "the provider's default".
import { useEffect, useState } from 'react'
import type { ContextStrategy } from '../../../shared/context'
import type { CacheMode, GenerationParams, ReasoningEffort } from '../../../shared/providers'
import { useProvidersStore } from '../settings/providers-store'

interface Draft {
  systemPrompt: string
  temperature: string
  topP: string
  maxTokens: string
  reasoningEffort: '' | ReasoningEffort
  cacheMode: CacheMode
  contextStrategy: ContextStrategy
}

const CACHE_HINTS: Record<CacheMode, string> = {
  off: 'Every answer is asked of the provider; none is kept.',
  auto: 'Answers at temperature 0, and chat titles, are kept and reused.',
  always: 'Every answer is kept, and the same question gets the same answer.',
}

const CONTEXT_HINTS: Record<ContextStrategy, string> = {
  window: 'When the chat outgrows the model’s window, only the most recent turns that fit are sent.',
  summarize:
    'When the chat outgrows the model’s window, what falls out is summarized (by the model chosen in Settings → Context) and the summary is sent instead.',
}

export function ChatSettingsPanel({ chatId, onClose }: { chatId: string; onClose: () => void }) {
  const current = useProvidersStore((state) =>
    state.chatSettings?.chatId === chatId ? state.chatSettings.settings : null,
  )
  const update = useProvidersStore((state) => state.updateChatSettings)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    if (!current) return
    setDraft({
      systemPrompt: current.systemPrompt ?? '',
      temperature: current.params.temperature?.toString() ?? '',
      topP: current.params.topP?.toString() ?? '',
      maxTokens: current.params.maxTokens?.toString() ?? '',
      reasoningEffort: current.params.reasoningEffort ?? '',
      cacheMode: current.cacheMode,
      contextStrategy: current.contextStrategy,
    })
  }, [current])

  if (!draft) return null
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  })

  const save = async () => {
    const params: GenerationParams = {}
    const errors: string[] = []
    const number = (text: string, name: string, min: number, max: number, integer = false) => {
      if (text.trim() === '') return undefined
      const value = Number(text)
      if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
        errors.push(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`)
        return undefined
      }
      return value
    }
    const temperature = number(draft.temperature, 'Temperature', 0, 2)
    const topP = number(draft.topP, 'Top P', 0, 1)
    const maxTokens = number(draft.maxTokens, 'Max tokens', 1, 1_000_000, true)
    if (temperature !== undefined) params.temperature = temperature
    if (topP !== undefined) params.topP = topP
    if (maxTokens !== undefined) params.maxTokens = maxTokens
    if (draft.reasoningEffort) params.reasoningEffort = draft.reasoningEffort
    if (errors.length > 0) {
      setProblem(errors.join(' '))
      return
    }
    try {
      await update(
        {
          systemPrompt: draft.systemPrompt.trim() ? draft.systemPrompt : null,
          params,
          cacheMode: draft.cacheMode,
          contextStrategy: draft.contextStrategy,
        },
        chatId,
      )
      setProblem(null)
      onClose()
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <form
      className="chat-settings"
      aria-label="Chat settings"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <label htmlFor="chat-system-prompt">System prompt</label>
      <textarea
        id="chat-system-prompt"
        rows={3}
        placeholder="Empty: the default system prompt from Settings"
        {...field('systemPrompt')}
      />
      <div className="chat-settings-row">
        <span>
          <label htmlFor="chat-temperature">Temperature</label>
          <input id="chat-temperature" inputMode="decimal" placeholder="default" {...field('temperature')} />
        </span>
        <span>
          <label htmlFor="chat-top-p">Top P</label>
          <input id="chat-top-p" inputMode="decimal" placeholder="default" {...field('topP')} />
        </span>
        <span>
          <label htmlFor="chat-max-tokens">Max tokens</label>
          <input id="chat-max-tokens" inputMode="numeric" placeholder="default" {...field('maxTokens')} />
        </span>
        <span>
          <label htmlFor="chat-reasoning">Reasoning effort</label>
          <select id="chat-reasoning" {...field('reasoningEffort')}>
            <option value="">default</option>
            <option value="low">low</option>
            <option value="medium">medium</option>
            <option value="high">high</option>
          </select>
        </span>
        <span>
          <label htmlFor="chat-cache">Cache</label>
          <select id="chat-cache" aria-describedby="chat-cache-hint" {...field('cacheMode')}>
            <option value="off">Off</option>
            <option value="auto">Auto</option>
            <option value="always">Always</option>
          </select>
        </span>
      </div>
      <p id="chat-cache-hint" className="chat-settings-hint">
        Cache: {CACHE_HINTS[draft.cacheMode]} Regenerate always asks afresh.
      </p>
      <div className="chat-settings-row">
        <span>
          <label htmlFor="chat-context">Context</label>
          <select id="chat-context" aria-describedby="chat-context-hint" {...field('contextStrategy')}>
            <option value="window">Sliding window</option>
            <option value="summarize">Summarize older messages</option>
          </select>
        </span>
      </div>
      <p id="chat-context-hint" className="chat-settings-hint">
        {CONTEXT_HINTS[draft.contextStrategy]}
      </p>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="chat-settings-actions">
        <button type="submit">Save chat settings</button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  )
}
