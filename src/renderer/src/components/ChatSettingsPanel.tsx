// Per-chat system prompt, generation parameters, response cache and context strategy. Empty fields mean "the provider's default".
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContextStrategy } from '../../../shared/context'
import type { CacheMode, GenerationParams, ReasoningEffort } from '../../../shared/providers'
import { useErrorText } from '../i18n/error-text'
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

const CACHE_HINTS = {
  off: 'chatSettings.cacheHints.off',
  auto: 'chatSettings.cacheHints.auto',
  always: 'chatSettings.cacheHints.always',
} as const satisfies Record<CacheMode, string>

const CONTEXT_HINTS = {
  window: 'chatSettings.contextHints.window',
  summarize: 'chatSettings.contextHints.summarize',
} as const satisfies Record<ContextStrategy, string>

export function ChatSettingsPanel({ chatId, onClose }: { chatId: string; onClose: () => void }) {
  const { t } = useTranslation(['chat', 'common'])
  const errorText = useErrorText()
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
        errors.push(
          t(integer ? 'chatSettings.notAWholeNumber' : 'chatSettings.notANumber', { name, min, max }),
        )
        return undefined
      }
      return value
    }
    const temperature = number(draft.temperature, t('chatSettings.temperature'), 0, 2)
    const topP = number(draft.topP, t('chatSettings.topP'), 0, 1)
    const maxTokens = number(draft.maxTokens, t('chatSettings.maxTokens'), 1, 1_000_000, true)
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
      setProblem(errorText(error))
    }
  }

  return (
    <form
      className="chat-settings"
      aria-label={t('chatSettings.title')}
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <label htmlFor="chat-system-prompt">{t('chatSettings.systemPrompt')}</label>
      <textarea
        id="chat-system-prompt"
        rows={3}
        placeholder={t('chatSettings.systemPromptPlaceholder')}
        {...field('systemPrompt')}
      />
      <div className="chat-settings-row">
        <span>
          <label htmlFor="chat-temperature">{t('chatSettings.temperature')}</label>
          <input
            id="chat-temperature"
            inputMode="decimal"
            placeholder={t('chatSettings.default')}
            {...field('temperature')}
          />
        </span>
        <span>
          <label htmlFor="chat-top-p">{t('chatSettings.topP')}</label>
          <input
            id="chat-top-p"
            inputMode="decimal"
            placeholder={t('chatSettings.default')}
            {...field('topP')}
          />
        </span>
        <span>
          <label htmlFor="chat-max-tokens">{t('chatSettings.maxTokens')}</label>
          <input
            id="chat-max-tokens"
            inputMode="numeric"
            placeholder={t('chatSettings.default')}
            {...field('maxTokens')}
          />
        </span>
        <span>
          <label htmlFor="chat-reasoning">{t('chatSettings.reasoning')}</label>
          <select id="chat-reasoning" {...field('reasoningEffort')}>
            <option value="">{t('chatSettings.default')}</option>
            <option value="low">{t('chatSettings.low')}</option>
            <option value="medium">{t('chatSettings.medium')}</option>
            <option value="high">{t('chatSettings.high')}</option>
          </select>
        </span>
        <span>
          <label htmlFor="chat-cache">{t('chatSettings.cache')}</label>
          <select id="chat-cache" aria-describedby="chat-cache-hint" {...field('cacheMode')}>
            <option value="off">{t('chatSettings.cacheOff')}</option>
            <option value="auto">{t('chatSettings.cacheAuto')}</option>
            <option value="always">{t('chatSettings.cacheAlways')}</option>
          </select>
        </span>
      </div>
      <p id="chat-cache-hint" className="chat-settings-hint">
        {t('chatSettings.cacheHint', { hint: t(CACHE_HINTS[draft.cacheMode]) })}
      </p>
      <div className="chat-settings-row">
        <span>
          <label htmlFor="chat-context">{t('chatSettings.context')}</label>
          <select id="chat-context" aria-describedby="chat-context-hint" {...field('contextStrategy')}>
            <option value="window">{t('chatSettings.window')}</option>
            <option value="summarize">{t('chatSettings.summarize')}</option>
          </select>
        </span>
      </div>
      <p id="chat-context-hint" className="chat-settings-hint">
        {t(CONTEXT_HINTS[draft.contextStrategy])}
      </p>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="chat-settings-actions">
        <button type="submit">{t('chatSettings.save')}</button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  )
}
