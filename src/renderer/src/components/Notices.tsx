import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Notice } from '../../../shared/types'
import { api } from '../api'
import { useErrorText, wordingText } from '../i18n/error-text'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'
import { useWelcome } from './Welcome'

/**
 * Things the person must know: a data file moved aside, keys kept only for this run, no provider set
 * up (where the welcome is not shown), the last failed action.
 */
export function Notices() {
  const { t, i18n } = useTranslation('chat')
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
  const keysWarning = keys?.warningWording ? wordingText(keys.warningWording, i18n.language) : keys?.warning
  const keysNotice = keys?.backend === 'memory' && keysWarning && !keysDismissed ? keysWarning : null
  if (noProviders && !welcome)
    notices.push({
      level: 'warning',
      text: t('notices.noProvider'),
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
          notice={{ level: 'warning', text: t('notices.keysInMemory') }}
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
  const { t, i18n } = useTranslation('common')
  return (
    <div className={`notice notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <span>
        {notice.wording ? wordingText(notice.wording, i18n.language) : notice.text}
        {details && (
          <details className="notice-details">
            <summary>{t('details')}</summary>
            {details}
          </details>
        )}
      </span>
      {notice.action === 'recover-data' ? <RecoverDataButton /> : null}
      <button type="button" className="icon" aria-label={t('dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  )
}

/** Copies what can be read into a new data file, then starts the page afresh on it. */
function RecoverDataButton() {
  const { t } = useTranslation('chat')
  const errorText = useErrorText()
  const [state, setState] = useState<'idle' | 'busy' | { failed: unknown }>('idle')
  const recover = async () => {
    setState('busy')
    try {
      await api.recoverData()
      window.location.reload()
    } catch (error) {
      setState({ failed: error })
    }
  }
  return (
    <>
      <button type="button" className="secondary" disabled={state === 'busy'} onClick={() => void recover()}>
        {state === 'busy' ? t('notices.recovering') : t('notices.recover')}
      </button>
      {typeof state === 'object' ? <span role="alert">{errorText(state.failed)}</span> : null}
    </>
  )
}
