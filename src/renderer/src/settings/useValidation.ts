import { type FocusEvent, useCallback, useState } from 'react'
import { focusFirstInvalid } from './useFocusLater'

type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement

/**
 * When to show a form's problems: a field's own once the person has left it, all of them once they
 * tried to save. The problems themselves are worked out by the form on every render.
 */
export function useValidation<Field extends string>(errors: Record<Field, string | null>) {
  const [blurred, setBlurred] = useState<ReadonlySet<Field>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const valid = Object.values<string | null>(errors).every((error) => error === null)

  const onBlur = useCallback(
    (field: Field) => (event: FocusEvent<FormControl>) => {
      // Leaving the field for one of the form's buttons: that button shows every problem itself, and
      // showing this one now would move the button from under the pointer before the click lands.
      const next = event.relatedTarget
      if (next instanceof HTMLButtonElement && next.form !== null && next.form === event.currentTarget.form) {
        return
      }
      setBlurred((previous) => (previous.has(field) ? previous : new Set([...previous, field])))
    },
    [],
  )

  return {
    valid,
    submitted,
    /** The field's problem, if it should be shown yet. */
    shown: (field: Field): string | null => (submitted || blurred.has(field) ? errors[field] : null),
    onBlur,
    /** Shows every problem and moves focus to the first; true when there is none. */
    attempt: (form: HTMLElement | null): boolean => {
      setSubmitted(true)
      if (!valid) requestAnimationFrame(() => focusFirstInvalid(form))
      return valid
    },
  }
}
