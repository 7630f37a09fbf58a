import { type RefObject, useEffect, useRef, useState } from 'react'

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',')

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.getClientRects().length > 0,
  )
}

/**
 * A modal's keyboard behaviour: focus moves into it when it opens (unless something inside took it
 * already) and back where it was when it closes, Tab stays inside it, and Escape closes it (unless something inside used the key already,
 * e.g. a confirmation that Escape cancels).
 */
export function useDialogFocus(dialog: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useRef(onClose)
  close.current = onClose
  // Read while the dialog first renders: by the time its effect runs, a field inside may have focus.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  )

  useEffect(() => {
    const root = dialog.current
    // A dialog opened at a form leaves focus where the form put it.
    if (root && !root.contains(document.activeElement)) root.focus()
    return () => {
      if (opener?.isConnected) opener.focus()
    }
  }, [dialog, opener])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const root = dialog.current
      if (!root) return
      if (event.key === 'Escape' && !event.defaultPrevented && !event.isComposing) {
        event.preventDefault()
        close.current()
        return
      }
      if (event.key !== 'Tab') return
      const items = focusables(root)
      const first = items[0]
      const last = items[items.length - 1]
      if (!first || !last) return
      const active = document.activeElement
      const inside = active instanceof Node && root.contains(active) && active !== root
      if (event.shiftKey && (!inside || active === first)) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && (!inside || active === last)) {
        event.preventDefault()
        first.focus()
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [dialog])
}
