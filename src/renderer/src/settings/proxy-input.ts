// The proxy fields as typed. The main process checks the address thoroughly; these catch the common
// slips while the person is still looking at the field.
import { type SettingsT, settingsT } from './format'

const MAX_BYPASS_ENTRIES = 200
const MAX_BYPASS_CHARS = 300

export function checkProxyUrl(input: string, t: SettingsT = settingsT()): string | null {
  const text = input.trim()
  if (text === '') return t('network.urlMissing')
  if (/\s/.test(text)) return t('network.urlSpaces')
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase()
  if (!scheme) return t('network.urlScheme')
  if (!['http', 'https', 'socks5', 'socks5h'].includes(scheme)) {
    return t('network.urlUnsupported', { scheme })
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return t('network.urlInvalid')
  }
  if (!url.hostname) return t('network.urlNoHost')
  return null
}

/** One entry per line; blank lines and surrounding spaces are dropped. */
export function parseBypassList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

export function checkBypassList(text: string, t: SettingsT = settingsT()): string | null {
  const entries = parseBypassList(text)
  if (entries.length > MAX_BYPASS_ENTRIES) return t('network.bypassTooMany', { max: MAX_BYPASS_ENTRIES })
  const long = entries.find((entry) => entry.length > MAX_BYPASS_CHARS)
  if (long) return t('network.bypassTooLong', { entry: long.slice(0, 40) })
  const spaced = entries.find((entry) => /\s/.test(entry))
  if (spaced) return t('network.bypassSpace', { entry: spaced.slice(0, 40) })
  return null
}
