// Checks shared by the Settings form (inline, as the person types) and the main process (again, as
// the boundary). Each returns a wording for a person (shared/wording.ts), or null when the value is fine.
import { type Wording, wording } from './wording'

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// Headers are stored as configuration, unencrypted: a key belongs in the API key field.
const SECRET_HEADERS = new Set([
  'authorization',
  'api-key',
  'x-api-key',
  'x-goog-api-key',
  'ocp-apim-subscription-key',
  'proxy-authorization',
  'cookie',
])
// Names that carry credentials by their wording (Helicone-Auth, cf-aig-authorization, X-Auth-Token,
// X-Access-Token, X-Secret, ...): they would be stored unencrypted and sent wherever the base URL points.
const SECRET_WORDS = /(auth|token|secret|passw(or)?d|api[-_]?key|session|credential)/i

export interface BaseURLCheck {
  error: Wording | null
  warning: Wording | null
  /** Without trailing slashes. */
  normalized: string
}

export function checkBaseURL(input: string): BaseURLCheck {
  const trimmed = input.trim()
  const fail = (error: Wording): BaseURLCheck => ({ error, warning: null, normalized: trimmed })
  if (trimmed.length === 0) return fail(wording('baseUrlEmpty'))
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return fail(wording('baseUrlNotUrl'))
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(wording('baseUrlScheme', { scheme: url.protocol }))
  }
  if (!url.hostname) return fail(wording('baseUrlNoHost'))
  if (url.username || url.password) {
    return fail(wording('baseUrlHasKey'))
  }
  if (url.search || url.hash) return fail(wording('baseUrlQuery'))
  const normalized = `${url.origin}${url.pathname.replace(/\/+$/, '')}`
  const warning =
    url.protocol === 'http:' && !isLoopbackHost(url.hostname) ? wording('baseUrlPlainHttp') : null
  return { error: null, warning, normalized }
}

/**
 * localhost (and *.localhost), 127.0.0.0/8, and ::1 or 127.x mapped into IPv6 (which URL writes as
 * ::ffff:7fxx:xxxx). Takes a URL's hostname, with or without the brackets around an IPv6 address.
 * Plain string checks, so the renderer can use it too.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true
  return (
    host === '::1' || host === '0:0:0:0:0:0:0:1' || /^(0:0:0:0:0:|::)ffff:(7f[0-9a-f]{2}:|127\.)/.test(host)
  )
}

export function checkHeader(name: string, value: string): Wording | null {
  const trimmed = name.trim()
  if (!HEADER_NAME.test(trimmed)) return wording('headerNameBad', { name: trimmed.slice(0, 40) })
  if (SECRET_HEADERS.has(trimmed.toLowerCase()) || SECRET_WORDS.test(trimmed)) {
    return wording('headerSecret', { name: trimmed })
  }
  if (/[\r\n\0]/.test(value)) return wording('headerLineBreak', { name: trimmed })
  return null
}

export function checkProviderName(name: string): Wording | null {
  const trimmed = name.trim()
  if (trimmed.length === 0) return wording('providerNameEmpty')
  if (trimmed.length > 80) return wording('providerNameLong')
  return null
}

/** Keys are pasted: stray spaces and line breaks around them are never part of the key. */
export function cleanKey(key: string): string {
  return key.trim()
}
