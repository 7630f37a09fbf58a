import { type ReactNode, useId, useRef } from 'react'
import { createPortal } from 'react-dom'
import { useDialogFocus } from '../settings/useDialogFocus'

/**
 * A dialog over a dimmed window, named by its heading: focus moves in and back, Tab stays inside,
 * Escape closes it.
 */
export function Modal({
  title,
  className,
  onClose,
  children,
}: {
  title: string
  className?: string
  onClose: () => void
  children: ReactNode
}) {
  const dialog = useRef<HTMLDivElement>(null)
  const headingId = useId()
  useDialogFocus(dialog, onClose)
  // On the body: opened from inside a message, it must not be clipped by the message's containment.
  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={dialog}
        className={className ? `modal ${className}` : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        tabIndex={-1}
      >
        <h2 id={headingId}>{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  )
}
