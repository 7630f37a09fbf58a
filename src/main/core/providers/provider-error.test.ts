import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai'
import { describe, expect, it } from 'vitest'
import { type ErrorContext, ProviderError, parseRetryAfter, toProviderError } from './provider-error'

const KEY = 'sk-abcdef123456'

const context: ErrorContext = {
  providerName: 'OpenAI',
  baseURL: 'https://api.example.test/v1',
  model: 'gpt-test',
  apiKey: KEY,
}

function apiError(status: number, message: string, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, { error: { message } }, undefined, new Headers(headers))
}

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code })
}

describe('parseRetryAfter', () => {
  it('reads seconds', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter('0')).toBe(0)
    expect(parseRetryAfter('1.5')).toBe(1500)
  })

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000)
  })

  it('treats a date in the past as no wait', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0)
  })

  it('returns null for nothing or garbage', () => {
    expect(parseRetryAfter(null)).toBeNull()
    expect(parseRetryAfter('')).toBeNull()
    expect(parseRetryAfter('soon')).toBeNull()
    expect(parseRetryAfter('tomorrow-ish')).toBeNull()
  })
})

describe('ProviderError', () => {
  it('knows which kinds are worth retrying', () => {
    // A stream that closed before any text (truncated) is worth another try; after text, the
    // pipeline never retries whatever the kind.
    for (const kind of ['rate-limited', 'server', 'unreachable', 'timeout', 'truncated'] as const)
      expect(new ProviderError(kind, 'x').retryable).toBe(true)
    for (const kind of [
      'auth',
      'forbidden',
      'not-found',
      'bad-request',
      'malformed',
      'aborted',
      'quota',
      'paused',
      'queue-full',
      'too-long',
    ] as const)
      expect(new ProviderError(kind, 'x').retryable).toBe(false)
  })

  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [529, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [422, false],
  ])('retries status %i: %s', (status, expected) => {
    expect(new ProviderError(status >= 500 ? 'server' : 'bad-request', 'x', { status }).retryable).toBe(
      expected,
    )
  })

  it('lets x-should-retry decide other statuses, but never a 400/401/403/404/422, a quota, a pause or a stop', () => {
    expect(new ProviderError('bad-request', 'x', { status: 400, shouldRetry: true }).retryable).toBe(false)
    expect(new ProviderError('bad-request', 'x', { status: 418, shouldRetry: true }).retryable).toBe(true)
    expect(new ProviderError('server', 'x', { status: 503, shouldRetry: false }).retryable).toBe(false)
    expect(new ProviderError('quota', 'x', { status: 429, shouldRetry: true }).retryable).toBe(false)
    expect(new ProviderError('aborted', 'x', { shouldRetry: true }).retryable).toBe(false)
  })

  it('defaults status and retryAfterMs to null', () => {
    const error = new ProviderError('server', 'x')
    expect(error.status).toBeNull()
    expect(error.retryAfterMs).toBeNull()
    expect(error).toBeInstanceOf(Error)
  })
})

describe('toProviderError', () => {
  it('returns a ProviderError unchanged', () => {
    const original = new ProviderError('truncated', 'Cut off.')
    expect(toProviderError(original, context)).toBe(original)
  })

  it('maps 401 to auth without repeating any of the key', () => {
    const sdkError = apiError(401, `Incorrect API key provided: ${KEY}. You can find your key at ...`)
    expect(sdkError).toBeInstanceOf(AuthenticationError)
    const error = toProviderError(sdkError, context)
    expect(error.kind).toBe('auth')
    expect(error.status).toBe(401)
    expect(error.retryable).toBe(false)
    expect(error.message).toContain('OpenAI')
    expect(error.message).toContain('401')
    for (const part of ['sk-', 'abcdef', '123456', 'Incorrect API key'])
      expect(error.message).not.toContain(part)
  })

  it('also keeps a partial key quoted in a 401 out of the message', () => {
    const sdkError = apiError(401, 'Incorrect API key provided: sk-abc*****3456.')
    const error = toProviderError(sdkError, { ...context, apiKey: null })
    expect(error.kind).toBe('auth')
    expect(error.message).not.toContain('3456')
  })

  it('maps 429 to rate-limited with the Retry-After in seconds', () => {
    const sdkError = apiError(429, 'Rate limit reached.', { 'retry-after': '3' })
    expect(sdkError).toBeInstanceOf(RateLimitError)
    const error = toProviderError(sdkError, context)
    expect(error.kind).toBe('rate-limited')
    expect(error.retryable).toBe(true)
    expect(error.retryAfterMs).toBe(3000)
    expect(error.message).toContain('Try again in 3 s')
    expect(error.status).toBe(429)
  })

  it('maps 429 without Retry-After to rate-limited with no wait', () => {
    const error = toProviderError(apiError(429, 'Rate limit reached.'), context)
    expect(error.kind).toBe('rate-limited')
    expect(error.retryAfterMs).toBeNull()
    expect(error.message).toContain('Try again shortly')
  })

  it('maps 404 to not-found naming the model', () => {
    const sdkError = apiError(404, 'The model does not exist.')
    expect(sdkError).toBeInstanceOf(NotFoundError)
    const error = toProviderError(sdkError, context)
    expect(error.kind).toBe('not-found')
    expect(error.message).toContain('gpt-test')
    expect(error.message).toContain('404')
    expect(error.message).toContain('The model does not exist.')
  })

  it('maps 404 without a model to not-found naming the base URL', () => {
    const error = toProviderError(apiError(404, 'No such route.'), { ...context, model: null })
    expect(error.kind).toBe('not-found')
    expect(error.message).toContain(context.baseURL)
  })

  it.each([500, 502, 503])('maps %i to a retryable server error', (status) => {
    const error = toProviderError(apiError(status, 'Overloaded.'), context)
    expect(error.kind).toBe('server')
    expect(error.retryable).toBe(true)
    expect(error.status).toBe(status)
    expect(error.message).toContain(String(status))
  })

  it('keeps a Retry-After sent with a server error', () => {
    const error = toProviderError(apiError(503, 'Overloaded.', { 'retry-after': '7' }), context)
    expect(error.retryAfterMs).toBe(7000)
  })

  it('replaces the configured key with [key] wherever the provider quotes it', () => {
    const custom = 'my-own-gateway-secret-42'
    const sdkError = apiError(403, `Key ${custom} may not use this model. (key=${custom})`)
    expect(sdkError).toBeInstanceOf(PermissionDeniedError)
    const error = toProviderError(sdkError, { ...context, apiKey: custom })
    expect(error.kind).toBe('forbidden')
    expect(error.message).not.toContain(custom)
    expect(error.message).not.toContain('gateway-secret')
    expect(error.message).toContain('Key [key] may not use this model. (key=[key])')
  })

  it('hides anything that looks like a key even when it is not the configured one', () => {
    const error = toProviderError(apiError(403, 'Project key sk-proj-ZZZZZZZZZZ is disabled.'), context)
    expect(error.message).not.toContain('ZZZZZZZZZZ')
    expect(error.message).toContain('[key]')
  })

  it('limits how much of the provider text it repeats', () => {
    const error = toProviderError(apiError(400, 'x'.repeat(5_000)), context)
    expect(error.kind).toBe('bad-request')
    expect(error.message.length).toBeLessThan(500)
  })

  it('maps another 4xx to bad-request, not retryable', () => {
    const error = toProviderError(apiError(400, 'max_tokens is too large.'), context)
    expect(error.kind).toBe('bad-request')
    expect(error.retryable).toBe(false)
    expect(error.message).toContain('max_tokens is too large.')
  })

  it('maps a refused connection to unreachable, with the reason and the base URL', () => {
    const sdkError = new APIConnectionError({
      message: 'Connection error.',
      cause: withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
    })
    const error = toProviderError(sdkError, context)
    expect(error.kind).toBe('unreachable')
    expect(error.retryable).toBe(true)
    expect(error.message).toContain('connection refused')
    expect(error.message).toContain(context.baseURL)
  })

  it('finds the network reason a few causes deep', () => {
    const inner = withCode('getaddrinfo ENOTFOUND api.example.test', 'ENOTFOUND')
    const middle = new TypeError('fetch failed', { cause: inner })
    const error = toProviderError(new APIConnectionError({ cause: middle }), context)
    expect(error.kind).toBe('unreachable')
    expect(error.message).toContain('host not found')
  })

  it('maps a connection timeout to timeout', () => {
    const error = toProviderError(new APIConnectionTimeoutError(), context)
    expect(error.kind).toBe('timeout')
    expect(error.retryable).toBe(true)
  })

  it('maps a user abort to aborted', () => {
    const error = toProviderError(new APIUserAbortError(), context)
    expect(error.kind).toBe('aborted')
    expect(error.retryable).toBe(false)
  })

  it('maps a DOM AbortError to aborted', () => {
    expect(toProviderError(new DOMException('The operation was aborted.', 'AbortError'), context).kind).toBe(
      'aborted',
    )
  })

  it('maps a JSON parse failure to malformed', () => {
    let syntaxError: unknown
    try {
      JSON.parse('{not json')
    } catch (error) {
      syntaxError = error
    }
    const error = toProviderError(syntaxError, context)
    expect(error.kind).toBe('malformed')
    expect(error.retryable).toBe(false)
  })

  it('maps anything else to unreachable without repeating its text', () => {
    const error = toProviderError(new Error('internal detail /home/user/.secret'), context)
    expect(error.kind).toBe('unreachable')
    expect(error.message).not.toContain('.secret')
  })
})
