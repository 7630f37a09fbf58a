import { type RefObject, useCallback, useEffect, useState } from 'react'

/**
 * Moves focus after the next render to the first element inside `container` whose `data-focus-key`
 * matches one of the keys asked for, in order: for when the element focus should go to is only about
 * to appear (a list shown again after a form closes, a row after its confirmation goes away).
 */
export function useFocusLater(container: RefObject<HTMLElement | null>): (...keys: string[]) => void {
  const [keys, setKeys] = useState<string[] | null>(null)

  useEffect(() => {
    if (!keys) return
    const root = container.current
    for (const key of keys) {
      const target = root?.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)
      if (target) {
        target.focus()
        break
      }
    }
    setKeys(null)
  }, [keys, container])

  return useCallback((...next: string[]) => setKeys(next), [])
}

/** Focuses the first control marked invalid inside `form`: where the person has to look first. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
}
