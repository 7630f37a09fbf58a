import { Timer } from 'lucide-react'
import { useNow } from '../useNow'
import { refreshEvery, timeLeft } from './time-left'

/** The words of the badge, kept up with the clock. */
function useTimeLeft(expiresAt: number): string {
  const now = useNow(refreshEvery(expiresAt, Date.now()))
  return timeLeft(expiresAt, now)
}

const WHAT_HAPPENS = 'Then it is deleted, with its cached answers and the text of its request details.'

function endsAt(expiresAt: number): string {
  return new Date(expiresAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** In the chat's header: "Temporary · 23 h left". */
export function TemporaryBadge({ expiresAt }: { expiresAt: number }) {
  const left = useTimeLeft(expiresAt)
  return (
    <span className="temporary-badge" title={`Temporary until ${endsAt(expiresAt)}. ${WHAT_HAPPENS}`}>
      <Timer size={14} aria-hidden="true" />
      Temporary · {left}
    </span>
  )
}

/** On the chat's row in the sidebar: the time left, short ("23 h"); read out in full. */
export function TemporaryRowBadge({ expiresAt }: { expiresAt: number }) {
  const left = useTimeLeft(expiresAt)
  const short = left.replace(/ left$/, '').replace('under a minute', '< 1 min')
  return (
    <span className="chat-temporary" title={`Temporary · ${left}`}>
      <Timer size={12} aria-hidden="true" />
      <span aria-hidden="true">{short}</span>
      <span className="visually-hidden">Temporary · {left}</span>
    </span>
  )
}
