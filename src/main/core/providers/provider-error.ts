// Every way a provider call can fail, as one error whose message a person can read. The message never
// carries a key (the caller passes the key so it can be scrubbed from anything the provider echoes).
import * as AnthropicErrors from '@anthropic-ai/sdk'
import * as OpenAIErrors from 'openai'
import { english, type Wording, wording } from '../../../shared/wording'

// Both SDKs come from the same generator: the same error classes, by status, under two roots.
const SDKS = [OpenAIErrors, AnthropicErrors] as const
const isAny = (
  error: unknown,
  pick: (sdk: (typeof SDKS)[number]) => abstract new (...args: never[]) => unknown,
) => SDKS.some((sdk) => error instanceof pick(sdk))

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
  /** The account's quota or billing limit is reached: waiting will not help. */
  | 'quota'
  /** The model's circuit breaker is open: nothing was sent. */
  | 'paused'
  /** Too many requests already wait for this provider. */
  | 'queue-full'
  /** The conversation does not fit the model's window, even cut to its last message: nothing was sent. */
  | 'too-long'

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind
  readonly status: number | null
  /** From Retry-After, when the provider sent one. */
  readonly retryAfterMs: number | null
  /** For an unreachable provider: what kind of network failure it was. */
  readonly network: NetworkCategory | null
  /** The provider's own say on retrying (`x-should-retry`), when it gave one. */
  readonly shouldRetry: boolean | null
  /** The error's code or type in the body (`insufficient_quota`, `overloaded_error`, ...). */
  readonly code: string | null
  /** What the person reads, in their language; `message` is its English. */
  readonly wording: Wording

  constructor(kind: ProviderErrorKind, said: Wording | string, options: ProviderErrorOptions = {}) {
    const worded = typeof said === 'string' ? wording('plain', { text: said }) : said
    super(english(worded))
    this.wording = worded
    this.name = 'ProviderError'
    this.kind = kind
    this.status = options.status ?? null
    this.retryAfterMs = options.retryAfterMs ?? null
    this.network = options.network ?? null
    this.shouldRetry = options.shouldRetry ?? null
    this.code = options.code ?? null
  }

  /**
   * Whether another attempt could succeed (the pipeline still retries only before the first token).
   * The provider's `x-should-retry` decides for other statuses, but never retries a 400, 401, 403, 404
   * or 422.
   */
  get retryable(): boolean {
    if (NEVER_RETRIED.has(this.kind)) return false
    if (this.status !== null && NEVER_RETRIED_STATUSES.has(this.status)) return false
    if (this.shouldRetry !== null) return this.shouldRetry
    if (this.status !== null) return RETRIED_STATUSES.has(this.status) || this.status >= 500
    return RETRIED_KINDS.has(this.kind)
  }
}

// Stopped by the person, or nothing a second try can change.
const NEVER_RETRIED: ReadonlySet<ProviderErrorKind> = new Set([
  'aborted',
  'quota',
  'paused',
  'queue-full',
  'too-long',
])
// The request itself is wrong (or not allowed): no header from the provider makes a retry sensible.
const NEVER_RETRIED_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 422])
// Timeout, conflict, rate limit: worth another try; other 4xx are not.
const RETRIED_STATUSES: ReadonlySet<number> = new Set([408, 409, 429])
// Failures without an HTTP status: the network, our timeouts, an error event in a 200 stream, a
// stream that closed before any text.
const RETRIED_KINDS: ReadonlySet<ProviderErrorKind> = new Set([
  'unreachable',
  'timeout',
  'server',
  'rate-limited',
  'truncated',
])

export interface ProviderErrorOptions {
  status?: number | null
  retryAfterMs?: number | null
  network?: NetworkCategory | null
  shouldRetry?: boolean | null
  code?: string | null
}

export interface ErrorContext {
  providerName: string
  baseURL: string
  model: string | null
  /** Scrubbed from any text the provider sends back. */
  apiKey: string | null
}

/** What an adapter knows when it turns a failure into words. */
export function errorContext(
  connection: { name: string; baseURL: string; apiKey: string | null },
  model: string | null,
): ErrorContext {
  return { providerName: connection.name, baseURL: connection.baseURL, model, apiKey: connection.apiKey }
}

export function toProviderError(error: unknown, context: ErrorContext): ProviderError {
  if (error instanceof ProviderError) return error
  const { providerName, baseURL, model } = context
  if (isAny(error, (sdk) => sdk.APIUserAbortError) || isAbortError(error)) {
    return stopped()
  }
  if (isAny(error, (sdk) => sdk.APIConnectionTimeoutError)) {
    return new ProviderError('timeout', wording('providerTimeout', { provider: providerName }))
  }
  if (isAny(error, (sdk) => sdk.APIConnectionError)) {
    const cause = networkCause(error)
    return new ProviderError(
      'unreachable',
      wording('providerUnreachable', { provider: providerName, baseURL, cause: cause.label }),
      { network: cause.category },
    )
  }
  if (isAny(error, (sdk) => sdk.APIError)) {
    const apiError = error as { status?: number; headers?: Headers; error?: unknown }
    const detail = providerDetail(apiError.error, context.apiKey)
    const status = apiError.status ?? null
    const headers = apiError.headers
    const retryAfterMs =
      parseRetryAfterMs(headers?.get('retry-after-ms') ?? null) ??
      parseRetryAfter(headers?.get('retry-after') ?? null)
    const shouldRetryHeader = headers?.get('x-should-retry')
    const shouldRetry = shouldRetryHeader === 'true' ? true : shouldRetryHeader === 'false' ? false : null
    const code = errorCode(apiError.error)
    const base = { status, retryAfterMs, shouldRetry, code }
    if (status === 401) {
      // 401 bodies often quote part of the key, so none of the provider's text is shown here.
      return new ProviderError('auth', wording('providerAuth', { provider: providerName }), base)
    }
    if (status === 403)
      return new ProviderError(
        'forbidden',
        wording('providerForbidden', { provider: providerName, detail }),
        base,
      )
    if (status === 404) {
      // A model the server does not have says so in its body; a bare 404 means the address is wrong.
      if (model && mentionsModel(apiError.error, code))
        return new ProviderError(
          'not-found',
          wording('modelNotFound', { model, provider: providerName, detail }),
          base,
        )
      return new ProviderError(
        'not-found',
        wording('baseUrlWrong', { provider: providerName, baseURL }),
        base,
      )
    }
    if (status === 429 && isQuota(code, detail)) {
      return new ProviderError(
        'quota',
        wording('providerQuota', { provider: providerName, code: code ? `, ${code}` : '' }),
        { ...base, shouldRetry: false },
      )
    }
    if (status === 429) {
      const when =
        retryAfterMs === null
          ? wording('tryAgainShortly')
          : wording('tryAgainIn', { seconds: Math.ceil(retryAfterMs / 1000) })
      return new ProviderError('rate-limited', wording('rateLimited', { provider: providerName, when }), base)
    }
    if (status === 408 || status === 409)
      return new ProviderError(
        'server',
        wording('providerBusy', { provider: providerName, status, detail }),
        base,
      )
    if (status !== null && status >= 500) {
      const overloaded = status === 529 || code === 'overloaded_error' ? wording('overloaded') : ''
      return new ProviderError(
        'server',
        wording('providerProblem', { provider: providerName, status, overloaded, detail }),
        base,
      )
    }
    if (status === null) {
      // An APIError without a status is an `error` event inside a 200 stream.
      const overloaded = code === 'overloaded_error' ? wording('overloaded') : ''
      return new ProviderError(
        'server',
        wording('providerErrorMidAnswer', { provider: providerName, overloaded, detail }),
        base,
      )
    }
    return new ProviderError(
      'bad-request',
      wording('providerRefused', { provider: providerName, status, detail }),
      base,
    )
  }
  if (
    isAny(error, (sdk) => ('OpenAIError' in sdk ? sdk.OpenAIError : sdk.AnthropicError)) ||
    error instanceof SyntaxError
  ) {
    return new ProviderError('malformed', wording('providerMalformed', { provider: providerName }))
  }
  return new ProviderError(
    'unreachable',
    wording('providerFailed', { provider: providerName, reason: networkReason(error) }),
  )
}

/** The one error a Stop (or Cancel) becomes, wherever in the pipeline it lands. */
export function stopped(): ProviderError {
  return new ProviderError('aborted', wording('stopped'))
}

/** A stream that ended without its terminal event: the answer is incomplete, whatever the transport said. */
export function streamCutShort(providerName: string): ProviderError {
  return new ProviderError('truncated', wording('streamCutShort', { provider: providerName }))
}

/** OpenAI's `retry-after-ms`: milliseconds, more precise than Retry-After. */
export function parseRetryAfterMs(value: string | null): number | null {
  if (!value) return null
  const ms = Number(value)
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms) : null
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

function providerDetail(body: unknown, apiKey: string | null): string {
  // OpenAI's SDK hands over the inner `error` object; Anthropic's the whole `{ type, error }` body.
  const shaped = body as { message?: unknown; error?: { message?: unknown } } | undefined
  const message = shaped?.message ?? shaped?.error?.message
  const raw = typeof message === 'string' ? message : ''
  const text = scrub(raw, apiKey).trim().slice(0, 300)
  return text ? `: ${text}` : '.'
}

// Codes and types that mean the account, not the moment, is the problem.
const QUOTA_CODES = new Set([
  'insufficient_quota',
  'billing_hard_limit_reached',
  'billing_not_active',
  'quota_exceeded',
])

function isQuota(code: string | null, detail: string): boolean {
  return (code !== null && QUOTA_CODES.has(code)) || /\b(quota|billing|credit balance)\b/i.test(detail)
}

/** The body's error code, or its type (Anthropic: `{ type: 'error', error: { type } }`). */
function errorCode(body: unknown): string | null {
  const shaped = body as
    | { code?: unknown; type?: unknown; error?: { code?: unknown; type?: unknown } }
    | undefined
  for (const value of [shaped?.code, shaped?.error?.code, shaped?.error?.type, shaped?.type]) {
    if (typeof value === 'string' && value && value !== 'error') return value
  }
  return null
}

function mentionsModel(body: unknown, code: string | null): boolean {
  if (code === 'model_not_found' || code === 'not_found_error') return true
  const shaped = body as { message?: unknown; error?: { message?: unknown } } | undefined
  const message = shaped?.message ?? shaped?.error?.message
  return typeof message === 'string' && /model|deployment/i.test(message)
}

function scrub(text: string, apiKey: string | null): string {
  let out = text
  if (apiKey && apiKey.length >= 4) out = out.split(apiKey).join('[key]')
  // Whatever a provider quotes that looks like a key is hidden too.
  return out.replace(/\b(sk|pk|rk|hf|gsk|xai)[-_][A-Za-z0-9_*.-]{6,}/g, '[key]')
}

export type NetworkCategory = 'dns' | 'refused' | 'tls' | 'timeout' | 'other'

const NETWORK_CODES: Record<string, { label: string; category: NetworkCategory }> = {
  ECONNREFUSED: { label: 'connection refused', category: 'refused' },
  ENOTFOUND: { label: 'host not found', category: 'dns' },
  EAI_AGAIN: { label: 'name lookup failed', category: 'dns' },
  ECONNRESET: { label: 'connection reset', category: 'other' },
  ETIMEDOUT: { label: 'timed out', category: 'timeout' },
  UND_ERR_CONNECT_TIMEOUT: { label: 'timed out connecting', category: 'timeout' },
  EHOSTUNREACH: { label: 'host unreachable', category: 'refused' },
  ENETUNREACH: { label: 'network unreachable', category: 'refused' },
  CERT_HAS_EXPIRED: { label: 'TLS certificate expired', category: 'tls' },
  DEPTH_ZERO_SELF_SIGNED_CERT: { label: 'self-signed TLS certificate', category: 'tls' },
  SELF_SIGNED_CERT_IN_CHAIN: { label: 'self-signed TLS certificate in chain', category: 'tls' },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { label: 'TLS certificate not trusted', category: 'tls' },
  ERR_TLS_CERT_ALTNAME_INVALID: { label: 'TLS certificate is for another host', category: 'tls' },
  EPROTO: { label: 'TLS handshake failed', category: 'tls' },
}

const REDIRECTED = {
  label:
    'it redirected elsewhere, and Roundtable does not follow redirects with your key: use the address it points to as the base URL',
  category: 'other' as const,
}

function networkCause(error: unknown): { label: string; category: NetworkCategory } {
  let current: unknown = error
  for (let depth = 0; depth < 6 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && NETWORK_CODES[code]) return NETWORK_CODES[code]
    // undici's words when a fetch with redirect: 'error' meets a 3xx.
    if ((current as { message?: unknown }).message === 'unexpected redirect') return REDIRECTED
    const inner = (current as { errors?: unknown[] }).errors
    if (Array.isArray(inner) && inner.length > 0) {
      const found = networkCause(inner[0])
      if (found.category !== 'other' || found.label !== 'network error') return found
    }
    current = (current as { cause?: unknown }).cause
  }
  return { label: 'network error', category: 'other' }
}

function networkReason(error: unknown): string {
  return networkCause(error).label
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}
