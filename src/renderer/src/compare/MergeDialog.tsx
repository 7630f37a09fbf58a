// Merge answers: the chosen answers go to one model with instructions the person can edit; the result
// becomes one more answer of the turn. When they do not fit the model's window it says so, and fewer
// answers can be chosen right here.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Modal } from '../components/Modal'
import { useFormat } from '../i18n/format'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'
import { askableTargets, labelOf } from './model-label'
import { TargetOptions } from './TargetOptions'

export function MergeDialog({
  blindNames,
  onClose,
}: {
  /** A blind comparison's column names, by answer id; null when names are shown. */
  blindNames: Record<string, string> | null
  onClose: () => void
}) {
  const { t } = useTranslation(['compare', 'common'])
  const f = useFormat()
  const compare = useChatStore((state) => state.compare)
  const messages = useChatStore((state) => state.messages)
  const targets = useChatStore((state) => state.compareSettings.targets)
  const merge = useChatStore((state) => state.merge)
  const providers = useProvidersStore((state) => state.providers)
  const answers = (compare?.columns ?? [])
    .map((column) => messages[column.answerId])
    .filter((answer) => answer !== undefined)
  const usable = answers.filter((answer) => answer.status !== 'error' && answer.content.length > 0)
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(usable.map((answer) => answer.id)))
  const choices = askableTargets(providers)
  const firstTarget = targets[0]
  const initial = Math.max(
    0,
    choices.findIndex(
      (choice) =>
        choice.target.providerId === firstTarget?.providerId && choice.target.model === firstTarget?.model,
    ),
  )
  const [model, setModel] = useState(initial)
  const [prompt, setPrompt] = useState(() => t('merge.defaultPrompt'))
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!compare) return null

  const submit = async () => {
    const target = choices[model]?.target
    if (!target) return setProblem(t('merge.noProvider'))
    setBusy(true)
    const failure = await merge({ questionId: compare.questionId, answerIds: [...chosen], target, prompt })
    setBusy(false)
    if (failure) setProblem(failure)
    else onClose()
  }

  return (
    <Modal title={t('merge.title')} className="merge-dialog" onClose={onClose}>
      <fieldset>
        <legend>{t('merge.answers')}</legend>
        {answers.map((answer) => {
          const label = labelOf(providers, answer.provider, answer.model)
          const disabled = !usable.includes(answer)
          return (
            <label key={answer.id} className="check-row">
              <input
                type="checkbox"
                disabled={disabled}
                checked={chosen.has(answer.id)}
                onChange={(event) => {
                  const next = new Set(chosen)
                  if (event.target.checked) next.add(answer.id)
                  else next.delete(answer.id)
                  setChosen(next)
                  setProblem(null)
                }}
              />
              {blindNames ? (
                (blindNames[answer.id] ?? t('merge.anAnswer'))
              ) : (
                <>
                  {label.model} <span className="muted">{label.provider}</span>
                </>
              )}
              <span className="muted">
                {t('merge.characters', { value: f.number(answer.content.length) })}
              </span>
            </label>
          )
        })}
      </fieldset>
      <label className="field">
        <span>{t('merge.model')}</span>
        <select value={model} onChange={(event) => setModel(Number(event.target.value))}>
          <TargetOptions choices={choices} />
        </select>
      </label>
      <label className="field">
        <span>{t('merge.prompt')}</span>
        <textarea rows={4} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
      </label>
      <p className="muted">{t('merge.reasoningLeftOut')}</p>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('common:cancel')}
        </button>
        <button
          type="button"
          disabled={busy || chosen.size < 2 || prompt.trim().length === 0}
          onClick={() => void submit()}
        >
          {t('merge.submit')}
        </button>
      </div>
    </Modal>
  )
}
