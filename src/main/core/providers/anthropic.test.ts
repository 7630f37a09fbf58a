// The Anthropic adapter against the fake provider's Messages API: real HTTP and SSE on loopback, so
// what is checked is what the SDK really sends and how each failure really surfaces.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type FakeProvider, startFakeProvider } from '../../../../test/fake-provider/server.ts'
import { createAnthropicProvider } from './anthropic'
import { ProviderError } from './provider-error'
import type { ChatProvider, ChatRequest, ProviderConnection, StreamEvent } from './types'

const KEY = 'sk-ant-adapter-test-key-4321'
const MODEL = 'claude-fake-sonnet'

let fake: FakeProvider
let previousLogLevel: string | undefined

beforeAll(async () => {
  // The SDK logs "Could not parse message into JSON" at error level for the malformed fault; the
  // adapter sets no log level, so quiet it through the environment the SDK reads.
  previousLogLevel = process.env.ANTHROPIC_LOG
  process.env.ANTHROPIC_LOG = 'off'
  fake = await startFakeProvider({ apiKey: KEY })
})

afterAll(async () => {
  if (previousLogLevel === undefined) delete process.env.ANTHROPIC_LOG
  else process.env.ANTHROPIC_LOG = previousLogLevel
  await fake.close()
})

afterEach(() => {
  // Every request the adapter sent must have been one the real API would accept. Emptied each time,
  // so one bad request fails only the test that sent it.
  expect(fake.schemaErrors.splice(0)).toEqual([])
})

function provider(extra: Partial<ProviderConnection> = {}): ChatProvider {
  return createAnthropicProvider({
    id: 'a',
    name: 'Anthropic test',
    protocol: 'anthropic',
    baseURL: fake.origin,
    apiKey: KEY,
    ...extra,
  })
}

function request(content: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: MODEL,
    messages: [{ role: 'user', content }],
    signal: new AbortController().signal,
    ...extra,
  }
}

/** Runs a chat to the end, collecting the events and the error it ended with, if any. */
async function collect(chat: ChatProvider, req: ChatRequest) {
  const events: StreamEvent[] = []
  let error: unknown
  try {
    for await (const event of chat.streamChat(req)) events.push(event)
  } catch (e) {
    error = e
  }
  const text = events.map((e) => (e.type === 'delta' ? e.text : '')).join('')
  const thinking = events.map((e) => (e.type === 'thinking' ? e.text : '')).join('')
  return { events, text, thinking, error }
}

function providerError(error: unknown): ProviderError {
  expect(error).toBeInstanceOf(ProviderError)
  return error as ProviderError
}

/** The body of the last /v1/messages request the fake saw. */
function lastMessagesBody(): Record<string, unknown> {
  const recorded = fake.requests.filter((r) => r.path === '/v1/messages').at(-1)
  return recorded?.body as Record<string, unknown>
}

describe('Anthropic adapter', () => {
  it('streams text deltas that join to the answer, then one done with usage', async () => {
    const { events, text, error } = await collect(provider(), request('hello there, fake'))
    expect(error).toBeUndefined()
    expect(text).toBe('Echo: hello there, fake')
    expect(events.filter((e) => e.type === 'delta').length).toBeGreaterThan(1)
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1)
    expect(events.at(-1)).toEqual({
      type: 'done',
      finishReason: 'end_turn',
      // The last message_delta's counts are final (cumulative), prompt cache included.
      usage: {
        input: Math.ceil('hello there, fake'.length / 4),
        output: Math.ceil('Echo: hello there, fake'.length / 4),
        cacheRead: 7,
        cacheWrite: 0,
      },
    })
    expect(lastMessagesBody()).toMatchObject({ model: MODEL, stream: true, max_tokens: expect.any(Number) })
  })

  it('sends the system prompt as `system`, not as a message', async () => {
    const { text } = await collect(
      provider(),
      request('hi', {
        system: 'You are terse.',
        messages: [
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'Echo: first' },
          { role: 'user', content: 'hi' },
        ],
      }),
    )
    expect(text).toBe('Echo: hi')
    const body = lastMessagesBody()
    expect(body.system).toBe('You are terse.')
    expect(body.messages).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'Echo: first' },
      { role: 'user', content: 'hi' },
    ])
  })

  it('maps temperature, top_p and max_tokens when thinking is off', async () => {
    await collect(provider(), request('x', { params: { temperature: 0.3, topP: 0.8, maxTokens: 321 } }))
    const body = lastMessagesBody()
    expect(body).toMatchObject({ temperature: 0.3, top_p: 0.8, max_tokens: 321 })
    expect(body).not.toHaveProperty('thinking')
  })

  it('with reasoningEffort, enables thinking (budget under max_tokens, no temperature) and yields thinking first', async () => {
    const { events, text, thinking, error } = await collect(
      provider(),
      request('why is the sky blue', { params: { reasoningEffort: 'medium', temperature: 0.7, topP: 0.9 } }),
    )
    expect(error).toBeUndefined()
    expect(thinking).toBe('Let me think about: why is the sky blue.')
    expect(text).toBe('Echo: why is the sky blue')
    const kinds = events.map((e) => e.type)
    expect(kinds.lastIndexOf('thinking')).toBeLessThan(kinds.indexOf('delta'))
    expect(kinds.at(-1)).toBe('done')

    const body = lastMessagesBody()
    const budget = (body.thinking as { budget_tokens: number }).budget_tokens
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: expect.any(Number) })
    expect(budget).toBeGreaterThanOrEqual(1024)
    expect(budget).toBeLessThan(body.max_tokens as number)
    expect(body).not.toHaveProperty('temperature')
    expect(body).not.toHaveProperty('top_p')
  })

  it.each([
    ['low', undefined],
    ['high', 1000],
    ['medium', 4096],
  ] as const)(
    'keeps max_tokens above the thinking budget (effort %s, maxTokens %s)',
    async (effort, maxTokens) => {
      const { error } = await collect(
        provider(),
        request('x', { params: { reasoningEffort: effort, maxTokens } }),
      )
      expect(error).toBeUndefined()
      const body = lastMessagesBody()
      expect((body.thinking as { budget_tokens: number }).budget_tokens).toBeLessThan(
        body.max_tokens as number,
      )
    },
  )

  it("keeps temperature inside Anthropic's 0-1 range (chat settings allow up to 2)", async () => {
    // src/shared/contract.ts accepts temperature 0-2 for every chat; the Messages API refuses > 1 with a 400.
    const { text, error } = await collect(provider(), request('warm', { params: { temperature: 1.5 } }))
    expect(error).toBeUndefined()
    expect(text).toBe('Echo: warm')
    expect(lastMessagesBody().temperature).toBeLessThanOrEqual(1)
  })

  it('sends extra headers from the connection and uses the fetch it is given', async () => {
    let calls = 0
    const counting: typeof fetch = (input, init) => {
      calls++
      return fetch(input, init)
    }
    const chat = provider({ headers: { 'x-roundtable-test': 'yes' }, fetch: counting })
    const { text } = await collect(chat, request('x'))
    expect(text).toBe('Echo: x')
    expect(calls).toBe(1)
    await chat.listModels()
    expect(calls).toBe(2)
    expect(fake.requests.at(-1)?.headers['x-roundtable-test']).toBe('yes')
  })

  describe('failures', () => {
    it('a wrong key is an auth error whose message does not contain the key', async () => {
      const wrongKey = 'sk-ant-wrong-secret-key-999'
      const { error } = await collect(provider({ apiKey: wrongKey }), request('hi'))
      const failure = providerError(error)
      expect(failure.kind).toBe('auth')
      expect(failure.status).toBe(401)
      expect(failure.retryable).toBe(false)
      expect(failure.message).not.toContain(wrongKey)
      expect(failure.message).not.toContain(KEY)
    })

    it('429 is rate-limited with retryAfterMs from Retry-After', async () => {
      const failure = providerError((await collect(provider(), request('#fault=429:7'))).error)
      expect(failure).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 7000 })
      expect(failure.retryable).toBe(true)
    })

    it('529 is a retryable server error', async () => {
      const failure = providerError((await collect(provider(), request('#fault=529'))).error)
      expect(failure).toMatchObject({ kind: 'server', status: 529 })
      expect(failure.message).toContain('overloaded')
      expect(failure.retryable).toBe(true)
    })

    it('an unknown model is not-found', async () => {
      const failure = providerError(
        (await collect(provider(), request('hi', { model: 'claude-nope' }))).error,
      )
      expect(failure).toMatchObject({ kind: 'not-found', status: 404 })
      expect(failure.message).toContain('claude-nope')
    })

    it('a dropped connection mid-stream is truncated, after the text that did arrive', async () => {
      const { text, events, error } = await collect(provider(), request('#fault=drop #words=20'))
      expect(text).toBe('word1 word2 word3 ')
      expect(events.some((e) => e.type === 'done')).toBe(false)
      const failure = providerError(error)
      // Retryable as a kind, but text arrived: the pipeline never retries past the first token.
      expect(failure.kind).toBe('truncated')
    })

    it('a stream that ends cleanly without message_stop is truncated', async () => {
      const { text, error } = await collect(provider(), request('#fault=truncate:2 #words=20'))
      expect(text).toBe('word1 word2 ')
      expect(providerError(error).kind).toBe('truncated')
    })

    it('an error event inside the stream is a server error with the provider message', async () => {
      const { text, error } = await collect(provider(), request('#fault=stream-error #words=20'))
      expect(text).toBe('word1 word2 word3 ')
      const failure = providerError(error)
      expect(failure.kind).toBe('server')
      expect(failure.status).toBeNull()
      expect(failure.message).toContain('Overloaded')
      expect(failure.retryable).toBe(true)
    })

    it('a malformed event is malformed', async () => {
      const { text, error } = await collect(provider(), request('#fault=malformed #words=20'))
      expect(text).toBe('word1 word2 ')
      expect(providerError(error).kind).toBe('malformed')
    })

    it('aborting mid-stream ends with aborted, and the fake stops working', async () => {
      const controller = new AbortController()
      const events: StreamEvent[] = []
      let error: unknown
      try {
        for await (const event of provider().streamChat(
          request('#words=1000 #delay=20', { signal: controller.signal }),
        )) {
          events.push(event)
          if (events.length === 3) controller.abort()
        }
      } catch (e) {
        error = e
      }
      expect(events).toHaveLength(3)
      expect(providerError(error).kind).toBe('aborted')
      const deadline = performance.now() + 1000
      while (fake.inFlight > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5))
      expect(fake.inFlight).toBe(0)
    })

    it('aborting while waiting for the first event is aborted too', async () => {
      const controller = new AbortController()
      const pending = collect(provider(), request('#fault=slow:2000', { signal: controller.signal }))
      setTimeout(() => controller.abort(), 50)
      expect(providerError((await pending).error).kind).toBe('aborted')
    })

    it('an address nobody listens on is unreachable', async () => {
      const gone = await startFakeProvider()
      await gone.close()
      const failure = providerError((await collect(provider({ baseURL: gone.origin }), request('hi'))).error)
      expect(failure.kind).toBe('unreachable')
      expect(failure.network).toBe('refused')
    })
  })

  describe('listModels', () => {
    it('returns the ids with their display names', async () => {
      expect(await provider().listModels()).toEqual([
        { id: 'claude-fake-sonnet', displayName: 'Claude Fake Sonnet', contextWindow: null },
        { id: 'claude-fake-haiku', displayName: 'Claude Fake Haiku', contextWindow: null },
      ])
      const recorded = fake.requests.at(-1)
      expect(recorded?.path).toBe('/v1/models')
      expect(recorded?.headers['anthropic-version']).toEqual(expect.any(String))
    })

    it('follows pages and reports a wrong key as auth', async () => {
      const many = Array.from({ length: 25 }, (_, i) => `claude-m${i}`)
      const own = await startFakeProvider({ anthropicModels: many })
      try {
        const listed = await createAnthropicProvider({
          id: 'b',
          name: 'Paged',
          protocol: 'anthropic',
          baseURL: own.origin,
          apiKey: null,
        }).listModels()
        expect(listed.map((m) => m.id)).toEqual(many)
      } finally {
        await own.close()
      }
      const failure = await provider({ apiKey: 'sk-ant-nope-nope-nope' })
        .listModels()
        .catch((e: unknown) => e)
      expect(providerError(failure).kind).toBe('auth')
    })
  })
})
