/**
 * The fake provider's Anthropic side over real HTTP: raw fetch / node:http for the exact SSE on the
 * wire, and @anthropic-ai/sdk to pin down how the client our adapter uses reacts to each fault.
 */
import http from 'node:http'
import Anthropic from '@anthropic-ai/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fillerWords, UTF8_SAMPLE } from './answers.ts'
import { displayName, messagesRequestProblem } from './anthropic.ts'
import { type FakeProvider, startFakeProvider } from './server.ts'

const KEY = 'sk-ant-fake-test-key-5678'
const VERSION = '2023-06-01'

interface SseEvent {
  event: string
  data: string
}

interface Delta {
  type: string
  text?: string
  thinking?: string
  signature?: string
}

/** Splits an Anthropic SSE body into `{ event, data }` pairs; every event must have both lines. */
function sseEvents(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.length > 0)
    .map((block) => {
      const match = /^event: (\S+)\ndata: (.*)$/s.exec(block)
      expect(match, `not an Anthropic SSE event: ${JSON.stringify(block)}`).not.toBeNull()
      return { event: match?.[1] ?? '', data: match?.[2] ?? '' }
    })
}

/** Parses each event's data and checks that the `event:` name matches its `type`. */
function parsed(events: SseEvent[]): ({ type: string } & Record<string, unknown>)[] {
  return events.map(({ event, data }) => {
    const value = JSON.parse(data) as { type: string } & Record<string, unknown>
    expect(value.type).toBe(event)
    return value
  })
}

function deltas(events: ({ type: string } & Record<string, unknown>)[], kind: string): string[] {
  return events
    .filter((e) => e.type === 'content_block_delta' && (e.delta as Delta).type === kind)
    .map((e) => {
      const delta = e.delta as Delta
      return delta.text ?? delta.thinking ?? delta.signature ?? ''
    })
}

function headers(key: string | null = KEY, version: string | null = VERSION): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(key === null ? {} : { 'x-api-key': key }),
    ...(version === null ? {} : { 'anthropic-version': version }),
  }
}

function post(
  fake: FakeProvider,
  body: unknown,
  opts: { key?: string | null; version?: string | null } = {},
): Promise<Response> {
  return fetch(`${fake.origin}/v1/messages`, {
    method: 'POST',
    headers: headers(
      opts.key === undefined ? KEY : opts.key,
      opts.version === undefined ? VERSION : opts.version,
    ),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function message(content: string, extra: Record<string, unknown> = {}) {
  return { model: 'claude-fake-sonnet', max_tokens: 1024, messages: [{ role: 'user', content }], ...extra }
}

async function errorOf(res: Response): Promise<{ type: string; error: { type: string; message: string } }> {
  return (await res.json()) as { type: string; error: { type: string; message: string } }
}

function sdk(fake: FakeProvider, extra: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}): Anthropic {
  // logLevel 'off' keeps the SDK's "Could not parse message into JSON" noise out of the test output.
  return new Anthropic({ apiKey: KEY, baseURL: fake.origin, maxRetries: 0, logLevel: 'off', ...extra })
}

/** Streams `content` through the SDK and collects text, thinking, event types, or the error it throws. */
async function sdkStream(client: Anthropic, content: string, extra: Record<string, unknown> = {}) {
  const text: string[] = []
  const thinking: string[] = []
  const types: string[] = []
  let error: unknown
  try {
    const stream = await client.messages.create({
      model: 'claude-fake-sonnet',
      max_tokens: 2048,
      messages: [{ role: 'user', content }],
      stream: true,
      ...extra,
    })
    for await (const event of stream) {
      types.push(event.type)
      if (event.type === 'content_block_delta') {
        if (event.delta.type === 'text_delta') text.push(event.delta.text)
        if (event.delta.type === 'thinking_delta') thinking.push(event.delta.thinking)
      }
    }
  } catch (e) {
    error = e
  }
  return { text: text.join(''), thinking: thinking.join(''), types, error }
}

async function settled(fake: FakeProvider, withinMs = 500): Promise<number> {
  const deadline = performance.now() + withinMs
  while (fake.inFlight > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5))
  return fake.inFlight
}

describe('fake provider: Anthropic Messages API', () => {
  let fake: FakeProvider
  beforeAll(async () => {
    fake = await startFakeProvider({ apiKey: KEY })
  })
  afterAll(async () => {
    await fake.close()
  })

  describe('streaming', () => {
    it('streams message_start, a text block, message_delta and message_stop as named SSE events', async () => {
      const res = await post(fake, message('hello world, how are you today?', { stream: true }))
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/event-stream')
      expect(res.headers.get('request-id')).toMatch(/^req_[0-9a-f]{32}$/)
      const events = parsed(sseEvents(await res.text()))
      const types = events.map((e) => e.type).filter((t) => t !== 'ping')
      expect(types[0]).toBe('message_start')
      expect(types[1]).toBe('content_block_start')
      expect(types.slice(2, -3).every((t) => t === 'content_block_delta')).toBe(true)
      expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop'])
      expect(events.some((e) => e.type === 'ping')).toBe(true)

      const start = events[0] as unknown as { message: Record<string, unknown> }
      expect(start.message).toEqual({
        id: expect.stringMatching(/^msg_/),
        type: 'message',
        role: 'assistant',
        model: 'claude-fake-sonnet',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: Math.ceil('hello world, how are you today?'.length / 4), output_tokens: 1 },
      })
      expect(events.find((e) => e.type === 'content_block_start')).toEqual({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      })
      const text = deltas(events, 'text_delta')
      expect(text.length).toBeGreaterThan(3)
      expect(text.join('')).toBe('Echo: hello world, how are you today?')
      expect(events.filter((e) => e.type === 'content_block_delta').every((e) => e.index === 0)).toBe(true)
      expect(events.at(-2)).toEqual({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        // Cumulative, as the real API reports it: the input again, and the prompt cache's share.
        usage: {
          input_tokens: expect.any(Number),
          output_tokens: Math.ceil('Echo: hello world, how are you today?'.length / 4),
          cache_read_input_tokens: 7,
          cache_creation_input_tokens: 0,
        },
      })
      expect(events.at(-1)).toEqual({ type: 'message_stop' })
    })

    it('streams a thinking block (deltas, then a signature) before the text when thinking is enabled', async () => {
      const res = await post(
        fake,
        message('why is the sky blue', {
          stream: true,
          max_tokens: 4096,
          thinking: { type: 'enabled', budget_tokens: 2048 },
        }),
      )
      expect(res.status).toBe(200)
      const events = parsed(sseEvents(await res.text())).filter((e) => e.type !== 'ping')
      const blocks = events.filter((e) => e.type === 'content_block_start')
      expect(blocks).toEqual([
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        },
        { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      ])
      const thinking = deltas(events, 'thinking_delta')
      expect(thinking.length).toBeGreaterThan(1)
      expect(thinking.join('')).toBe('Let me think about: why is the sky blue.')
      expect(deltas(events, 'signature_delta')).toEqual([expect.stringMatching(/^[A-Za-z0-9+/]+=*$/)])
      // Thinking block: start, deltas, signature, stop; then the text block.
      const order = events.map((e) => `${e.type}:${e.index ?? ''}`)
      const thinkingStop = order.indexOf('content_block_stop:0')
      const textStart = order.indexOf('content_block_start:1')
      expect(order.lastIndexOf('content_block_delta:0')).toBeLessThan(thinkingStop)
      expect(thinkingStop).toBeLessThan(textStart)
      expect(deltas(events, 'text_delta').join('')).toBe('Echo: why is the sky blue')
      const usage = events.find((e) => e.type === 'message_delta')?.usage as { output_tokens: number }
      expect(usage.output_tokens).toBe(
        Math.ceil(
          ('Let me think about: why is the sky blue.'.length + 'Echo: why is the sky blue'.length) / 4,
        ),
      )
    })

    it('streams through the SDK, with the system prompt counted in input tokens', async () => {
      const client = sdk(fake)
      const result = await sdkStream(client, 'Tell me *something*', { system: 'be brief' })
      expect(result.error).toBeUndefined()
      expect(result.text).toBe('Echo: Tell me *something*')
      expect(result.types.at(-1)).toBe('message_stop')
      expect(fake.requests.at(-1)?.body).toMatchObject({ system: 'be brief', stream: true })

      const final = await client.messages
        .stream({
          model: 'claude-fake-haiku',
          max_tokens: 100,
          system: [{ type: 'text', text: 'be brief' }],
          messages: [{ role: 'user', content: 'abcd' }],
        })
        .finalMessage()
      expect(final.content).toEqual([{ type: 'text', text: 'Echo: abcd' }])
      expect(final.usage.input_tokens).toBe(Math.ceil('be brief\nabcd'.length / 4))
      expect(final.usage.output_tokens).toBe(Math.ceil('Echo: abcd'.length / 4))
      expect(final.stop_reason).toBe('end_turn')
    })

    it('reads the last user message, including text block arrays', async () => {
      const result = await sdkStream(sdk(fake), '', {
        messages: [
          { role: 'user', content: 'first question' },
          { role: 'assistant', content: 'first answer' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'part one' },
              { type: 'text', text: 'part two' },
            ],
          },
        ],
      })
      expect(result.error).toBeUndefined()
      expect(result.text).toBe('Echo: part one\npart two')
    })

    it('applies #words and #delay', async () => {
      const words = await sdkStream(sdk(fake), 'write #words=40')
      expect(words.text).toBe(fillerWords(40))
      const arrivals: number[] = []
      const stream = await sdk(fake).messages.create({
        model: 'claude-fake-sonnet',
        max_tokens: 100,
        messages: [{ role: 'user', content: '#delay=40 #words=5' }],
        stream: true,
      })
      for await (const event of stream)
        if (event.type === 'content_block_delta') arrivals.push(performance.now())
      expect(arrivals).toHaveLength(5)
      expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(4 * 35)
    })

    it('answers with one message JSON when stream is false or absent', async () => {
      const res = await post(fake, message('plain please'))
      expect(res.headers.get('content-type')).toBe('application/json')
      expect(await res.json()).toEqual({
        id: expect.stringMatching(/^msg_/),
        type: 'message',
        role: 'assistant',
        model: 'claude-fake-sonnet',
        content: [{ type: 'text', text: 'Echo: plain please' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 3, output_tokens: 5 },
      })
      const viaSdk = await sdk(fake).messages.create({
        model: 'claude-fake-haiku',
        max_tokens: 3000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'again #words=3' }],
      })
      expect(viaSdk.content.map((b) => b.type)).toEqual(['thinking', 'text'])
      expect(viaSdk.content[0]).toMatchObject({ thinking: 'Let me think about: again.' })
      expect(viaSdk.content[1]).toMatchObject({ text: 'word1 word2 word3.' })
    })
  })

  describe('authentication and headers', () => {
    it('answers 401 authentication_error without echoing the key, and records no key', async () => {
      const before = fake.requests.length
      for (const key of [null, 'sk-ant-wrong-secret-999']) {
        const res = await post(fake, message('hi'), { key })
        expect(res.status).toBe(401)
        const text = await res.text()
        expect(text).not.toContain('sk-ant-wrong-secret-999')
        expect(JSON.parse(text)).toEqual({
          type: 'error',
          error: { type: 'authentication_error', message: 'invalid x-api-key' },
        })
      }
      const [missing, wrong] = fake.requests.slice(before)
      expect(missing?.hadAuthorization).toBe(false)
      expect(wrong?.hadAuthorization).toBe(true)
      expect(wrong?.headers['x-api-key']).toBeUndefined()
      expect(JSON.stringify(fake.requests)).not.toContain('sk-ant-wrong-secret-999')
      expect(JSON.stringify(fake.requests)).not.toContain(KEY)

      const error = await sdk(fake, { apiKey: 'sk-ant-wrong' })
        .messages.create({
          model: 'claude-fake-sonnet',
          max_tokens: 5,
          messages: [{ role: 'user', content: 'x' }],
        })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Anthropic.AuthenticationError)
      expect((error as InstanceType<typeof Anthropic.APIError>).type).toBe('authentication_error')
    })

    it('accepts the key in x-api-key or, as this SDK sends it, as a bearer token', async () => {
      expect((await post(fake, message('hi'))).status).toBe(200)
      await sdk(fake).messages.create({
        model: 'claude-fake-sonnet',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
      })
      const recorded = fake.requests.at(-1)
      expect(recorded?.hadAuthorization).toBe(true)
      expect(recorded?.headers.authorization).toBeUndefined()
      expect(recorded?.headers['anthropic-version']).toEqual(expect.any(String))
    })

    it('answers 400 when anthropic-version is missing', async () => {
      const res = await post(fake, message('hi'), { version: null })
      expect(res.status).toBe(400)
      expect(await errorOf(res)).toEqual({
        type: 'error',
        error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
      })
    })

    it('answers 404 not_found_error for an unknown model, path or method', async () => {
      const res = await post(fake, message('hi', { model: 'claude-nope' }))
      expect(res.status).toBe(404)
      expect(await errorOf(res)).toEqual({
        type: 'error',
        error: { type: 'not_found_error', message: 'model: claude-nope' },
      })
      const error = await sdk(fake)
        .messages.create({ model: 'claude-nope', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Anthropic.NotFoundError)
      for (const other of [
        await fetch(`${fake.origin}/v1/messages`, { headers: headers() }),
        await fetch(`${fake.origin}/v1/complete`, { method: 'POST', headers: headers(), body: '{}' }),
      ]) {
        expect(other.status).toBe(404)
        expect((await errorOf(other)).error.type).toBe('not_found_error')
      }
    })
  })

  describe('request rules', () => {
    it.each([
      [
        'no max_tokens',
        { model: 'claude-fake-sonnet', messages: [{ role: 'user', content: 'x' }] },
        'max_tokens: Field required',
      ],
      ['max_tokens 0', message('x', { max_tokens: 0 }), 'max_tokens: Input should be a positive integer'],
      [
        'fractional max_tokens',
        message('x', { max_tokens: 10.5 }),
        'max_tokens: Input should be a positive integer',
      ],
      ['no model', { max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }, 'model: Field required'],
      [
        'no messages',
        { model: 'claude-fake-sonnet', max_tokens: 5, messages: [] },
        'messages: at least one message is required',
      ],
      [
        'a system role in messages',
        message('x', { messages: [{ role: 'system', content: 'x' }] }),
        "messages.0.role: Input should be 'user' or 'assistant'",
      ],
      [
        'empty content',
        message('x', { messages: [{ role: 'user', content: '' }] }),
        'messages.0: all messages must have non-empty content',
      ],
      [
        'an image block',
        message('x', { messages: [{ role: 'user', content: [{ type: 'image' }] }] }),
        'messages.0.content.0',
      ],
      [
        'a bad system',
        message('x', { system: 42 }),
        'system: Input should be a string or a list of text blocks',
      ],
      [
        'temperature above 1',
        message('x', { temperature: 1.5 }),
        'temperature: Input should be a number between 0 and 1',
      ],
      ['negative top_p', message('x', { top_p: -0.1 }), 'top_p: Input should be a number between 0 and 1'],
      ['an unknown field', message('x', { maxTokens: 5 }), 'maxTokens: Extra inputs are not permitted'],
      ['a non-boolean stream', message('x', { stream: 'yes' }), 'stream: Input should be a boolean'],
      [
        'a thinking budget under 1024',
        message('x', { max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 1000 } }),
        'thinking.budget_tokens: Input should be greater than or equal to 1024',
      ],
      [
        'a thinking budget not under max_tokens',
        message('x', { max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 2048 } }),
        '`max_tokens` must be greater than `thinking.budget_tokens`.',
      ],
      [
        'temperature with thinking',
        message('x', {
          max_tokens: 4096,
          temperature: 0.5,
          thinking: { type: 'enabled', budget_tokens: 1024 },
        }),
        '`temperature` cannot be set when thinking is enabled.',
      ],
      [
        'top_p with thinking',
        message('x', { max_tokens: 4096, top_p: 0.9, thinking: { type: 'enabled', budget_tokens: 1024 } }),
        '`top_p` cannot be set when thinking is enabled.',
      ],
      [
        'an unknown thinking type',
        message('x', { thinking: { type: 'sometimes' } }),
        "thinking.type: Input should be 'enabled' or 'disabled'",
      ],
    ])('answers 400 for %s and records it', async (_, body, expected) => {
      const own = await startFakeProvider()
      try {
        const res = await post(own, body, { key: null })
        expect(res.status).toBe(400)
        const error = await errorOf(res)
        expect(error.type).toBe('error')
        expect(error.error.type).toBe('invalid_request_error')
        expect(error.error.message).toContain(expected)
        expect(own.schemaErrors).toEqual([expect.stringContaining(`received POST /v1/messages: ${expected}`)])
      } finally {
        await own.close()
      }
    })

    it('accepts what the real API accepts', () => {
      const ok = [
        message('x'),
        message('x', { system: 'be brief', temperature: 0, top_p: 1, top_k: 5, stop_sequences: ['\n\n'] }),
        message('x', { max_tokens: 1025, thinking: { type: 'enabled', budget_tokens: 1024 } }),
        message('x', { temperature: 1, thinking: { type: 'disabled' } }),
        message('x', {
          messages: [
            { role: 'user', content: 'q' },
            { role: 'assistant', content: '' },
          ],
        }),
      ]
      for (const body of ok) expect(messagesRequestProblem(body)).toBeNull()
    })

    it('answers 400 for a body that is not JSON and for a directive it does not understand', async () => {
      const res = await post(fake, '{"model": "claude-fake-sonnet", "messages": [')
      expect(res.status).toBe(400)
      expect((await errorOf(res)).error.type).toBe('invalid_request_error')
      expect(fake.requests.at(-1)?.body).toBe('{"model": "claude-fake-sonnet", "messages": [')
      const directive = await post(fake, message('hi #fault=explode'))
      expect(directive.status).toBe(400)
      expect((await errorOf(directive)).error.message).toContain("unknown fault 'explode'")
    })
  })

  describe('models', () => {
    it('lists Anthropic models when the request carries anthropic-version, OpenAI models otherwise', async () => {
      const res = await fetch(`${fake.origin}/v1/models`, { headers: headers() })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({
        data: [
          {
            type: 'model',
            id: 'claude-fake-sonnet',
            display_name: 'Claude Fake Sonnet',
            created_at: '2025-01-01T00:00:00Z',
          },
          {
            type: 'model',
            id: 'claude-fake-haiku',
            display_name: 'Claude Fake Haiku',
            created_at: '2025-01-01T00:00:00Z',
          },
        ],
        has_more: false,
        first_id: 'claude-fake-sonnet',
        last_id: 'claude-fake-haiku',
      })
      const openai = await fetch(`${fake.baseURL}/models`, { headers: { authorization: `Bearer ${KEY}` } })
      expect(((await openai.json()) as { object: string }).object).toBe('list')

      const one = await fetch(`${fake.origin}/v1/models/claude-fake-haiku`, { headers: headers() })
      expect(await one.json()).toMatchObject({ id: 'claude-fake-haiku', display_name: 'Claude Fake Haiku' })
      expect((await fetch(`${fake.origin}/v1/models/nope`, { headers: headers() })).status).toBe(404)
    })

    it('pages with limit, after_id and before_id, and the SDK follows the pages', async () => {
      const own = await startFakeProvider({ anthropicModels: ['claude-a', 'claude-b', 'claude-c'] })
      try {
        const page = async (query: string) =>
          (await (await fetch(`${own.origin}/v1/models?${query}`, { headers: headers(null) })).json()) as {
            data: { id: string }[]
            has_more: boolean
            first_id: string | null
            last_id: string | null
          }
        const first = await page('limit=2')
        expect(first.data.map((m) => m.id)).toEqual(['claude-a', 'claude-b'])
        expect(first).toMatchObject({ has_more: true, first_id: 'claude-a', last_id: 'claude-b' })
        const second = await page('limit=2&after_id=claude-b')
        expect(second).toMatchObject({ data: [{ id: 'claude-c' }], has_more: false, last_id: 'claude-c' })
        const back = await page('limit=1&before_id=claude-c')
        expect(back).toMatchObject({ data: [{ id: 'claude-b' }], has_more: true })

        const ids: string[] = []
        const client = new Anthropic({ apiKey: 'unused', baseURL: own.origin, maxRetries: 0 })
        for await (const model of client.models.list({ limit: 1 })) ids.push(model.id)
        expect(ids).toEqual(['claude-a', 'claude-b', 'claude-c'])
        expect(own.requests.filter((r) => r.path === '/v1/models').at(-1)?.query).toEqual({
          limit: '1',
          after_id: 'claude-b',
        })
      } finally {
        await own.close()
      }
    })

    it('names models from their ids', () => {
      expect(displayName('claude-fake-sonnet')).toBe('Claude Fake Sonnet')
      expect(displayName('x')).toBe('X')
    })
  })

  describe('faults', () => {
    it('#fault=429:S answers 429 rate_limit_error with retry-after', async () => {
      const res = await post(fake, message('#fault=429:7', { stream: true }))
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('7')
      expect((await errorOf(res)).error.type).toBe('rate_limit_error')

      const { error } = await sdkStream(sdk(fake), 'hi #fault=429')
      expect(error).toBeInstanceOf(Anthropic.RateLimitError)
      const rateLimit = error as InstanceType<typeof Anthropic.RateLimitError>
      expect(rateLimit.status).toBe(429)
      expect(rateLimit.headers.get('retry-after')).toBe('1')
      expect(rateLimit.requestID).toMatch(/^req_/)
    })

    it.each([
      [500, 'api_error'],
      [503, 'api_error'],
      [529, 'overloaded_error'],
      [401, 'authentication_error'],
    ])('#fault=%i answers that status with an Anthropic error body', async (status, type) => {
      const res = await post(fake, message(`#fault=${status}`, { stream: true }))
      expect(res.status).toBe(status)
      const body = await errorOf(res)
      expect(body.type).toBe('error')
      expect(body.error.type).toBe(type)
      const { error } = await sdkStream(sdk(fake), `#fault=${status}`)
      expect(error).toBeInstanceOf(Anthropic.APIError)
      expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(status)
      expect((error as InstanceType<typeof Anthropic.APIError>).type).toBe(type)
    })

    it('#fault=drop kills the socket after a few text deltas, without message_stop', async () => {
      const res = await post(fake, message('#fault=drop:4 #words=30', { stream: true }))
      expect(res.status).toBe(200)
      const decoder = new TextDecoder()
      let received = ''
      const reader = res.body?.getReader()
      const failure = await (async () => {
        try {
          for (;;) {
            const { value, done } = (await reader?.read()) ?? { done: true, value: undefined }
            if (done) return undefined
            received += decoder.decode(value, { stream: true })
          }
        } catch (e) {
          return e
        }
      })()
      expect(failure).toBeInstanceOf(TypeError)
      const events = parsed(sseEvents(received))
      expect(deltas(events, 'text_delta')).toHaveLength(4)
      expect(events.map((e) => e.type)).not.toContain('message_stop')

      const viaSdk = await sdkStream(sdk(fake), '#fault=drop #words=20')
      expect(viaSdk.text).toBe('word1 word2 word3 ')
      expect(viaSdk.error).toBeInstanceOf(TypeError)
      expect((viaSdk.error as Error).message).toBe('terminated')
    })

    it('#fault=truncate ends the response cleanly without message_delta or message_stop; the SDK ends silently', async () => {
      const res = await post(fake, message('#fault=truncate:2 #words=10', { stream: true }))
      const events = parsed(sseEvents(await res.text()))
      expect(deltas(events, 'text_delta')).toEqual(['word1 ', 'word2 '])
      expect(events.map((e) => e.type)).not.toContain('message_delta')
      expect(events.map((e) => e.type)).not.toContain('message_stop')

      const viaSdk = await sdkStream(sdk(fake), '#fault=truncate #words=20')
      expect(viaSdk.error).toBeUndefined()
      expect(viaSdk.text).toBe('word1 word2 word3 ')
      expect(viaSdk.types).not.toContain('message_stop')
    })

    it('#fault=stream-error sends an error event mid-stream, then ends', async () => {
      const res = await post(fake, message('#fault=stream-error:2 #words=10', { stream: true }))
      expect(res.status).toBe(200)
      const events = sseEvents(await res.text())
      expect(events.at(-1)).toEqual({
        event: 'error',
        data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      })
      expect(deltas(parsed(events), 'text_delta')).toEqual(['word1 ', 'word2 '])

      // The SDK throws a status-less APIError whose `error` is the whole event body.
      const viaSdk = await sdkStream(sdk(fake), '#fault=stream-error #words=10')
      expect(viaSdk.text).toBe('word1 word2 word3 ')
      expect(viaSdk.error).toBeInstanceOf(Anthropic.APIError)
      const apiError = viaSdk.error as InstanceType<typeof Anthropic.APIError>
      expect(apiError.status).toBeUndefined()
      expect(apiError.type).toBe('overloaded_error')
      expect(apiError.error).toEqual({
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
      })
    })

    it('#fault=malformed sends `data: {not json` after two text deltas, then finishes; the SDK throws a SyntaxError', async () => {
      const res = await post(fake, message('#fault=malformed #words=6', { stream: true }))
      const events = sseEvents(await res.text())
      const bad = events.filter((e) => e.data === '{not json')
      expect(bad).toEqual([{ event: 'content_block_delta', data: '{not json' }])
      const good = parsed(events.filter((e) => e.data !== '{not json'))
      expect(deltas(good, 'text_delta').join('')).toBe(fillerWords(6))
      expect(good.at(-1)?.type).toBe('message_stop')

      const viaSdk = await sdkStream(sdk(fake), '#fault=malformed #words=10')
      expect(viaSdk.text).toBe('word1 word2 ')
      expect(viaSdk.error).toBeInstanceOf(SyntaxError)
      expect(viaSdk.error).not.toBeInstanceOf(Anthropic.AnthropicError)
    })

    it('#fault=slow:MS sends headers at once and message_start after MS', async () => {
      const start = performance.now()
      const res = await post(fake, message('#fault=slow:300', { stream: true }))
      expect(res.status).toBe(200)
      expect(performance.now() - start).toBeLessThan(250)
      await res.body?.getReader().read()
      expect(performance.now() - start).toBeGreaterThanOrEqual(290)
      await res.body?.cancel().catch(() => undefined)
    })

    it('#fault=utf8 splits multi-byte characters across separate writes', async () => {
      const body = JSON.stringify(message('#fault=utf8', { stream: true }))
      const pieces = await new Promise<Buffer[]>((resolve, reject) => {
        const req = http.request(
          `${fake.origin}/v1/messages`,
          { method: 'POST', headers: headers() },
          (res) => {
            const got: Buffer[] = []
            res.on('data', (b: Buffer) => got.push(b))
            res.on('end', () => resolve(got))
            res.on('error', reject)
          },
        )
        req.on('error', reject)
        req.end(body)
      })
      const strict = new TextDecoder('utf-8', { fatal: true })
      const undecodable = pieces.filter((p) => {
        try {
          strict.decode(p)
          return false
        } catch {
          return true
        }
      })
      expect(undecodable.length).toBeGreaterThan(0)
      const events = parsed(sseEvents(Buffer.concat(pieces).toString('utf8')))
      expect(deltas(events, 'text_delta').join('')).toBe(`Echo: \n\n${UTF8_SAMPLE}`)
      const viaSdk = await sdkStream(sdk(fake), 'ünïcode #fault=utf8')
      expect(viaSdk.error).toBeUndefined()
      expect(viaSdk.text).toBe(`Echo: ünïcode\n\n${UTF8_SAMPLE}`)
    })

    it('applies the faults that make sense to a non-streaming request', async () => {
      const dropped = await sdk(fake)
        .messages.create({
          model: 'claude-fake-sonnet',
          max_tokens: 5,
          messages: [{ role: 'user', content: '#fault=drop' }],
        })
        .catch((e: unknown) => e)
      expect(dropped).toBeInstanceOf(Anthropic.APIConnectionError)
      const truncated = await post(fake, message('#fault=truncate'))
      await expect(truncated.json()).rejects.toThrow(SyntaxError)
      expect(await (await post(fake, message('#fault=malformed'))).text()).toBe('{not json')
      const overloaded = await post(fake, message('#fault=stream-error'))
      expect(overloaded.status).toBe(529)
      expect((await errorOf(overloaded)).error.type).toBe('overloaded_error')
    })

    it('takes queued faults ahead of directives, one per message request', async () => {
      fake.enqueueFault({ kind: 'http', status: 529 })
      fake.enqueueFault({ kind: 'http', status: 429, retryAfterSeconds: 3 })
      expect((await post(fake, message('hi'), { key: 'sk-bad' })).status).toBe(401)
      const first = await post(fake, message('#fault=500'))
      const second = await post(fake, message('hi'))
      const third = await post(fake, message('hi'))
      expect([first.status, second.status, third.status]).toEqual([529, 429, 200])
      expect(second.headers.get('retry-after')).toBe('3')
    })

    it('lets the SDK retry through queued failures', async () => {
      fake.enqueueFault({ kind: 'http', status: 529 })
      fake.enqueueFault({ kind: 'http', status: 429, retryAfterSeconds: 0 })
      const before = fake.requests.length
      const result = await sdkStream(sdk(fake, { maxRetries: 2 }), 'third time lucky')
      expect(result.error).toBeUndefined()
      expect(result.text).toBe('Echo: third time lucky')
      expect(fake.requests.slice(before).map((r) => r.headers['x-stainless-retry-count'])).toEqual([
        '0',
        '1',
        '2',
      ])
    }, 10_000)
  })

  it('stops its work when the client goes away mid-stream', async () => {
    const stream = await sdk(fake).messages.create({
      model: 'claude-fake-sonnet',
      max_tokens: 100,
      messages: [{ role: 'user', content: '#words=1000 #delay=30' }],
      stream: true,
    })
    let seen = 0
    for await (const _ of stream) if (++seen === 5) break
    expect(await settled(fake)).toBe(0)
    expect((await sdkStream(sdk(fake), 'still alive')).text).toBe('Echo: still alive')
  })

  it('does not require a key when none is configured', async () => {
    const own = await startFakeProvider()
    try {
      const result = await sdkStream(
        new Anthropic({ apiKey: 'anything', baseURL: own.origin, maxRetries: 0 }),
        'x',
      )
      expect(result.text).toBe('Echo: x')
      expect(own.schemaErrors).toEqual([])
    } finally {
      await own.close()
    }
  })
})
