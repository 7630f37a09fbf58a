// How Monitoring and an answer's details write figures: seconds with one decimal, whole tokens,
// dollars to the cent (or four places under a cent), percentages without noise.
import { madeOnce } from '../made-once'

const whole = madeOnce(() => new Intl.NumberFormat('en'))
const compact = madeOnce(() => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }))

export function formatMs(ms: number | null): string {
  if (ms === null) return '—'
  if (ms < 1_000) return `${Math.round(ms)} ms`
  return `${(ms / 1_000).toFixed(1)} s`
}

export function formatCost(dollars: number | null): string {
  if (dollars === null) return '—'
  if (dollars === 0) return '$0'
  return dollars < 0.01 ? `$${dollars.toFixed(4)}` : `$${dollars.toFixed(2)}`
}

export function formatTokens(tokens: number | null, estimated = false): string {
  if (tokens === null) return '—'
  return `${estimated ? '~' : ''}${whole().format(tokens)}`
}

export function formatCompact(value: number): string {
  return compact().format(value)
}

export function formatRate(part: number, of: number): string {
  if (of === 0) return '—'
  const percent = (part / of) * 100
  return `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)}%`
}

export function formatSpeed(tokensPerSecond: number | null): string {
  return tokensPerSecond === null ? '—' : `${Math.round(tokensPerSecond)} tok/s`
}

/** A bucket's label: the hour for a day's range, the date otherwise (in the person's time zone). */
export function bucketLabel(start: number, bucketMs: number): string {
  const date = new Date(start)
  return bucketMs < 86_400_000
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
}

export function formatWhen(time: number): string {
  return new Date(time).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
}

export const STATUS_WORDS: Record<string, string> = {
  complete: 'Complete',
  stopped: 'Stopped',
  interrupted: 'Interrupted',
  error: 'Failed',
}
