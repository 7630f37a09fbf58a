// Routing of provider calls through the proxy chosen in Settings. The provider SDKs accept a custom
// fetch; createProviderFetch builds one that sends each request direct, through an HTTP(S) proxy
// (undici's ProxyAgent: CONNECT tunnels for https targets, absolute-form requests for http ones) or
// through a SOCKS5 proxy (an undici Agent whose connections are opened by the `socks` package).
//
// Loopback targets always go direct: local model servers and test fakes must never see a proxy.
// Nothing here logs headers (they carry API keys), and proxy passwords never reach an error message.
import { Agent, type Dispatcher, ProxyAgent, FormData as UndiciFormData, fetch as undiciFetch } from 'undici'
import type { ProxySettings } from '../../../shared/providers'
import { bypassesProxy } from './bypass'
import { ProxyError, withProxyContext } from './proxy-error'
import { type ParsedProxy, parseProxyUrl } from './proxy-url'
import { socksConnector } from './socks'

export { bypassesProxy } from './bypass'
export { ProxyError } from './proxy-error'
export { redactProxyUrl, validateProxyUrl } from './proxy-url'

export type ProviderFetch = typeof fetch & {
  /** Closes every connection pool this fetch opened; later calls reject. */
  close(): Promise<void>
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
    // A redirect is never followed: fetch would carry x-api-key, api-key and custom headers to wherever
    // it points, and a key must only reach the server it was saved for.
    call.init = { ...call.init, redirect: 'error' }
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
