// Routing of provider calls through the proxy chosen in Settings. The provider SDKs accept a custom
// fetch; createProviderFetch builds one that sends each request direct, through an HTTP(S) proxy
// (undici's ProxyAgent: CONNECT tunnels for https targets, absolute-form requests for http ones) or
// through a SOCKS5 proxy (an undici Agent whose connections are opened by the `socks` package).
//
// Loopback targets always go direct: local model servers and test fakes must never see a proxy.
// Nothing here logs headers (they carry API keys), and proxy passwords never reach an error message.
import { isIP, type Socket } from 'node:net'
import { type TLSSocket, connect as tlsConnect } from 'node:tls'
import { SocksClient } from 'socks'
import {
  Agent,
  type buildConnector,
  type Dispatcher,
  ProxyAgent,
  FormData as UndiciFormData,
  fetch as undiciFetch,
} from 'undici'
import type { ProxySettings } from '../../../shared/providers'

export type ProviderFetch = typeof fetch & {
  /** Closes every connection pool this fetch opened; later calls reject. */
  close(): Promise<void>
}

/** A proxy that could not be used or reached. Never carries the proxy's password. */
export class ProxyError extends Error {
  readonly code: string
  /** The proxy address with any user name and password replaced by `***`. */
  readonly proxy: string | null

  constructor(message: string, options: { code: string; proxy?: string | null; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ProxyError'
    this.code = options.code
    this.proxy = options.proxy ?? null
  }
}

// ---------------------------------------------------------------------------------------------
// Proxy addresses

type ProxyScheme = 'http' | 'https' | 'socks5' | 'socks5h'

interface ParsedProxy {
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

function parseProxyUrl(input: string): ParseResult {
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

// ---------------------------------------------------------------------------------------------
// Bypass rules

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  if (isIP(host) === 6) {
    const h = host.toLowerCase()
    // ::1, and 127.x.x.x mapped into IPv6 (which URL writes as ::ffff:7fxx:xxxx).
    return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^(0:0:0:0:0:|::)ffff:(7f[0-9a-f]{2}:|127\.)/.test(h)
  }
  return false
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0)
}

function matchesCidr(host: string, rule: string): boolean | null {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(rule)
  if (!m || isIP(m[1] ?? '') !== 4) return null
  const bits = Number(m[2])
  if (bits > 32) return null
  if (isIP(host) !== 4) return false
  const size = 2 ** (32 - bits)
  return Math.floor(ipv4ToNumber(host) / size) === Math.floor(ipv4ToNumber(m[1] ?? '') / size)
}

function splitHostPort(rule: string): { host: string; port: string | null } {
  if (rule.startsWith('[')) {
    const end = rule.indexOf(']')
    if (end === -1) return { host: rule, port: null }
    const rest = rule.slice(end + 1)
    return { host: rule.slice(1, end), port: rest.startsWith(':') ? rest.slice(1) : null }
  }
  const colons = rule.split(':').length - 1
  if (colons === 1) {
    const [host = '', port = ''] = rule.split(':')
    return { host, port }
  }
  return { host: rule, port: null }
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`)
}

function targetPort(target: URL): string {
  if (target.port !== '') return target.port
  return target.protocol === 'https:' ? '443' : target.protocol === 'http:' ? '80' : ''
}

/**
 * Whether a request to `target` should skip the proxy, by NO_PROXY-style rules: `host` (exact),
 * `.example.com` (that domain and its subdomains), `*.example.com` (subdomains only), `host:port`,
 * `10.0.0.0/8`, `*` (everything), `<local>` (dotless host names and loopback). Loopback is always
 * bypassed, whatever the rules say.
 */
export function bypassesProxy(target: URL, bypass: string[]): boolean {
  let host = target.hostname.toLowerCase()
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1)
  if (host.endsWith('.')) host = host.slice(0, -1)
  if (isLoopbackHost(host)) return true
  const port = targetPort(target)

  for (const raw of bypass) {
    let rule = raw.trim().toLowerCase()
    if (rule === '') continue
    if (rule === '*') return true
    if (rule === '<local>') {
      if (!host.includes('.') && isIP(host) === 0) return true
      continue
    }
    // Tolerate `http://host` and a trailing slash, as people paste them.
    rule = rule.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/$/, '')
    const cidr = matchesCidr(host, rule)
    if (cidr !== null) {
      if (cidr) return true
      continue
    }
    const parts = splitHostPort(rule)
    if (parts.port !== null && parts.port !== '' && parts.port !== port) continue
    let pattern = parts.host
    if (pattern.endsWith('.')) pattern = pattern.slice(0, -1)
    if (pattern === '') continue
    if (pattern === '*') return true
    if (pattern.startsWith('.')) {
      const domain = pattern.slice(1)
      if (host === domain || host.endsWith(pattern)) return true
    } else if (pattern.includes('*')) {
      if (globToRegExp(pattern).test(host)) return true
    } else if (host === pattern) {
      return true
    }
  }
  return false
}

// ---------------------------------------------------------------------------------------------
// Choosing a route

type Route =
  | { kind: 'direct' }
  | { kind: 'proxy'; proxy: ParsedProxy }
  | { kind: 'invalid'; error: ProxyError }

function envValue(env: NodeJS.ProcessEnv, ...names: string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return { name, value }
  }
  return null
}

function proxyFromSetting(url: string, source: string): Route {
  // Environment variables often leave out the scheme (HTTP_PROXY=proxy:3128); curl assumes http.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url : `http://${url.trim()}`
  const parsed = parseProxyUrl(withScheme)
  if (parsed.ok) return { kind: 'proxy', proxy: parsed.proxy }
  return {
    kind: 'invalid',
    error: new ProxyError(`The proxy ${source} cannot be used: ${parsed.reason}`, { code: 'PROXY_INVALID' }),
  }
}

function makeRouter(settings: ProxySettings, env: NodeJS.ProcessEnv): (target: URL) => Route {
  const direct: Route = { kind: 'direct' }
  if (settings.mode === 'none') return () => direct
  if (settings.mode === 'custom') {
    const route = proxyFromSetting(settings.url, 'address in Settings')
    const bypass = [...settings.bypass]
    return (target) => (bypassesProxy(target, bypass) ? direct : route)
  }

  // System: read the environment once; a change of settings builds a new fetch anyway.
  const all = envValue(env, 'ALL_PROXY', 'all_proxy')
  const https = envValue(env, 'HTTPS_PROXY', 'https_proxy') ?? all
  const http = envValue(env, 'HTTP_PROXY', 'http_proxy') ?? all
  const noProxy = envValue(env, 'NO_PROXY', 'no_proxy')?.value.split(',') ?? []
  const httpsRoute = https ? proxyFromSetting(https.value, `in ${https.name}`) : direct
  const httpRoute = http ? proxyFromSetting(http.value, `in ${http.name}`) : direct
  return (target) => {
    const route = target.protocol === 'https:' ? httpsRoute : target.protocol === 'http:' ? httpRoute : direct
    if (route.kind === 'direct' || bypassesProxy(target, noProxy)) return direct
    return route
  }
}

// ---------------------------------------------------------------------------------------------
// SOCKS5: an undici Agent whose connector goes through the proxy

const CONNECT_TIMEOUT_MS = 10_000

/** Turns a `socks` package failure into an error with a code and no copy of the proxy options. */
function socksFailure(error: unknown, proxy: ParsedProxy, host: string, port: number): ProxyError {
  // SocksClientError keeps the options it was given, password included: never pass it on.
  const message = error instanceof Error ? error.message : String(error)
  let code = /\b(E[A-Z]{3,})\b/.exec(message)?.[1] ?? 'PROXY_FAILED'
  if (/authentication failed/i.test(message)) code = 'PROXY_AUTH_FAILED'
  else if (/no accepted authentication/i.test(message)) code = 'PROXY_AUTH_REQUIRED'
  else if (/timed out/i.test(message)) code = 'ETIMEDOUT'
  else if (/ConnectionRefused/.test(message)) code = 'ECONNREFUSED'
  else if (/HostUnreachable/.test(message)) code = 'EHOSTUNREACH'
  else if (/NetworkUnreachable/.test(message)) code = 'ENETUNREACH'
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`
  return new ProxyError(
    `Could not connect to ${where} through the SOCKS proxy ${proxy.redacted}: ${scrubText(message, proxy)}`,
    { code, proxy: proxy.redacted },
  )
}

function socksConnector(proxy: ParsedProxy): buildConnector.connector {
  return (options, callback) => {
    const secure = options.protocol === 'https:'
    const port = options.port ? Number(options.port) : secure ? 443 : 80
    // undici strips the brackets of IPv6 literals from `hostname`; the proxy resolves names.
    const host = options.hostname
    let done = false
    const finish = (error: Error | null, socket?: Socket | TLSSocket) => {
      if (done) {
        socket?.destroy()
        return
      }
      done = true
      if (error || !socket) callback(error ?? new Error('No socket'), null)
      else callback(null, socket)
    }

    SocksClient.createConnection({
      command: 'connect',
      proxy: {
        host: proxy.hostname,
        port: proxy.port,
        type: 5,
        ...(proxy.username !== '' && { userId: proxy.username, password: proxy.password }),
      },
      destination: { host, port },
      timeout: CONNECT_TIMEOUT_MS,
      set_tcp_nodelay: true,
    }).then(
      ({ socket }) => {
        socket.setKeepAlive(true, 60_000)
        if (!secure) {
          finish(null, socket)
          return
        }
        const servername = options.servername || (isIP(host) === 0 ? host : undefined)
        const tlsSocket = tlsConnect({
          socket,
          ...(servername && { servername }),
          ALPNProtocols: ['http/1.1'],
        })
        // A custom connector replaces undici's, connect timeout included: the handshake gets its own.
        const timer = setTimeout(() => {
          tlsSocket.destroy(
            Object.assign(new Error(`TLS handshake with ${host}:${port} timed out`), { code: 'ETIMEDOUT' }),
          )
        }, CONNECT_TIMEOUT_MS)
        const settle = (error: Error | null) => {
          clearTimeout(timer)
          tlsSocket.off('secureConnect', onSecure)
          tlsSocket.off('error', onError)
          if (error) {
            tlsSocket.destroy()
            finish(error)
          } else {
            finish(null, tlsSocket)
          }
        }
        const onSecure = () => settle(null)
        const onError = (error: Error) => settle(error)
        tlsSocket.once('secureConnect', onSecure)
        tlsSocket.once('error', onError)
      },
      (error: unknown) => finish(socksFailure(error, proxy, host, port)),
    )
  }
}

// undici's own header and body timeouts (five minutes each) are off: the request pipeline's first-event
// and idle timeouts are the ones in charge, so a slow reasoning model is not cut by the transport.
const NO_TRANSPORT_TIMEOUTS = { headersTimeout: 0, bodyTimeout: 0 } as const

function createDispatcher(proxy: ParsedProxy): Dispatcher {
  if (proxy.scheme === 'socks5' || proxy.scheme === 'socks5h') {
    return new Agent({ connect: socksConnector(proxy), ...NO_TRANSPORT_TIMEOUTS })
  }
  const token =
    proxy.username === ''
      ? undefined
      : `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')}`
  // Credentials go in the token, not the uri, so undici never holds them in a URL it might print.
  // proxyTunnel false: plain-http targets are sent in absolute form (GET http://host/...), as curl
  // does and as proxies that refuse CONNECT to port 80 expect; https targets still use CONNECT.
  return new ProxyAgent({
    uri: proxy.origin,
    proxyTunnel: false,
    ...NO_TRANSPORT_TIMEOUTS,
    ...(token && { token }),
  })
}

// ---------------------------------------------------------------------------------------------
// Errors

function scrubText(text: string, proxy: ParsedProxy): string {
  let out = redactProxyUrl(text).replace(/(\/\/)[^\s/@]*:[^\s/@]*@/g, '$1***@')
  for (const secret of [proxy.password, encodeURIComponent(proxy.password)]) {
    if (secret.length >= 3) out = out.split(secret).join('***')
  }
  return out
}

/** Scrubs the proxy's password out of an error chain, in place (messages and stacks). */
function scrubError(error: unknown, proxy: ParsedProxy, depth = 0): void {
  if (depth > 8 || !(error instanceof Error)) return
  try {
    error.message = scrubText(error.message, proxy)
    if (error.stack) error.stack = scrubText(error.stack, proxy)
  } catch {
    // Frozen or exotic errors are left as they are.
  }
  const options = (error as { options?: unknown }).options
  if (typeof options === 'object' && options !== null && 'proxy' in options) {
    // The `socks` package's errors carry the options they were given, proxy password included.
    try {
      delete (error as { options?: unknown }).options
    } catch {
      // Not ours to insist on.
    }
  }
  if (error instanceof AggregateError) for (const inner of error.errors) scrubError(inner, proxy, depth + 1)
  scrubError(error.cause, proxy, depth + 1)
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')
}

function chainOf(error: unknown): Error[] {
  const out: Error[] = []
  let current: unknown = error
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    out.push(current)
    current = current.cause
  }
  return out
}

/** The most telling code in an error chain: a system code (ECONNREFUSED...) before undici's own. */
function chainCode(chain: Error[]): string {
  const all = chain
    .map((e) => (e as { code?: unknown }).code)
    .filter((c): c is string => typeof c === 'string')
  return (
    all.find((c) => /^E[A-Z]+$/.test(c)) ?? all.find((c) => c === 'UND_ERR_CONNECT_TIMEOUT') ?? 'PROXY_FAILED'
  )
}

function withProxyContext(error: unknown, proxy: ParsedProxy, target: URL): unknown {
  if (isAbort(error)) return error
  scrubError(error, proxy)
  if (!(error instanceof Error)) return error
  const cause = error.cause
  if (cause instanceof ProxyError || !(cause instanceof Error)) return error
  const chain = chainOf(cause)
  const messages = chain.map((e) => e.message).join('\n')
  const where = `${target.hostname}:${targetPort(target)}`
  // Say the proxy was in the way: "connection refused" alone does not tell whose connection.
  let message = `Request to ${where} through the proxy ${proxy.redacted} failed: ${cause.message}`
  let code = chainCode(chain)
  // undici reports proxy refusals in words: "Proxy response (407) !== 200 when HTTP Tunneling" for
  // CONNECT, "Proxy Authentication Required (407)" for absolute-form requests.
  const status = /Proxy response \((\d{3})\)/.exec(messages)?.[1] ?? /\((407)\)/.exec(messages)?.[1]
  if (status === '407') {
    code = proxy.username === '' ? 'PROXY_AUTH_REQUIRED' : 'PROXY_AUTH_FAILED'
    message =
      proxy.username === ''
        ? `The proxy ${proxy.redacted} wants a user name and password (HTTP 407).`
        : `The proxy ${proxy.redacted} refused the user name and password (HTTP 407).`
  } else if (status) {
    code = 'PROXY_TUNNEL_FAILED'
    message = `The proxy ${proxy.redacted} could not open a connection to ${where} (HTTP ${status}).`
  }
  const wrapped = new ProxyError(message, { code, proxy: proxy.redacted, cause })
  return new TypeError(error.message, { cause: wrapped })
}

// ---------------------------------------------------------------------------------------------
// The fetch

type UndiciInit = NonNullable<Parameters<typeof undiciFetch>[1]>

function toUndiciFormData(form: FormData): UndiciFormData {
  const out = new UndiciFormData()
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') out.append(name, value)
    else out.append(name, value, value.name)
  }
  return out
}

/** Splits a fetch call into a URL and an init undici's own fetch will accept. */
async function normalizeCall(
  input: string | URL | Request,
  init: RequestInit | undefined,
): Promise<{ url: string; init: UndiciInit }> {
  let url: string
  let merged: RequestInit & { duplex?: 'half' } = { ...init }
  if (typeof input === 'string') url = input
  else if (input instanceof URL) url = input.href
  else {
    // A Request from the global fetch is not undici's Request; take it apart.
    const request = input
    url = request.url
    const hasBody = request.body !== null && init?.body === undefined
    merged = {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      redirect: request.redirect,
      ...(hasBody && { body: await request.arrayBuffer() }),
      ...init,
    }
  }
  if (typeof FormData !== 'undefined' && merged.body instanceof FormData) {
    merged.body = toUndiciFormData(merged.body) as unknown as RequestInit['body']
  }
  return { url, init: merged as unknown as UndiciInit }
}

/**
 * A fetch for provider SDKs that follows the proxy settings. Dispatchers are made on first use, one
 * per proxy, and kept until `close()`. In `system` mode the environment is read once, here.
 */
export function createProviderFetch(
  settings: ProxySettings,
  env: NodeJS.ProcessEnv = process.env,
): ProviderFetch {
  const route = makeRouter(settings, env)
  const dispatchers = new Map<string, Dispatcher>()
  let directAgent: Agent | null = null
  let closed = false

  const dispatcherFor = (proxy: ParsedProxy): Dispatcher => {
    // Same host and port with other credentials is another proxy session.
    const key = `${proxy.origin}|${proxy.username}|${proxy.password}`
    let dispatcher = dispatchers.get(key)
    if (!dispatcher) {
      dispatcher = createDispatcher(proxy)
      dispatchers.set(key, dispatcher)
    }
    return dispatcher
  }

  const providerFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (closed)
      throw new ProxyError('This provider fetch was closed after a settings change.', { code: 'CLOSED' })
    const call = await normalizeCall(input, init)
    const target = URL.parse(call.url)
    const chosen: Route = target ? route(target) : { kind: 'direct' }
    if (chosen.kind === 'invalid') throw chosen.error
    if (chosen.kind === 'direct' || !target) {
      // A URL that does not parse goes here too, for fetch itself to report.
      directAgent ??= new Agent(NO_TRANSPORT_TIMEOUTS)
      return (await undiciFetch(call.url, { ...call.init, dispatcher: directAgent })) as unknown as Response
    }
    try {
      const dispatcher = dispatcherFor(chosen.proxy)
      return (await undiciFetch(call.url, { ...call.init, dispatcher })) as unknown as Response
    } catch (error) {
      throw withProxyContext(error, chosen.proxy, target)
    }
  }

  const close = async (): Promise<void> => {
    closed = true
    const all: Dispatcher[] = [...dispatchers.values()]
    if (directAgent) all.push(directAgent)
    dispatchers.clear()
    directAgent = null
    await Promise.all(all.map((d) => d.close().catch(() => undefined)))
  }

  return Object.assign(providerFetch, { close }) as ProviderFetch
}
