import type { ReactNode } from 'react'

/** An action shown as its conventional icon; its name is said to screen readers and shown on hover. */
export function IconButton({
  label,
  title = label,
  className = 'icon action',
  disabled,
  onClick,
  children,
}: {
  label: string
  title?: string
  className?: string
  disabled?: boolean
  onClick: () => void
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className={className}
      aria-label={label}
      title={title}
      disabled={disabled}
      onClick={onClick}
    >
      <span aria-hidden="true">{children}</span>
    </button>
  )
}
