import { useEffect, useId, useRef, useState } from 'react'
import type { ModelInfo } from '../../../shared/providers'
import { api } from '../api'
import { Field } from './Field'
import { type NumberRule, parseNumberField } from './format'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { useTask } from './useTask'
import { useValidation } from './useValidation'

const TOKENS: NumberRule = { integer: true, min: 1, max: 100_000_000 }
const PRICE: NumberRule = { integer: false, min: 0, max: 100_000 }

type NumberField = 'contextWindow' | 'maxOutputTokens' | 'inputPrice' | 'outputPrice'

const NUMBER_FIELDS: { field: NumberField; label: string; rule: NumberRule; placeholder: string }[] = [
  { field: 'contextWindow', label: 'Context window', rule: TOKENS, placeholder: 'e.g. 128000' },
  { field: 'maxOutputTokens', label: 'Max output tokens', rule: TOKENS, placeholder: 'e.g. 16384' },
  { field: 'inputPrice', label: 'Input price', rule: PRICE, placeholder: 'e.g. 2.50' },
  { field: 'outputPrice', label: 'Output price', rule: PRICE, placeholder: 'e.g. 10' },
]

function asText(value: number | null): string {
  return value === null ? '' : String(value)
}

interface Props {
  providerId: string
  /** The model to change, or null to add one. */
  model: ModelInfo | null
  /** Ids already in the list: a new model must not take one. */
  takenIds: readonly string[]
  onClose: (savedId?: string) => void
}

/** A model typed in by hand, or a listed one made the person's own by editing it. */
export function ModelForm({ providerId, model, takenIds, onClose }: Props) {
  const put = useProvidersStore((state) => state.put)
  const [id, setId] = useState(model?.id ?? '')
  const [displayName, setDisplayName] = useState(model?.displayName ?? '')
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    contextWindow: asText(model?.contextWindow ?? null),
    maxOutputTokens: asText(model?.maxOutputTokens ?? null),
    inputPrice: asText(model?.inputPrice ?? null),
    outputPrice: asText(model?.outputPrice ?? null),
  })
  const [vision, setVision] = useState(model?.vision ?? false)
  const [reasoning, setReasoning] = useState(model?.reasoning ?? false)
  const save = useTask()
  const form = useRef<HTMLFormElement>(null)
  const firstField = useRef<HTMLInputElement>(null)
  const headingId = useId()

  useEffect(() => {
    firstField.current?.focus()
  }, [])

  const parsed = {
    contextWindow: parseNumberField(numbers.contextWindow, TOKENS),
    maxOutputTokens: parseNumberField(numbers.maxOutputTokens, TOKENS),
    inputPrice: parseNumberField(numbers.inputPrice, PRICE),
    outputPrice: parseNumberField(numbers.outputPrice, PRICE),
  }
  const trimmedId = id.trim()
  const errors = {
    id:
      trimmedId === ''
        ? 'Give the model its id, exactly as the provider spells it.'
        : trimmedId.length > 300
          ? 'A model id can be at most 300 characters.'
          : !model && takenIds.includes(trimmedId)
            ? 'This model is in the list already: use its Edit button.'
            : null,
    displayName: displayName.trim().length > 200 ? 'A display name can be at most 200 characters.' : null,
    contextWindow: parsed.contextWindow.error,
    maxOutputTokens: parsed.maxOutputTokens.error,
    inputPrice: parsed.inputPrice.error,
    outputPrice: parsed.outputPrice.error,
  }
  const validation = useValidation(errors)

  const submit = async () => {
    if (save.busy || !validation.attempt(form.current)) return
    const result = await save.run(() =>
      api.saveModel({
        providerId,
        model: {
          id: trimmedId,
          displayName: displayName.trim() || null,
          contextWindow: parsed.contextWindow.value,
          maxOutputTokens: parsed.maxOutputTokens.value,
          inputPrice: parsed.inputPrice.value,
          outputPrice: parsed.outputPrice.value,
          vision,
          reasoning,
        },
      }),
    )
    if (!result.ok) return
    put(result.value)
    onClose(trimmedId)
  }

  return (
    <form
      ref={form}
      className="settings-form settings-model-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <h5 id={headingId} className="settings-editor-title">
        {model ? `Edit model ${model.id}` : 'Add model'}
      </h5>
      {model && model.source !== 'manual' ? (
        <p className="settings-hint">
          Saving keeps your values for this model, even when the list is fetched again.
        </p>
      ) : null}
      <div className="settings-field-row">
        <Field
          label="Model id"
          error={validation.shown('id')}
          hint={model ? 'To use another id, add a new model.' : undefined}
        >
          {(control) => (
            <input
              {...control}
              ref={model ? undefined : firstField}
              value={id}
              readOnly={model !== null}
              maxLength={300}
              autoComplete="off"
              spellCheck={false}
              placeholder="e.g. llama3.1:8b"
              onChange={(event) => setId(event.target.value)}
              onBlur={validation.onBlur('id')}
            />
          )}
        </Field>
        <Field label="Display name" error={validation.shown('displayName')}>
          {(control) => (
            <input
              {...control}
              ref={model ? firstField : undefined}
              value={displayName}
              maxLength={200}
              autoComplete="off"
              placeholder="Optional"
              onChange={(event) => setDisplayName(event.target.value)}
              onBlur={validation.onBlur('displayName')}
            />
          )}
        </Field>
      </div>
      <div className="settings-field-grid">
        {NUMBER_FIELDS.map(({ field, label, rule, placeholder }) => (
          <Field
            key={field}
            label={
              rule === PRICE ? (
                <>
                  {label} <span className="settings-optional">($ per million tokens)</span>
                </>
              ) : (
                label
              )
            }
            error={validation.shown(field)}
          >
            {(control) => (
              <input
                {...control}
                inputMode={rule.integer ? 'numeric' : 'decimal'}
                value={numbers[field]}
                autoComplete="off"
                placeholder={placeholder}
                onChange={(event) => setNumbers({ ...numbers, [field]: event.target.value })}
                onBlur={validation.onBlur(field)}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="settings-checks">
        <label className="settings-check">
          <input type="checkbox" checked={vision} onChange={(event) => setVision(event.target.checked)} />
          Vision
        </label>
        <label className="settings-check">
          <input
            type="checkbox"
            checked={reasoning}
            onChange={(event) => setReasoning(event.target.checked)}
          />
          Reasoning
        </label>
      </div>
      <div className="settings-actions">
        <button type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save model'}
        </button>
        <button type="button" className="secondary" onClick={() => onClose()}>
          Cancel
        </button>
      </div>
      {validation.submitted && !validation.valid ? (
        <Message kind="error">Fix the fields marked above first.</Message>
      ) : null}
      {save.error ? <Message kind="error">{save.error}</Message> : null}
    </form>
  )
}
