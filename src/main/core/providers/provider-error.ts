// Every way a provider call can fail, as one error whose message a person can read. The message never
// carries a key (the caller passes the key so it can be scrubbed from anything the provider echoes).
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  NotFoundError,
  OpenAIError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai'

export type ProviderErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'bad-request'
  | 'unreachable'
  | 'timeout'
  | 'malformed'
  | 'truncated'
  | 'aborted'

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set([
  'rate-limited',
  'server',
  'unreachable',
  'timeout',
])

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind
  readonly status: number | null
  /** From Retry-After, when the provider sent one. */
  readonly retryAfterMs: number | null

  constructor(
    kind: ProviderErrorKind,
    message: string,
    options: { status?: number | null; retryAfterMs?: number | null } = {},
  ) {
    super(message)
    this.name = 'ProviderError'
    this.kind = kind
    this.status = options.status ?? null
    this.retryAfterMs = options.retryAfterMs ?? null
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind)
  }
}

export interface ErrorContext {
  providerName: string
  baseURL: string
  model: string | null
  /** Scrubbed from any text the provider sends back. */
  apiKey: string | null
}

export function toProviderError(error: unknown, context: ErrorContext): ProviderError {
  if (error instanceof ProviderError) return error
  const { providerName, baseURL, model } = context
  if (error instanceof APIUserAbortError || isAbortError(error)) {
    return new ProviderError('aborted', 'The request was stopped.')
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError('timeout', `${providerName} did not answer in time.`)
  }
  if (error instanceof APIConnectionError) {
    return new ProviderError(
      'unreachable',
      `Could not reach ${providerName} at ${baseURL} (${networkReason(error)}).`,
    )
  }
  if (error instanceof APIError) {
    const detail = providerDetail(error, context.apiKey)
    const status = error.status ?? null
    if (error instanceof AuthenticationError) {
      // 401 bodies often quote part of the key, so none of the provider's text is shown here.
      return new ProviderError(
        'auth',
        `${providerName} rejected the API key (401). Check the key and try again.`,
        { status },
      )
    }
    if (error instanceof PermissionDeniedError) {
      return new ProviderError('forbidden', `${providerName} refused access (403)${detail}`, { status })
    }
    if (error instanceof NotFoundError) {
      const what = model ? `The model "${model}" was not found at ${providerName}` : `Not found at ${baseURL}`
      return new ProviderError('not-found', `${what} (404)${detail}`, { status })
    }
    if (error instanceof RateLimitError) {
      const retryAfterMs = parseRetryAfter(error.headers?.get('retry-after') ?? null)
      const when =
        retryAfterMs === null ? 'Try again shortly.' : `Try again in ${Math.ceil(retryAfterMs / 1000)} s.`
      return new ProviderError('rate-limited', `${providerName} is rate limiting requests (429). ${when}`, {
        status,
        retryAfterMs,
      })
    }
    if (status !== null && status >= 500) {
      return new ProviderError('server', `${providerName} had a problem (${status})${detail}`, {
        status,
        retryAfterMs: parseRetryAfter(error.headers?.get('retry-after') ?? null),
      })
    }
    if (status === null) {
      // An APIError without a status is an `error` event inside a 200 stream.
      return new ProviderError('server', `${providerName} reported an error mid-answer${detail}`)
    }
    return new ProviderError('bad-request', `${providerName} refused the request (${status})${detail}`, {
      status,
    })
  }
  if (error instanceof OpenAIError || error instanceof SyntaxError) {
    return new ProviderError('malformed', `${providerName} sent a reply Roundtable could not read.`)
  }
  return new ProviderError('unreachable', `The request to ${providerName} failed (${networkReason(error)}).`)
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

function providerDetail(error: APIError, apiKey: string | null): string {
  const body = error.error as { message?: unknown } | undefined
  const raw = typeof body?.message === 'string' ? body.message : ''
  const text = scrub(raw, apiKey).trim().slice(0, 300)
  return text ? `: ${text}` : '.'
}

function scrub(text: string, apiKey: string | null): string {
  let out = text
  if (apiKey && apiKey.length >= 4) out = out.split(apiKey).join('[key]')
  // Whatever a provider quotes that looks like a key is hidden too.
  return out.replace(/\b(sk|pk|rk|hf|gsk|xai)[-_][A-Za-z0-9_*.-]{6,}/g, '[key]')
}

function networkReason(error: unknown): string {
  const codes: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'name lookup failed',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  }
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && codes[code]) return codes[code]
    current = (current as { cause?: unknown }).cause
  }
  return 'network error'
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}
