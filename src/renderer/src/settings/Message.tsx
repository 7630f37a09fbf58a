import type { ReactNode } from 'react'

type Kind = 'error' | 'warning' | 'success' | 'info'

/**
 * The outcome of an action, next to the button that started it. Errors interrupt a screen reader
 * (role="alert"); everything else waits its turn (role="status").
 */
export function Message({ kind, children }: { kind: Kind; children: ReactNode }) {
  if (kind === 'error') {
    return (
      <div className="notice notice-error settings-message" role="alert">
        {children}
      </div>
    )
  }
  const look = kind === 'warning' ? 'notice notice-warning' : kind === 'info' ? 'notice notice-info' : ''
  return (
    <div className={`${look} settings-message settings-message-${kind}`.trim()} role="status">
      {children}
    </div>
  )
}
