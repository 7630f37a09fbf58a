// One routing profile being made or changed: its name, the models it chooses among (none ticked: every
// enabled model), how much each score counts, the models to fall back to, in the order ticked, and
// whether a chat keeps the model chosen for it.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProviderView } from '../../../shared/providers'
import {
  DEFAULT_EXPLORATION,
  MAX_EXPLORATION,
  MAX_FALLBACKS,
  type RoutingProfile,
  type RoutingProfileDraft,
  type RoutingWeights,
} from '../../../shared/routing'
import type { AnswerTarget } from '../../../shared/types'
import { Field } from './Field'
import { Message } from './Message'
import { useTask } from './useTask'

// Each weight's words are routing.weight.<name> and routing.weight.<name>Hint.
const WEIGHTS: (keyof RoutingWeights)[] = ['latency', 'load', 'cost', 'quality']

const same = (a: AnswerTarget) => (b: AnswerTarget) => a.providerId === b.providerId && a.model === b.model

export function RoutingProfileForm({
  profile,
  providers,
  onSave,
  onCancel,
}: {
  profile: RoutingProfile | null
  providers: ProviderView[]
  onSave: (draft: RoutingProfileDraft) => Promise<void>
  onCancel: () => void
}) {
  const { t } = useTranslation(['settings', 'common'])
  const [draft, setDraft] = useState<RoutingProfileDraft>(
    profile ?? {
      name: '',
      candidates: [],
      weights: { latency: 3, load: 2, cost: 2, quality: 3 },
      fallbacks: [],
      maxFallbacks: 2,
      sticky: false,
      exploration: DEFAULT_EXPLORATION,
    },
  )
  const { busy, error, run } = useTask()
  const enabled = providers.filter((provider) => provider.enabled && provider.models.length > 0)
  const toggle = (list: 'candidates' | 'fallbacks', target: AnswerTarget, on: boolean) =>
    setDraft((current) => ({
      ...current,
      [list]: on ? [...current[list], target] : current[list].filter((t) => !same(target)(t)),
    }))
  const labelOf = (target: AnswerTarget) =>
    providers.find((p) => p.id === target.providerId)?.models.find((m) => m.id === target.model)
      ?.displayName ?? target.model

  return (
    <form
      className="settings-form routing-form"
      aria-label={profile ? t('routing.editNamed', { name: profile.name }) : t('routing.newProfile')}
      onSubmit={(event) => {
        event.preventDefault()
        void run(() => onSave({ ...draft, name: draft.name.trim() }))
      }}
    >
      <Field label={t('routing.name')}>
        {(control) => (
          <input
            {...control}
            value={draft.name}
            maxLength={100}
            required
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          />
        )}
      </Field>
      {enabled.map((provider) => (
        <fieldset key={provider.id} className="routing-models">
          <legend>{provider.name}</legend>
          {provider.models.map((model) => {
            const target = { providerId: provider.id, model: model.id }
            return (
              <label key={model.id} className="check-row">
                <input
                  type="checkbox"
                  checked={draft.candidates.some(same(target))}
                  onChange={(event) => toggle('candidates', target, event.target.checked)}
                />
                {model.displayName ?? model.id}
              </label>
            )
          })}
        </fieldset>
      ))}
      <p className="settings-hint">{t('routing.noneTicked')}</p>
      <fieldset className="routing-weights">
        <legend>{t('routing.weights')}</legend>
        {WEIGHTS.map((weight) => (
          <Field key={weight} label={t(`routing.weight.${weight}`)} hint={t(`routing.weight.${weight}Hint`)}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={0}
                max={10}
                step={1}
                value={draft.weights[weight]}
                onChange={(event) =>
                  setDraft({
                    ...draft,
                    weights: { ...draft.weights, [weight]: Number(event.target.value) || 0 },
                  })
                }
              />
            )}
          </Field>
        ))}
      </fieldset>
      <fieldset className="routing-fallbacks">
        <legend>{t('routing.fallbacks')}</legend>
        <Field label={t('routing.maxFallbacks')} hint={t('routing.maxFallbacksHint')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={MAX_FALLBACKS}
              value={draft.maxFallbacks}
              onChange={(event) =>
                setDraft({
                  ...draft,
                  maxFallbacks: Math.min(MAX_FALLBACKS, Math.max(0, Number(event.target.value) || 0)),
                })
              }
            />
          )}
        </Field>
        {(draft.candidates.length > 0
          ? draft.candidates
          : enabled.flatMap((p) => p.models.map((m) => ({ providerId: p.id, model: m.id })))
        ).map((target) => (
          <label key={`${target.providerId} ${target.model}`} className="check-row">
            <input
              type="checkbox"
              checked={draft.fallbacks.some(same(target))}
              onChange={(event) => toggle('fallbacks', target, event.target.checked)}
            />
            {t('routing.fallBackTo', { model: labelOf(target) })}
          </label>
        ))}
        {draft.fallbacks.length > 0 && (
          <p className="settings-hint">
            {t('routing.order', { models: draft.fallbacks.map(labelOf).join(' → ') })}
          </p>
        )}
      </fieldset>
      <Field label={t('routing.exploration')} hint={t('routing.explorationHint')}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={0}
            max={MAX_EXPLORATION * 100}
            value={Math.round(draft.exploration * 100)}
            onChange={(event) =>
              setDraft({
                ...draft,
                exploration: Math.min(MAX_EXPLORATION, Math.max(0, (Number(event.target.value) || 0) / 100)),
              })
            }
          />
        )}
      </Field>
      <label className="check-row">
        <input
          type="checkbox"
          checked={draft.sticky}
          onChange={(event) => setDraft({ ...draft, sticky: event.target.checked })}
        />
        {t('routing.sticky')}
      </label>
      {error && <Message kind="error">{error}</Message>}
      <div className="settings-actions">
        <button type="submit" disabled={busy}>
          {t('routing.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  )
}
