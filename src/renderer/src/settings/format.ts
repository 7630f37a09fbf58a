// Words and parsing for the Settings screen: pure functions, so they can be tested without a page.
import { ApiError } from '../../../shared/errors'
import { checkHeader } from '../../../shared/provider-validation'
import {
  type AzureOptions,
  type KeyState,
  type ModelInfo,
  type PresetId,
  presetById,
  type SecretBackend,
} from '../../../shared/providers'
import { madeOnce } from '../made-once'

const KEY_PLACES: Record<SecretBackend, string> = {
  keychain: 'in the system keychain',
  'safe-storage': 'encrypted on this computer',
  memory: 'kept until Roundtable closes',
}

function lastFourSuffix(lastFour: string): string {
  return lastFour ? ` · …${lastFour}` : ''
}

/** "Key: in the system keychain · …1234" and the like. */
export function describeKey(key: KeyState): string {
  switch (key.kind) {
    case 'not-set':
      return 'Key: not set'
    case 'from-environment':
      return `Key: from ${key.variable}${lastFourSuffix(key.lastFour)}`
    case 'stored':
      return `Key: ${KEY_PLACES[key.backend]}${lastFourSuffix(key.lastFour)}`
    case 'saved-for-other-server':
      return `Key: saved for ${key.savedFor} only — enter it again`
  }
}

/** What the API key box says while empty: the renderer never holds a saved key, only its last four. */
export function keyPlaceholder(key: KeyState | null, needsKey: boolean): string {
  if (key?.kind === 'stored' || key?.kind === 'from-environment') {
    return key.lastFour ? `Saved · ends in ${key.lastFour} — type to replace` : 'Saved — type to replace'
  }
  return needsKey ? 'Paste the key here' : 'Only if the server asks for one'
}

/** Where keys are kept, as a sentence for the top of Settings. */
export function describeKeyStorage(backend: SecretBackend): string {
  switch (backend) {
    case 'keychain':
      return 'API keys are kept in the system keychain.'
    case 'safe-storage':
      return 'API keys are encrypted on this computer.'
    case 'memory':
      return 'API keys are kept only until Roundtable closes.'
  }
}

export function presetLabel(id: PresetId): string {
  return presetById(id).label
}

export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

/** `base`, or `base 2`, `base 3`… whichever is not taken yet (names are compared ignoring case). */
export function uniqueName(base: string, taken: readonly string[]): string {
  const isTaken = (name: string) => taken.some((other) => sameName(other, name))
  if (!isTaken(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`
    if (!isTaken(candidate)) return candidate
  }
}

/** An ApiError's message is written for a person; anything else gets a plain sentence around it. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof Error && error.message) return `Something went wrong: ${error.message}`
  return 'Something went wrong. Try again.'
}

export const MAX_HEADERS = 50

export interface ParsedHeaders {
  headers: Record<string, string>
  error: string | null
}

/** One `Name: value` per line; blank lines are ignored. Stops at the first line that is wrong. */
export function parseHeaders(text: string): ParsedHeaders {
  const entries = new Map<string, string>()
  const lines = text.split(/\r?\n/)
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '') continue
    const fail = (problem: string): ParsedHeaders => ({ headers: {}, error: `Line ${index + 1}: ${problem}` })
    const colon = line.indexOf(':')
    if (colon <= 0) return fail('write each header as Name: value.')
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    const problem = checkHeader(name, value)
    if (problem) return fail(problem)
    if (name.length > 200) return fail('that header name is too long.')
    if (value.length > 4_000) return fail(`the value of ${name} is too long.`)
    if ([...entries.keys()].some((other) => sameName(other, name))) return fail(`${name} is given twice.`)
    entries.set(name, value)
  }
  if (entries.size > MAX_HEADERS) return { headers: {}, error: `At most ${MAX_HEADERS} extra headers.` }
  return { headers: Object.fromEntries(entries), error: null }
}

export function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  )
}

export function sameAzure(a: AzureOptions | null, b: AzureOptions | null): boolean {
  return a === null || b === null ? a === b : a.deployment === b.deployment && a.apiVersion === b.apiVersion
}

export function headersToText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')
}

export interface NumberRule {
  integer: boolean
  min: number
  max: number
}

export interface ParsedNumber {
  value: number | null
  error: string | null
}

/**
 * A number as a person types it: empty is "not known" (null); thousands separators are allowed, and
 * whole numbers may end in k or m ("128k").
 */
export function parseNumberField(text: string, rule: NumberRule): ParsedNumber {
  const cleaned = text.trim().replace(/[,_\s]/g, '')
  if (cleaned === '') return { value: null, error: null }
  const example = rule.integer ? 'a whole number, e.g. 128000 or 128k' : 'a number, e.g. 2.5'
  const match = /^(\d+(?:\.\d+)?|\.\d+)([km])?$/i.exec(cleaned)
  if (!match || (match[2] && !rule.integer)) return { value: null, error: `Enter ${example}.` }
  const scale = match[2]?.toLowerCase() === 'k' ? 1_000 : match[2]?.toLowerCase() === 'm' ? 1_000_000 : 1
  const value = Math.round(Number(match[1]) * scale * 1e6) / 1e6
  if (rule.integer && !Number.isInteger(value)) return { value: null, error: `Enter ${example}.` }
  if (value < rule.min || value > rule.max) {
    return {
      value: null,
      error: `Enter a number from ${rule.min.toLocaleString('en')} to ${rule.max.toLocaleString('en')}.`,
    }
  }
  return { value, error: null }
}

const compact = madeOnce(() => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }))

/** 128000 → "128K"; null → "—". */
export function formatTokens(count: number | null): string {
  return count === null ? '—' : compact().format(count)
}

/** Dollars per million tokens: 2.5 → "$2.50"; null → "—". */
export function formatPrice(price: number | null): string {
  if (price === null) return '—'
  return `$${price.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`
}

const relative = madeOnce(() => new Intl.RelativeTimeFormat('en', { numeric: 'auto' }))
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
]

/** "Fetched 3 minutes ago", "Fetched yesterday", or "Not fetched yet". */
export function describeFetched(fetchedAt: number | null, now: number): string {
  if (fetchedAt === null) return 'Not fetched yet'
  const seconds = Math.max(0, (now - fetchedAt) / 1000)
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return `Fetched ${relative().format(-Math.floor(seconds / size), unit)}`
  }
  return 'Fetched just now'
}

export function modelLabel(model: Pick<ModelInfo, 'id' | 'displayName'>): string {
  return model.displayName?.trim() || model.id
}

export const MODEL_SOURCE_WORDS: Record<ModelInfo['source'], string> = {
  listed: 'from the server',
  manual: 'added by you',
  preset: 'built in',
}

/** A listed model the person changed: still the server's, with their changes. */
export const EDITED_WORDS = 'from the server, edited by you'

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`
}
