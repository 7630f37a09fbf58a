// Proxy addresses as a person types them in Settings or the environment: parsed, checked, redacted.
import { isIP } from 'node:net'

export type ProxyScheme = 'http' | 'https' | 'socks5' | 'socks5h'

export interface ParsedProxy {
  scheme: ProxyScheme
  /** Without brackets for IPv6. */
  hostname: string
  port: number
  username: string
  password: string
  /** scheme://host:port, no credentials: the cache key and what undici is given. */
  origin: string
  /** The address fit to show a person: credentials replaced by `***`. */
  redacted: string
}

const SCHEMES: Record<string, ProxyScheme> = {
  'http:': 'http',
  'https:': 'https',
  'socks5:': 'socks5',
  'socks5h:': 'socks5h',
}
const DEFAULT_PORTS: Record<ProxyScheme, number> = { http: 80, https: 443, socks5: 1080, socks5h: 1080 }
const EXAMPLE = 'for example http://proxy.example.com:8080'
const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i

type ParseResult = { ok: true; proxy: ParsedProxy } | { ok: false; reason: string }

export function parseProxyUrl(input: string): ParseResult {
  const fail = (reason: string): ParseResult => ({ ok: false, reason })
  const text = input.trim()
  if (text === '') return fail(`Enter the proxy address, ${EXAMPLE}.`)
  if (/\s/.test(text)) return fail('A proxy address cannot contain spaces.')
  const head = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(text)
  if (!head) return fail(`Start the proxy address with http://, https:// or socks5://, ${EXAMPLE}.`)
  const scheme = SCHEMES[`${head[1]?.toLowerCase()}:`]
  if (!scheme) {
    return fail(
      `Only http://, https:// and socks5:// proxies are supported, not ${head[1]?.toLowerCase()}://.`,
    )
  }
  const authority = head[2] ?? ''
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1)
  const portText = /:(\d*)$/.exec(hostAndPort.replace(/^\[[^\]]*\]/, ''))?.[1]
  if (portText !== undefined && portText !== '' && (Number(portText) < 1 || Number(portText) > 65535)) {
    return fail('The proxy port must be a number from 1 to 65535.')
  }
  if (hostAndPort === '' || hostAndPort.startsWith(':')) {
    return fail(`The proxy address needs a host name, ${EXAMPLE}.`)
  }

  let url: URL
  try {
    url = new URL(text)
  } catch {
    return fail(`That is not a valid proxy address; use the form scheme://host:port, ${EXAMPLE}.`)
  }
  const hostname = url.hostname.toLowerCase()
  if (hostname === '') return fail(`The proxy address needs a host name, ${EXAMPLE}.`)
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname
  if (hostname.startsWith('[') ? isIP(bare) !== 6 : !HOST_NAME.test(hostname)) {
    return fail('The proxy host name is not valid.')
  }
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    return fail('Remove everything after the port: a proxy address is just scheme://host:port.')
  }
  if (url.password !== '' && url.username === '') {
    return fail('The proxy address has a password but no user name.')
  }
  const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return fail('The proxy port must be a number from 1 to 65535.')
  }

  let username: string
  let password: string
  try {
    username = decodeURIComponent(url.username)
    password = decodeURIComponent(url.password)
  } catch {
    return fail('The proxy user name or password is not correctly encoded.')
  }
  const origin = `${scheme}://${hostname}:${port}`
  const redacted = username === '' ? origin : `${scheme}://***@${hostname}:${port}`
  return { ok: true, proxy: { scheme, hostname: bare, port, username, password, origin, redacted } }
}

/** Null when `url` is a usable proxy address, else a sentence saying what is wrong with it. */
export function validateProxyUrl(url: string): string | null {
  const result = parseProxyUrl(url)
  return result.ok ? null : result.reason
}

/** The address with any `user:password@` replaced by `***@`, fit for messages and logs. */
export function redactProxyUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@')
}
