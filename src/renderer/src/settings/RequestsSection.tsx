import { useRef, useState } from 'react'
import {
  type AppSettings,
  DEFAULT_REQUEST_SETTINGS,
  REQUEST_SETTING_LIMITS,
  type RequestSettings,
} from '../../../shared/providers'
import { Field } from './Field'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { useTask } from './useTask'
import { useValidation } from './useValidation'

type Name = keyof RequestSettings

const FIELDS: { name: Name; label: string; unit: string; hint: string }[] = [
  {
    name: 'maxAttempts',
    label: 'Attempts',
    unit: '',
    hint: 'In all, the first included. Retries happen only before the first token.',
  },
  {
    name: 'connectTimeoutSeconds',
    label: 'Connect timeout',
    unit: 's',
    hint: 'Until the provider answers the request.',
  },
  {
    name: 'firstTokenTimeoutSeconds',
    label: 'First-token timeout',
    unit: 's',
    hint: 'From then until the first word. Reasoning models can think for minutes.',
  },
  {
    name: 'idleTimeoutSeconds',
    label: 'Idle timeout',
    unit: 's',
    hint: 'Silence between two parts of an answer.',
  },
  { name: 'totalTimeoutMinutes', label: 'Total timeout', unit: 'min', hint: 'The whole answer.' },
]

function check(name: Name, text: string): string | null {
  const { min, max } = REQUEST_SETTING_LIMITS[name]
  const value = Number(text)
  if (text.trim() === '' || !Number.isInteger(value)) return 'Enter a whole number.'
  if (value < min || value > max) return `Between ${min} and ${max}.`
  return null
}

/** How hard a request tries and how long it waits: attempts and the four timeouts. */
export function RequestsSection({ settings }: { settings: AppSettings }) {
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  const [draft, setDraft] = useState<Record<Name, string> | null>(null)
  const [saved, setSaved] = useState(false)
  const save = useTask()
  const form = useRef<HTMLFormElement>(null)
  const shown =
    draft ??
    (Object.fromEntries(FIELDS.map(({ name }) => [name, String(settings.requests[name])])) as Record<
      Name,
      string
    >)
  const validation = useValidation(
    Object.fromEntries(FIELDS.map(({ name }) => [name, check(name, shown[name])])) as Record<
      Name,
      string | null
    >,
  )

  const submit = async () => {
    if (save.busy || !validation.attempt(form.current)) return
    const requests = Object.fromEntries(
      FIELDS.map(({ name }) => [name, Number(shown[name])]),
    ) as unknown as RequestSettings
    const result = await save.run(() => updateSettings({ requests }))
    if (!result.ok) return
    setDraft(null)
    setSaved(true)
  }

  return (
    <Section title="Requests">
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
          {FIELDS.map(({ name, label, unit, hint }) => (
            <Field
              key={name}
              label={unit ? `${label} (${unit})` : label}
              hint={hint}
              error={validation.shown(name)}
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={REQUEST_SETTING_LIMITS[name].min}
                  max={REQUEST_SETTING_LIMITS[name].max}
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
          <button type="submit" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save request settings'}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(
                Object.fromEntries(
                  FIELDS.map(({ name }) => [name, String(DEFAULT_REQUEST_SETTINGS[name])]),
                ) as Record<Name, string>,
              )
              setSaved(false)
            }}
          >
            Restore defaults
          </button>
        </div>
        {validation.submitted && !validation.valid ? (
          <Message kind="error">Fix the fields marked above first.</Message>
        ) : null}
        {save.error ? <Message kind="error">{save.error}</Message> : null}
        {saved ? <Message kind="success">Request settings saved. New requests use them.</Message> : null}
      </form>
    </Section>
  )
}
