import { useState } from 'react'
import type { Notice } from '../../../shared/types'
import { api } from '../api'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'

/**
 * Things the person must know: a data file moved aside, keys kept only for this run, no provider set
 * up, the last failed action.
 */
export function Notices() {
  const status = useChatStore((state) => state.status)
  const problem = useChatStore((state) => state.problem)
  const dismissProblem = useChatStore((state) => state.dismissProblem)
  const noProviders = useProvidersStore((state) => state.loaded && state.providers.length === 0)
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())

  const notices: Notice[] = [...(status?.notices ?? [])]
  if (status?.keyStorage.warning) notices.push({ level: 'warning', text: status.keyStorage.warning })
  if (noProviders)
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
      {problem && <NoticeRow notice={{ level: 'error', text: problem }} onDismiss={dismissProblem} />}
    </div>
  )
}

function NoticeRow({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <div className={`notice notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
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
