import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Formatter, formatter, useFormat } from '../i18n/format'
import { Field } from './Field'
import { type SettingsT, settingsT } from './format'
import { Message } from './Message'
import { useTask } from './useTask'
import { useValidation } from './useValidation'

export interface WholeNumberField<Name extends string> {
  name: Name
  label: string
  hint: string
  min: number
  max: number
}

/** A whole number within its bounds, or why not, in words. */
export function checkWholeNumber(
  text: string,
  min: number,
  max: number,
  t: SettingsT = settingsT(),
  format: Formatter = formatter(),
): string | null {
  const value = Number(text)
  if (text.trim() === '' || !Number.isInteger(value)) return t('form.wholeNumber')
  if (value < min || value > max)
    return t('form.between', { min: format.number(min), max: format.number(max) })
  return null
}

/**
 * A group of whole-number settings saved together: each checked beside itself, Save, Restore defaults,
 * and what happened, in words. Requests, the response cache and Monitoring use it.
 */
export function WholeNumberForm<Name extends string>({
  fields,
  values,
  defaults,
  save,
  saveLabel,
  savedText,
}: {
  fields: readonly WholeNumberField<Name>[]
  values: Record<Name, number>
  defaults: Record<Name, number>
  save: (values: Record<Name, number>) => Promise<unknown>
  saveLabel: string
  savedText: string
}) {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const [draft, setDraft] = useState<Record<Name, string> | null>(null)
  const [saved, setSaved] = useState(false)
  const saving = useTask()
  const form = useRef<HTMLFormElement>(null)
  const asText = (numbers: Record<Name, number>) =>
    Object.fromEntries(fields.map(({ name }) => [name, String(numbers[name])])) as Record<Name, string>
  const shown = draft ?? asText(values)
  const validation = useValidation(
    Object.fromEntries(
      fields.map(({ name, min, max }) => [name, checkWholeNumber(shown[name], min, max, t, format)]),
    ) as Record<Name, string | null>,
  )

  const submit = async () => {
    if (saving.busy || !validation.attempt(form.current)) return
    const numbers = Object.fromEntries(fields.map(({ name }) => [name, Number(shown[name])])) as Record<
      Name,
      number
    >
    const result = await saving.run(() => save(numbers))
    if (!result.ok) return
    setDraft(null)
    setSaved(true)
  }

  return (
    <form
      ref={form}
      className="settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <div className="settings-field-grid">
        {fields.map(({ name, label, hint, min, max }) => (
          <Field key={name} label={label} hint={hint} error={validation.shown(name)}>
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                value={shown[name]}
                onChange={(event) => {
                  setDraft({ ...shown, [name]: event.target.value })
                  setSaved(false)
                }}
                onBlur={validation.onBlur(name)}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="settings-actions">
        <button type="submit" disabled={saving.busy}>
          {saving.busy ? t('form.saving') : saveLabel}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(asText(defaults))
            setSaved(false)
          }}
        >
          {t('form.restoreDefaults')}
        </button>
      </div>
      {validation.submitted && !validation.valid ? (
        <Message kind="error">{t('form.fixFields')}</Message>
      ) : null}
      {saving.error ? <Message kind="error">{saving.error}</Message> : null}
      {saved ? <Message kind="success">{savedText}</Message> : null}
    </form>
  )
}
