import { Timer } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../i18n/format'
import { useNow } from '../useNow'
import { refreshEvery, timeLeft } from './time-left'

/** The words of the badge, kept up with the clock; `short`: the sidebar row's. */
function useTimeLeft(expiresAt: number, short = false): string {
  const { t } = useTranslation('chat')
  const now = useNow(refreshEvery(expiresAt, Date.now()))
  return timeLeft(expiresAt, now, t, short)
}

/** In the chat's header: "Temporary · 23 h left". */
export function TemporaryBadge({ expiresAt }: { expiresAt: number }) {
  const { t } = useTranslation('chat')
  const format = useFormat()
  const left = useTimeLeft(expiresAt)
  const endsAt = format.date(expiresAt, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <span
      className="temporary-badge"
      title={t('temporary.until', { date: endsAt, what: t('temporary.whatHappens') })}
    >
      <Timer size={14} aria-hidden="true" />
      {t('temporary.badge', { left })}
    </span>
  )
}

/** On the chat's row in the sidebar: the time left, short ("23 h"); read out in full. */
export function TemporaryRowBadge({ expiresAt }: { expiresAt: number }) {
  const { t } = useTranslation('chat')
  const left = useTimeLeft(expiresAt)
  const short = useTimeLeft(expiresAt, true)
  const full = t('temporary.badge', { left })
  return (
    <span className="chat-temporary" title={full}>
      <Timer size={12} aria-hidden="true" />
      <span aria-hidden="true">{short}</span>
      <span className="visually-hidden">{full}</span>
    </span>
  )
}
