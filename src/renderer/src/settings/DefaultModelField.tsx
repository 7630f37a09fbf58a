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
  if (!providerChosen) {
    return (
      <Field label="Default model">
        {(control) => (
          <select {...control} value="" disabled>
            <option value="">Choose a provider first</option>
          </select>
        )}
      </Field>
    )
  }
  if (models.length === 0) {
    return (
      <Field label="Default model" hint="This provider lists no models yet: type the model id.">
        {(control) => (
          <ModelIdInput control={control} value={model} placeholder="e.g. llama3.1:8b" onChange={onChange} />
        )}
      </Field>
    )
  }
  return (
    <div className="settings-field-stack">
      <Field label="Default model">
        {(control) => (
          <select
            {...control}
            value={typing ? OTHER : model}
            onChange={(event) =>
              event.target.value === OTHER ? onChange('', true) : onChange(event.target.value, false)
            }
          >
            <option value="">None</option>
            {models.map((option) => (
              <option key={option.id} value={option.id}>
                {modelLabel(option) === option.id ? option.id : `${modelLabel(option)} (${option.id})`}
              </option>
            ))}
            <option value={OTHER}>Another model (type its id)…</option>
          </select>
        )}
      </Field>
      {typing ? (
        <Field label="Other model">
          {(control) => (
            <ModelIdInput
              control={control}
              value={model}
              placeholder="The model id, exactly as the provider spells it"
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
