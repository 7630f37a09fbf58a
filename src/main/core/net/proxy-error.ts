// Failures on the way through a proxy, as errors with a code and without the proxy's password.
import { targetPort } from './bypass'
import type { ParsedProxy } from './proxy-url'
import { redactProxyUrl } from './proxy-url'

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

export function scrubText(text: string, proxy: ParsedProxy): string {
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

export function withProxyContext(error: unknown, proxy: ParsedProxy, target: URL): unknown {
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
