// Choosing models for the next message: Compare opens the chooser; each chosen model is a removable
// chip (the same model may be chosen twice, at another temperature); sets are saved by name and picked
// in one click. What is chosen is remembered per chat.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_COMPARE_MODELS } from '../../../shared/limits'
import type { AnswerTarget } from '../../../shared/types'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'
import { askableTargets, targetText } from './model-label'
import { TargetOptions } from './TargetOptions'

export function CompareChooser() {
  const { t } = useTranslation(['compare', 'common'])
  const targets = useChatStore((state) => state.compareSettings.targets)
  const sets = useChatStore((state) => state.modelSets)
  const update = useChatStore((state) => state.updateCompareSettings)
  const loadSets = useChatStore((state) => state.loadModelSets)
  const saveSet = useChatStore((state) => state.saveModelSet)
  const deleteSet = useChatStore((state) => state.deleteModelSet)
  const providers = useProvidersStore((state) => state.providers)
  const [open, setOpen] = useState(false)
  const [choice, setChoice] = useState(0)
  const [temperature, setTemperature] = useState('')
  const [naming, setNaming] = useState<string | null>(null)
  const choices = askableTargets(providers)
  const full = targets.length >= MAX_COMPARE_MODELS
  const showing = open || targets.length > 0

  useEffect(() => {
    void loadSets()
  }, [loadSets])

  const setTargets = (next: AnswerTarget[]) => void update({ targets: next })
  const add = () => {
    const picked = choices[choice]?.target
    if (!picked || full) return
    const degrees = temperature.trim() === '' ? undefined : Number(temperature)
    const target =
      degrees !== undefined && Number.isFinite(degrees) && degrees >= 0 && degrees <= 2
        ? { ...picked, temperature: degrees }
        : picked
    setTargets([...targets, target])
  }

  if (!showing) {
    return (
      <button
        type="button"
        className="secondary"
        disabled={choices.length === 0}
        onClick={() => setOpen(true)}
      >
        {t('chooser.open')}
      </button>
    )
  }
  const temperatureInvalid =
    temperature.trim() !== '' && !(Number(temperature) >= 0 && Number(temperature) <= 2)
  return (
    <fieldset className="compare-chooser">
      <legend className="visually-hidden">{t('chooser.legend')}</legend>
      <ul className="chips">
        {targets.map((target, index) => {
          const text = targetText(providers, target)
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same model may be chosen twice; position is its identity
            <li key={index} className="chip" title={text}>
              <span className="chip-text">{text}</span>
              <button
                type="button"
                className="icon"
                aria-label={t('chooser.remove', { name: text })}
                onClick={() => setTargets(targets.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </li>
          )
        })}
      </ul>
      <div className="compare-add">
        <label className="visually-hidden" htmlFor="compare-model">
          {t('chooser.modelToAdd')}
        </label>
        <select id="compare-model" value={choice} onChange={(event) => setChoice(Number(event.target.value))}>
          <TargetOptions choices={choices} />
        </select>
        <label className="visually-hidden" htmlFor="compare-temperature">
          {t('chooser.temperature')}
        </label>
        <input
          id="compare-temperature"
          className="temperature"
          inputMode="decimal"
          placeholder={t('chooser.temperaturePlaceholder')}
          value={temperature}
          aria-invalid={temperatureInvalid}
          onChange={(event) => setTemperature(event.target.value)}
        />
        <button type="button" className="secondary" disabled={full || temperatureInvalid} onClick={add}>
          {t('chooser.add')}
        </button>
        {full && <span className="muted">{t('chooser.atMost', { count: MAX_COMPARE_MODELS })}</span>}
        {sets.length > 0 && (
          <select
            aria-label={t('chooser.sets')}
            value=""
            onChange={(event) => {
              const set = sets.find((s) => s.id === event.target.value)
              if (set) setTargets(set.targets)
            }}
          >
            <option value="">{t('chooser.setsPlaceholder')}</option>
            {sets.map((set) => (
              <option key={set.id} value={set.id}>
                {t('chooser.setOption', { name: set.name, count: set.targets.length })}
              </option>
            ))}
          </select>
        )}
        {naming === null ? (
          <button
            type="button"
            className="secondary"
            disabled={targets.length < 2}
            onClick={() => setNaming('')}
          >
            {t('chooser.saveAsSet')}
          </button>
        ) : (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault()
              if (naming.trim().length === 0) return
              void saveSet(naming.trim(), targets).then((saved) => saved && setNaming(null))
            }}
          >
            <label className="visually-hidden" htmlFor="set-name">
              {t('chooser.setName')}
            </label>
            <input
              id="set-name"
              value={naming}
              placeholder={t('chooser.setName')}
              maxLength={100}
              // biome-ignore lint/a11y/noAutofocus: the person just asked to name the set
              autoFocus
              onChange={(event) => setNaming(event.target.value)}
              onKeyDown={(event) => event.key === 'Escape' && setNaming(null)}
            />
            <button type="submit" disabled={naming.trim().length === 0}>
              {t('common:save')}
            </button>
          </form>
        )}
        {sets.length > 0 && (
          <details className="set-manager">
            <summary>{t('chooser.manageSets')}</summary>
            <ul>
              {sets.map((set) => (
                <li key={set.id}>
                  {set.name}
                  <button type="button" className="secondary" onClick={() => void deleteSet(set.id)}>
                    {t('chooser.deleteSet', { name: set.name })}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setTargets([])
            setOpen(false)
          }}
        >
          {t('chooser.stop')}
        </button>
      </div>
      {targets.length === 1 && <p className="muted">{t('chooser.addOneMore')}</p>}
    </fieldset>
  )
}
