import { useState } from 'react'
import type { Notice } from '../../../shared/types'
import { api } from '../api'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'
import { useWelcome } from './Welcome'

/**
 * Things the person must know: a data file moved aside, keys kept only for this run, no provider set
 * up (where the welcome is not shown), the last failed action.
 */
export function Notices() {
  const status = useChatStore((state) => state.status)
  const problem = useChatStore((state) => state.problem)
  const dismissProblem = useChatStore((state) => state.dismissProblem)
  const noProviders = useProvidersStore((state) => state.loaded && state.providers.length === 0)
  // The welcome says it, with the button, wherever it is shown; this is for everywhere else.
  const welcome = useWelcome()
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())

  const notices: Notice[] = [...(status?.notices ?? [])]
  const keys = status?.keyStorage
  const [keysDismissedNow, setKeysDismissed] = useState(false)
  const keysDismissed = keysDismissedNow || dismissedBefore(keys?.backend)
  // Keys encrypted in the data file are safe: Settings says how they are kept. Keys held in memory
  // are worth saying once, plainly, with the technical reason one click away.
  const keysNotice = keys?.backend === 'memory' && keys.warning && !keysDismissed ? keys.warning : null
  if (noProviders && !welcome)
    notices.push({
      level: 'warning',
      text: 'No provider is set up yet. Open Settings and choose Add provider.',
    })
  const dismiss = (text: string) => setDismissed(new Set([...dismissed, text]))

  return (
    <div className="notices">
      {notices
        .filter((notice) => !dismissed.has(notice.text))
        .map((notice) => (
          <NoticeRow key={notice.text} notice={notice} onDismiss={() => dismiss(notice.text)} />
        ))}
      {keysNotice && (
        <NoticeRow
          notice={{ level: 'warning', text: KEYS_IN_MEMORY }}
          details={keysNotice}
          onDismiss={() => {
            rememberDismissal(keys?.backend)
            setKeysDismissed(true)
          }}
        />
      )}
      {problem && <NoticeRow notice={{ level: 'error', text: problem }} onDismiss={dismissProblem} />}
    </div>
  )
}

const KEYS_IN_MEMORY =
  'Roundtable cannot reach a keychain on this computer, so API keys you enter are kept only until it closes.'

// Per way of keeping keys: if that changes (a keychain appears, or goes), the notice may speak again.
const dismissalKey = (backend: string | undefined) => `roundtable.dismissed.keys.${backend ?? 'unknown'}`

function dismissedBefore(backend: string | undefined): boolean {
  try {
    return localStorage.getItem(dismissalKey(backend)) === 'yes'
  } catch {
    return false
  }
}

function rememberDismissal(backend: string | undefined): void {
  try {
    localStorage.setItem(dismissalKey(backend), 'yes')
  } catch {
    // Storage refused (a private window): dismissed for this page only.
  }
}

function NoticeRow({
  notice,
  details,
  onDismiss,
}: {
  notice: Notice
  details?: string
  onDismiss: () => void
}) {
  return (
    <div className={`notice notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <span>
        {notice.text}
        {details && (
          <details className="notice-details">
            <summary>Details</summary>
            {details}
          </details>
        )}
      </span>
      {notice.action === 'recover-data' ? <RecoverDataButton /> : null}
      <button type="button" className="icon" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  )
}

/** Copies what can be read into a new data file, then starts the page afresh on it. */
function RecoverDataButton() {
  const [state, setState] = useState<'idle' | 'busy' | { failed: string }>('idle')
  const recover = async () => {
    setState('busy')
    try {
      await api.recoverData()
      window.location.reload()
    } catch (error) {
      setState({ failed: error instanceof Error ? error.message : String(error) })
    }
  }
  return (
    <>
      <button type="button" className="secondary" disabled={state === 'busy'} onClick={() => void recover()}>
        {state === 'busy' ? 'Recovering…' : 'Recover data'}
      </button>
      {typeof state === 'object' ? <span role="alert">{state.failed}</span> : null}
    </>
  )
}
