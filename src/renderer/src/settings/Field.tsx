import { type ReactNode, useId } from 'react'

/** What a field hands its control so the label, hint and messages are tied to it. */
export interface ControlProps {
  id: string
  'aria-describedby': string | undefined
  'aria-invalid': true | undefined
}

interface FieldProps {
  label: ReactNode
  hint?: ReactNode
  /** Shown in red and announced with the control; null when the value is fine or not checked yet. */
  error?: string | null
  /** Something to know that does not stop saving (e.g. plain http to another machine). */
  warning?: string | null
  className?: string
  children: (control: ControlProps) => ReactNode
}

/** A visible label, the control, and its hint, error or warning underneath. */
export function Field({ label, hint, error, warning, className, children }: FieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const warningId = `${id}-warning`
  const shownWarning = error ? null : warning
  const describedBy = [hint ? hintId : null, error ? errorId : null, shownWarning ? warningId : null]
    .filter((part) => part !== null)
    .join(' ')
  return (
    <div className={className ? `settings-field ${className}` : 'settings-field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {hint ? (
        <p id={hintId} className="settings-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="settings-field-error">
          {error}
        </p>
      ) : null}
      {shownWarning ? (
        <p id={warningId} className="notice notice-warning settings-field-warning">
          {shownWarning}
        </p>
      ) : null}
    </div>
  )
}
