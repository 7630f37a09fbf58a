// Words and parsing for the Settings screen: pure functions, so they can be tested without a page.
import type { TFunction } from 'i18next'
import { checkHeader } from '../../../shared/provider-validation'
import {
  type AzureOptions,
  type KeyState,
  type ModelInfo,
  type PresetId,
  presetById,
  type SecretBackend,
} from '../../../shared/providers'
import { wordingText } from '../i18n/error-text'
import { type Formatter, formatter } from '../i18n/format'
import { currentLanguage, i18n } from '../i18n/i18n'

/** The Settings words, fixed to the language shown now: the default where no component hands its `t`. */
export type SettingsT = TFunction<'settings'>
export function settingsT(): SettingsT {
  return i18n.getFixedT(null, 'settings')
}

function lastFourSuffix(lastFour: string, t: SettingsT): string {
  return lastFour ? t('keys.lastFour', { lastFour }) : ''
}

/** "Key: in the system keychain · …1234" and the like. */
export function describeKey(key: KeyState, t: SettingsT = settingsT()): string {
  switch (key.kind) {
    case 'not-set':
      return t('keys.notSet')
    case 'from-environment':
      return t('keys.fromEnvironment', { variable: key.variable, suffix: lastFourSuffix(key.lastFour, t) })
    case 'stored':
      return t('keys.stored', {
        place: t(`keys.place.${key.backend}`),
        suffix: lastFourSuffix(key.lastFour, t),
      })
    case 'saved-for-other-server':
      return t('keys.savedForOther', { server: key.savedFor })
  }
}

/** What the API key box says while empty: the renderer never holds a saved key, only its last four. */
export function keyPlaceholder(key: KeyState | null, needsKey: boolean, t: SettingsT = settingsT()): string {
  if (key?.kind === 'stored' || key?.kind === 'from-environment') {
    return key.lastFour
      ? t('keys.placeholderSavedEnds', { lastFour: key.lastFour })
      : t('keys.placeholderSaved')
  }
  return needsKey ? t('keys.placeholderPaste') : t('keys.placeholderOptional')
}

/** Where keys are kept, as a sentence for the top of Settings. */
export function describeKeyStorage(backend: SecretBackend, t: SettingsT = settingsT()): string {
  return t(`keys.storage.${backend}`)
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

export const MAX_HEADERS = 50

export interface ParsedHeaders {
  headers: Record<string, string>
  error: string | null
}

/** One `Name: value` per line; blank lines are ignored. Stops at the first line that is wrong. */
export function parseHeaders(text: string, t: SettingsT = settingsT()): ParsedHeaders {
  const entries = new Map<string, string>()
  const lines = text.split(/\r?\n/)
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '') continue
    const fail = (problem: string): ParsedHeaders => ({
      headers: {},
      error: t('headers.line', { line: index + 1, problem }),
    })
    const colon = line.indexOf(':')
    if (colon <= 0) return fail(t('headers.format'))
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    const problem = checkHeader(name, value)
    if (problem) return fail(wordingText(problem))
    if (name.length > 200) return fail(t('headers.nameTooLong'))
    if (value.length > 4_000) return fail(t('headers.valueTooLong', { name }))
    if ([...entries.keys()].some((other) => sameName(other, name))) return fail(t('headers.twice', { name }))
    entries.set(name, value)
  }
  if (entries.size > MAX_HEADERS) return { headers: {}, error: t('headers.tooMany', { max: MAX_HEADERS }) }
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
export function parseNumberField(
  text: string,
  rule: NumberRule,
  t: SettingsT = settingsT(),
  format: Formatter = formatter(),
): ParsedNumber {
  const cleaned = text.trim().replace(/[,_\s]/g, '')
  if (cleaned === '') return { value: null, error: null }
  const example = rule.integer ? t('numbers.enterWhole') : t('numbers.enterNumber')
  const match = /^(\d+(?:\.\d+)?|\.\d+)([km])?$/i.exec(cleaned)
  if (!match || (match[2] && !rule.integer)) return { value: null, error: example }
  const scale = match[2]?.toLowerCase() === 'k' ? 1_000 : match[2]?.toLowerCase() === 'm' ? 1_000_000 : 1
  const value = Math.round(Number(match[1]) * scale * 1e6) / 1e6
  if (rule.integer && !Number.isInteger(value)) return { value: null, error: example }
  if (value < rule.min || value > rule.max) {
    return {
      value: null,
      error: t('numbers.range', { min: format.number(rule.min), max: format.number(rule.max) }),
    }
  }
  return { value, error: null }
}

/** 128000 → "128K"; null → "—". */
export function formatTokens(count: number | null, format: Formatter = formatter()): string {
  return count === null ? '—' : format.number(count, { notation: 'compact', maximumFractionDigits: 1 })
}

/** Dollars per million tokens: 2.5 → "$2.50"; null → "—". */
export function formatPrice(price: number | null, format: Formatter = formatter()): string {
  if (price === null) return '—'
  return `$${format.number(price, { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
]

/** "Fetched 3 minutes ago", "Fetched yesterday", or "Not fetched yet". */
export function describeFetched(
  fetchedAt: number | null,
  now: number,
  t: SettingsT = settingsT(),
  language: string = currentLanguage(),
): string {
  if (fetchedAt === null) return t('fetched.never')
  const seconds = Math.max(0, (now - fetchedAt) / 1000)
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return t('fetched.ago', { when: relative.format(-Math.floor(seconds / size), unit) })
  }
  return t('fetched.justNow')
}

export function modelLabel(model: Pick<ModelInfo, 'id' | 'displayName'>): string {
  return model.displayName?.trim() || model.id
}
