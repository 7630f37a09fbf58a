// How Monitoring and an answer's details write figures: seconds with one decimal, whole tokens,
// dollars to the cent (or four places under a cent), percentages without noise. In the language shown
// (or the formatter's, when one is given): numbers through Intl, units through the catalog.
import { type Formatter, formatter } from '../i18n/format'
import { i18n } from '../i18n/i18n'

const words = (f: Formatter) => i18n.getFixedT(f.language, 'monitoring')

export function formatMs(ms: number | null, f: Formatter = formatter()): string {
  if (ms === null) return '—'
  if (ms < 1_000) return words(f)('units.ms', { value: f.number(Math.round(ms), { useGrouping: false }) })
  const seconds = f.number(ms / 1_000, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: false,
  })
  return words(f)('units.seconds', { value: seconds })
}

export function formatCost(dollars: number | null, f: Formatter = formatter()): string {
  if (dollars === null) return '—'
  const digits = dollars === 0 ? 0 : dollars < 0.01 ? 4 : 2
  return f.number(dollars, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

export function formatTokens(tokens: number | null, estimated = false, f: Formatter = formatter()): string {
  if (tokens === null) return '—'
  return `${estimated ? '~' : ''}${f.number(tokens)}`
}

export function formatCompact(value: number, f: Formatter = formatter()): string {
  return f.number(value, { notation: 'compact', maximumFractionDigits: 1 })
}

export function formatRate(part: number, of: number, f: Formatter = formatter()): string {
  if (of === 0) return '—'
  const share = part / of
  const digits = share < 0.1 && share > 0 ? 1 : 0
  return f.number(share, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })
}

export function formatSpeed(tokensPerSecond: number | null, f: Formatter = formatter()): string {
  return tokensPerSecond === null
    ? '—'
    : words(f)('units.speed', { value: f.number(Math.round(tokensPerSecond), { useGrouping: false }) })
}

/** A bucket's label: the hour for a day's range, the date otherwise (in the person's time zone). */
export function bucketLabel(start: number, bucketMs: number, f: Formatter = formatter()): string {
  return bucketMs < 86_400_000
    ? f.date(start, { hour: '2-digit', minute: '2-digit' })
    : f.date(start, { month: 'short', day: 'numeric' })
}

export function formatWhen(time: number, f: Formatter = formatter()): string {
  return f.date(time, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
}

const STATUSES = ['complete', 'stopped', 'interrupted', 'error'] as const

/** A request's status in words; a status this page does not know is shown as it is. */
export function statusWord(status: string, f: Formatter = formatter()): string {
  const known = STATUSES.find((word) => word === status)
  return known ? words(f)(`status.${known}`) : status
}
