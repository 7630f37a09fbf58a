import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ModelInfo } from '../../../shared/providers'
import { api } from '../api'
import { useFormat } from '../i18n/format'
import { Field } from './Field'
import { type NumberRule, parseNumberField } from './format'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { useTask } from './useTask'
import { useValidation } from './useValidation'

const TOKENS: NumberRule = { integer: true, min: 1, max: 100_000_000 }
const PRICE: NumberRule = { integer: false, min: 0, max: 100_000 }

type NumberField = 'contextWindow' | 'maxOutputTokens' | 'inputPrice' | 'outputPrice'

// Each field's label is its own key in modelForm.*; the placeholders are examples, in figures.
const NUMBER_FIELDS: { field: NumberField; rule: NumberRule; example: string }[] = [
  { field: 'contextWindow', rule: TOKENS, example: '128000' },
  { field: 'maxOutputTokens', rule: TOKENS, example: '16384' },
  { field: 'inputPrice', rule: PRICE, example: '2.50' },
  { field: 'outputPrice', rule: PRICE, example: '10' },
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
  const { t } = useTranslation('settings')
  const { t: common } = useTranslation('common')
  const format = useFormat()
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
    contextWindow: parseNumberField(numbers.contextWindow, TOKENS, t, format),
    maxOutputTokens: parseNumberField(numbers.maxOutputTokens, TOKENS, t, format),
    inputPrice: parseNumberField(numbers.inputPrice, PRICE, t, format),
    outputPrice: parseNumberField(numbers.outputPrice, PRICE, t, format),
  }
  const trimmedId = id.trim()
  const errors = {
    id:
      trimmedId === ''
        ? t('modelForm.idMissing')
        : trimmedId.length > 300
          ? t('modelForm.idTooLong')
          : !model && takenIds.includes(trimmedId)
            ? t('modelForm.idTaken')
            : null,
    displayName: displayName.trim().length > 200 ? t('modelForm.displayNameTooLong') : null,
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
        {model ? t('modelForm.editTitle', { id: model.id }) : t('modelForm.addTitle')}
      </h5>
      {model && model.source !== 'manual' ? (
        <p className="settings-hint">{t('modelForm.keepsValues')}</p>
      ) : null}
      <div className="settings-field-row">
        <Field
          label={t('modelForm.id')}
          error={validation.shown('id')}
          hint={model ? t('modelForm.idHint') : undefined}
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
              placeholder={t('modelForm.idPlaceholder')}
              onChange={(event) => setId(event.target.value)}
              onBlur={validation.onBlur('id')}
            />
          )}
        </Field>
        <Field label={t('modelForm.displayName')} error={validation.shown('displayName')}>
          {(control) => (
            <input
              {...control}
              ref={model ? firstField : undefined}
              value={displayName}
              maxLength={200}
              autoComplete="off"
              placeholder={t('modelForm.optional')}
              onChange={(event) => setDisplayName(event.target.value)}
              onBlur={validation.onBlur('displayName')}
            />
          )}
        </Field>
      </div>
      <div className="settings-field-grid">
        {NUMBER_FIELDS.map(({ field, rule, example }) => (
          <Field
            key={field}
            label={
              rule === PRICE ? (
                <>
                  {t(`modelForm.${field}`)}{' '}
                  <span className="settings-optional">{t('modelForm.perMillion')}</span>
                </>
              ) : (
                t(`modelForm.${field}`)
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
                placeholder={t('modelForm.example', { example })}
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
          {t('modelForm.vision')}
        </label>
        <label className="settings-check">
          <input
            type="checkbox"
            checked={reasoning}
            onChange={(event) => setReasoning(event.target.checked)}
          />
          {t('modelForm.reasoning')}
        </label>
      </div>
      <div className="settings-actions">
        <button type="submit" disabled={save.busy}>
          {save.busy ? t('form.saving') : t('modelForm.save')}
        </button>
        <button type="button" className="secondary" onClick={() => onClose()}>
          {common('cancel')}
        </button>
      </div>
      {validation.submitted && !validation.valid ? (
        <Message kind="error">{t('form.fixFields')}</Message>
      ) : null}
      {save.error ? <Message kind="error">{save.error}</Message> : null}
    </form>
  )
}
