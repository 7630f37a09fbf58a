// The OpenAI-compatible adapter (and its Azure OpenAI addressing) against the fake provider: real HTTP
// and SSE on loopback, with the request bodies checked against OpenAI's JSON Schema by the fake.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type FakeProvider, startFakeProvider } from '../../../../test/fake-provider/server.ts'
import { createOpenAICompatibleProvider } from './openai-compatible'
import { ProviderError } from './provider-error'
import type { ChatProvider, ChatRequest, ProviderConnection, StreamEvent } from './types'

const KEY = 'sk-openai-adapter-test-key-8765'

let fake: FakeProvider
let previousLogLevel: string | undefined

beforeAll(async () => {
  // The SDK logs "Could not parse message into JSON" for the malformed fault; the adapter sets no log
  // level, so quiet it through the environment the SDK reads.
  previousLogLevel = process.env.OPENAI_LOG
  process.env.OPENAI_LOG = 'off'
  fake = await startFakeProvider({ apiKey: KEY })
})

afterAll(async () => {
  if (previousLogLevel === undefined) delete process.env.OPENAI_LOG
  else process.env.OPENAI_LOG = previousLogLevel
  await fake.close()
})

afterEach(() => {
  // Every body the adapter sent (and everything the fake answered) must match OpenAI's schema.
  expect(fake.schemaErrors.splice(0)).toEqual([])
})

function provider(extra: Partial<ProviderConnection> = {}): ChatProvider {
  return createOpenAICompatibleProvider({
    id: 'o',
    name: 'OpenAI-compatible test',
    protocol: 'openai',
    baseURL: fake.baseURL,
    apiKey: KEY,
    ...extra,
  })
}

function azureProvider(extra: Partial<ProviderConnection> = {}): ChatProvider {
  return createOpenAICompatibleProvider({
    id: 'z',
    name: 'Azure test',
    protocol: 'azure-openai',
    baseURL: fake.origin,
    apiKey: KEY,
    azure: { deployment: 'fake-deployment', apiVersion: '2024-10-21' },
    ...extra,
  })
}

function request(content: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'fake-small',
    messages: [{ role: 'user', content }],
    signal: new AbortController().signal,
    ...extra,
  }
}

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

function lastChatRequest() {
  const recorded = fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)
  return { ...recorded, body: recorded?.body as Record<string, unknown> }
}

describe('OpenAI-compatible adapter', () => {
  it('streams deltas that join to the answer, then one done with usage', async () => {
    const { events, text, error } = await collect(provider(), request('hello there, fake'))
    expect(error).toBeUndefined()
    expect(text).toBe('Echo: hello there, fake')
    expect(events.filter((e) => e.type === 'done')).toEqual([
      {
        type: 'done',
        finishReason: 'stop',
        usage: {
          input: Math.ceil('hello there, fake'.length / 4),
          output: Math.ceil('Echo: hello there, fake'.length / 4),
        },
      },
    ])
    expect(events.at(-1)?.type).toBe('done')
    expect(lastChatRequest().body).toMatchObject({ stream: true, stream_options: { include_usage: true } })
  })

  it('prepends the system prompt as a system message', async () => {
    await collect(
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
    expect(lastChatRequest().body.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'Echo: first' },
      { role: 'user', content: 'hi' },
    ])
    await collect(provider(), request('no system'))
    expect(lastChatRequest().body.messages).toEqual([{ role: 'user', content: 'no system' }])
  })

  it('maps params to temperature, top_p, max_tokens and reasoning_effort', async () => {
    const params = { temperature: 0.4, topP: 0.9, maxTokens: 256, reasoningEffort: 'high' as const }
    const { error } = await collect(provider(), request('x', { params }))
    expect(error).toBeUndefined()
    const { body } = lastChatRequest()
    expect(body).toMatchObject({ temperature: 0.4, top_p: 0.9, max_tokens: 256, reasoning_effort: 'high' })
    // Only api.openai.com (and Azure) get max_completion_tokens.
    expect(body).not.toHaveProperty('max_completion_tokens')

    await collect(provider(), request('x'))
    const bare = lastChatRequest().body
    for (const field of ['temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'reasoning_effort']) {
      expect(bare).not.toHaveProperty(field)
    }
  })

  it('turns reasoning_content deltas into thinking events before the answer', async () => {
    const { events, text, thinking, error } = await collect(
      provider(),
      request('why is the sky blue #reasoning'),
    )
    expect(error).toBeUndefined()
    expect(thinking).toBe('Let me think about: why is the sky blue.')
    expect(text).toBe('Echo: why is the sky blue')
    const kinds = events.map((e) => e.type)
    expect(kinds.lastIndexOf('thinking')).toBeLessThan(kinds.indexOf('delta'))
    expect(kinds.at(-1)).toBe('done')
  })

  it('sends the extra headers from the connection', async () => {
    await collect(
      provider({ headers: { 'x-roundtable-test': 'yes', 'HTTP-Referer': 'https://example.org' } }),
      request('x'),
    )
    const { headers } = lastChatRequest()
    expect(headers?.['x-roundtable-test']).toBe('yes')
    expect(headers?.['http-referer']).toBe('https://example.org')
  })

  it('uses the fetch it is given', async () => {
    let calls = 0
    const counting: typeof fetch = (input, init) => {
      calls++
      return fetch(input, init)
    }
    const chat = provider({ fetch: counting })
    expect((await collect(chat, request('x'))).text).toBe('Echo: x')
    expect(calls).toBe(1)
    await chat.listModels()
    expect(calls).toBe(2)
  })

  it('lists models', async () => {
    expect(await provider().listModels()).toEqual([
      { id: 'fake-small', displayName: null, contextWindow: null },
      { id: 'fake-large', displayName: null, contextWindow: null },
    ])
  })

  describe('failures', () => {
    it('a wrong key is an auth error whose message does not contain the key', async () => {
      const wrongKey = 'sk-wrong-secret-key-999999'
      const failure = providerError((await collect(provider({ apiKey: wrongKey }), request('hi'))).error)
      expect(failure).toMatchObject({ kind: 'auth', status: 401 })
      expect(failure.message).not.toContain(wrongKey)
    })

    it('429 is rate-limited with retryAfterMs', async () => {
      const failure = providerError((await collect(provider(), request('#fault=429:3'))).error)
      expect(failure).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 3000 })
    })

    it('a dropped or truncated stream is truncated', async () => {
      for (const fault of ['drop', 'truncate']) {
        const { text, error } = await collect(provider(), request(`#fault=${fault} #words=20`))
        expect(text).toBe('word1 word2 word3 ')
        expect(providerError(error).kind).toBe('truncated')
      }
    })

    it('an error object inside the stream is a server error', async () => {
      const failure = providerError(
        (await collect(provider(), request('#fault=stream-error #words=20'))).error,
      )
      expect(failure).toMatchObject({ kind: 'server', status: null })
      expect(failure.message).toContain('Overloaded')
    })

    it('a malformed chunk is malformed', async () => {
      expect(
        providerError((await collect(provider(), request('#fault=malformed #words=9'))).error).kind,
      ).toBe('malformed')
    })

    it('aborting mid-stream is aborted', async () => {
      const controller = new AbortController()
      let seen = 0
      let error: unknown
      try {
        for await (const _ of provider().streamChat(
          request('#words=1000 #delay=20', { signal: controller.signal }),
        )) {
          if (++seen === 3) controller.abort()
        }
      } catch (e) {
        error = e
      }
      expect(seen).toBe(3)
      expect(providerError(error).kind).toBe('aborted')
    })
  })

  describe('Azure OpenAI', () => {
    it('streams an answer from the deployment', async () => {
      const { text, events, error } = await collect(
        azureProvider(),
        request('hello azure', { model: 'fake-deployment' }),
      )
      expect(error).toBeUndefined()
      expect(text).toBe('Echo: hello azure')
      expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' })
      const recorded = lastChatRequest()
      expect(recorded.path).toBe('/openai/deployments/fake-deployment/chat/completions')
      expect(recorded.query).toEqual({ 'api-version': '2024-10-21' })
      expect(recorded.hadAuthorization).toBe(true)
    })

    it('sends max_completion_tokens, as OpenAI itself wants', async () => {
      await collect(azureProvider(), request('x', { model: 'fake-deployment', params: { maxTokens: 99 } }))
      const { body } = lastChatRequest()
      expect(body.max_completion_tokens).toBe(99)
      expect(body).not.toHaveProperty('max_tokens')
    })

    it('lists the deployment as the one model', async () => {
      expect(await azureProvider().listModels()).toEqual([
        { id: 'fake-deployment', displayName: null, contextWindow: null },
      ])
      expect(fake.requests.at(-1)).toMatchObject({
        path: '/openai/models',
        query: { 'api-version': '2024-10-21' },
      })
    })

    it('reports an unknown deployment as not-found and a wrong key as auth', async () => {
      const missing = azureProvider({ azure: { deployment: 'nope', apiVersion: '2024-10-21' } })
      const notFound = providerError((await collect(missing, request('x', { model: 'nope' }))).error)
      expect(notFound).toMatchObject({ kind: 'not-found', status: 404 })
      expect(notFound.message).toContain('The API deployment for this resource does not exist')
      const auth = providerError(
        (await collect(azureProvider({ apiKey: 'wrong-azure-key' }), request('x'))).error,
      )
      expect(auth.kind).toBe('auth')
      expect(auth.message).not.toContain('wrong-azure-key')
    })
  })
})
