// How long a temporary chat has left, in the words of its badge ("23 h left"). Rounded down, so the
// badge never promises more time than there is: a chat made a moment ago with a day to live reads
// "23 h left", and the last minute reads "under a minute left".
import type { ChatT } from './words'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/**
 * The time left as the badge says it, without "Temporary · " before it; `short`: the sidebar row's
 * "23 h", "< 1 min".
 */
export function timeLeft(expiresAt: number, now: number, t: ChatT, short = false): string {
  const left = expiresAt - now
  if (left >= 2 * DAY_MS)
    return t(short ? 'timeLeft.daysShort' : 'timeLeft.days', { n: Math.floor(left / DAY_MS) })
  if (left >= HOUR_MS)
    return t(short ? 'timeLeft.hoursShort' : 'timeLeft.hours', { n: Math.floor(left / HOUR_MS) })
  if (left >= MINUTE_MS)
    return t(short ? 'timeLeft.minutesShort' : 'timeLeft.minutes', { n: Math.floor(left / MINUTE_MS) })
  return t(short ? 'timeLeft.underMinuteShort' : 'timeLeft.underMinute')
}

/** How often the badge should look at the clock again: often enough that its words are never a step late. */
export function refreshEvery(expiresAt: number, now: number): number {
  const left = expiresAt - now
  return left < 2 * HOUR_MS ? 5_000 : MINUTE_MS
}
