import { useTranslation } from 'react-i18next'
import type { ModelInfo } from '../../../shared/providers'
import { type ControlProps, Field } from './Field'
import { modelLabel } from './format'

/** The select's value for "a model id typed in the box below" (no model id has parentheses around it). */
const OTHER = '(other)'

interface Props {
  providerChosen: boolean
  models: ModelInfo[]
  model: string
  /** The model is typed rather than picked from the provider's list. */
  typing: boolean
  onChange: (model: string, typing: boolean) => void
}

/** The provider's models to pick from, or a box to type an id when it lists none or not the one wanted. */
export function DefaultModelField({ providerChosen, models, model, typing, onChange }: Props) {
  const { t } = useTranslation(['settings', 'common'])
  if (!providerChosen) {
    return (
      <Field label={t('defaults.model')}>
        {(control) => (
          <select {...control} value="" disabled>
            <option value="">{t('defaults.chooseProviderFirst')}</option>
          </select>
        )}
      </Field>
    )
  }
  if (models.length === 0) {
    return (
      <Field label={t('defaults.model')} hint={t('defaults.noModels')}>
        {(control) => (
          <ModelIdInput
            control={control}
            value={model}
            placeholder={t('defaults.modelPlaceholder')}
            onChange={onChange}
          />
        )}
      </Field>
    )
  }
  return (
    <div className="settings-field-stack">
      <Field label={t('defaults.model')}>
        {(control) => (
          <select
            {...control}
            value={typing ? OTHER : model}
            onChange={(event) =>
              event.target.value === OTHER ? onChange('', true) : onChange(event.target.value, false)
            }
          >
            <option value="">{t('common:none')}</option>
            {models.map((option) => (
              <option key={option.id} value={option.id}>
                {modelLabel(option) === option.id ? option.id : `${modelLabel(option)} (${option.id})`}
              </option>
            ))}
            <option value={OTHER}>{t('defaults.anotherModel')}</option>
          </select>
        )}
      </Field>
      {typing ? (
        <Field label={t('defaults.otherModel')}>
          {(control) => (
            <ModelIdInput
              control={control}
              value={model}
              placeholder={t('defaults.otherModelPlaceholder')}
              onChange={onChange}
            />
          )}
        </Field>
      ) : null}
    </div>
  )
}

/** A model id typed by hand: exactly as the provider spells it, so no spelling help. */
function ModelIdInput({
  control,
  value,
  placeholder,
  onChange,
}: {
  control: ControlProps
  value: string
  placeholder: string
  onChange: (model: string, typed: boolean) => void
}) {
  return (
    <input
      {...control}
      value={value}
      maxLength={300}
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value, true)}
    />
  )
}
