/**
 * Exercises the fake provider over real HTTP: raw fetch / node:http to see the exact bytes on the wire,
 * and the openai SDK to pin down how the client the app uses reacts to each fault.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import OpenAI, { AzureOpenAI } from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chunkAnswer, composeAnswer, contentText, fillerWords, thinkingText, UTF8_SAMPLE } from './answers.ts'
import { DirectiveError, parseDirectives, parseFault } from './faults.ts'
import { defaultSchemaPath, loadOpenAIValidators, SCHEMA_ENV_VAR } from './schema.ts'
import { type FakeProvider, startFakeProvider } from './server.ts'

const KEY = 'sk-fake-test-key-1234'

interface Chunk {
  id: string
  object: string
  created: number
  model: string
  choices: {
    index: number
    delta: { role?: string; content?: string | null; reasoning_content?: string }
    finish_reason: string | null
  }[]
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null
}

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null }
}

async function errorOf(res: Response): Promise<ErrorBody> {
  return (await res.json()) as ErrorBody
}

async function modelIds(res: Response): Promise<string[]> {
  return ((await res.json()) as { data: { id: string }[] }).data.map((m) => m.id)
}

/** Splits an SSE body into the `data:` payload of each event. */
function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((event) => event.length > 0)
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true)
      return event.slice('data: '.length)
    })
}

function post(fake: FakeProvider, body: unknown, key: string | null = KEY): Promise<Response> {
  return fetch(`${fake.baseURL}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function userMessage(content: string) {
  return { model: 'fake-small', messages: [{ role: 'user', content }] }
}

function sdk(fake: FakeProvider, extra: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}): OpenAI {
  // logLevel 'off' keeps the SDK's "Could not parse message into JSON" noise out of the test output.
  return new OpenAI({ apiKey: KEY, baseURL: fake.baseURL, maxRetries: 0, logLevel: 'off', ...extra })
}

/** Streams `content` through the SDK and collects what arrives, or the error it throws. */
async function sdkStream(client: OpenAI, content: string) {
  const deltas: string[] = []
  let finishReason: string | null = null
  let error: unknown
  try {
    const stream = await client.chat.completions.create({
      model: 'fake-small',
      messages: [{ role: 'user', content }],
      stream: true,
    })
    for await (const chunk of stream) {
      const choice = chunk.choices[0]
      if (choice?.delta.content) deltas.push(choice.delta.content)
      if (choice?.finish_reason) finishReason = choice.finish_reason
    }
  } catch (e) {
    error = e
  }
  return { text: deltas.join(''), deltas, finishReason, error }
}

/** Polls until `inFlight` is 0, i.e. the fake has stopped all work for its responses. */
async function settled(fake: FakeProvider, withinMs = 500): Promise<number> {
  const deadline = performance.now() + withinMs
  while (fake.inFlight > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5))
  return fake.inFlight
}

describe('fake provider', () => {
  let fake: FakeProvider
  beforeAll(async () => {
    fake = await startFakeProvider({ apiKey: KEY })
  })
  afterAll(async () => {
    await fake.close()
  })

  describe('models and errors', () => {
    it('lists the models', async () => {
      const res = await fetch(`${fake.baseURL}/models`, { headers: { authorization: `Bearer ${KEY}` } })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/)
      const body = await res.json()
      expect(body).toEqual({
        object: 'list',
        data: [
          { id: 'fake-small', object: 'model', created: expect.any(Number), owned_by: 'roundtable-fake' },
          { id: 'fake-large', object: 'model', created: expect.any(Number), owned_by: 'roundtable-fake' },
        ],
      })
      const viaSdk = await sdk(fake).models.list()
      expect(viaSdk.data.map((m) => m.id)).toEqual(['fake-small', 'fake-large'])
      expect(fake.schemaErrors).toEqual([])
    })

    it('answers 401 without echoing the key when it is missing or wrong', async () => {
      const before = fake.requests.length
      for (const key of [null, 'sk-wrong-secret-999']) {
        const res = await post(fake, userMessage('hi'), key)
        expect(res.status).toBe(401)
        const text = await res.text()
        expect(text).not.toContain('sk-wrong-secret-999')
        expect(JSON.parse(text)).toEqual({
          error: {
            message: 'Incorrect API key provided.',
            type: 'invalid_request_error',
            code: 'invalid_api_key',
            param: null,
          },
        })
      }
      const [missing, wrong] = fake.requests.slice(before)
      expect(missing?.hadAuthorization).toBe(false)
      expect(wrong?.hadAuthorization).toBe(true)
      expect(wrong?.headers.authorization).toBeUndefined()
      expect(JSON.stringify(fake.requests)).not.toContain('sk-wrong-secret-999')
      expect(JSON.stringify(fake.requests)).not.toContain(KEY)

      const error = await sdk(fake, { apiKey: 'sk-wrong' })
        .models.list()
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError)
      expect((error as Error).message).toBe('401 Incorrect API key provided.')
    })

    it('answers 404 for an unknown model', async () => {
      const res = await post(fake, { ...userMessage('hi'), model: 'gpt-nope' })
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({
        error: {
          message: "The model 'gpt-nope' does not exist",
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        },
      })
      const error = await sdk(fake)
        .chat.completions.create({
          model: 'gpt-nope',
          messages: [{ role: 'user', content: 'x' }],
          stream: true,
        })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.NotFoundError)
      expect((error as Error).message).toBe("404 The model 'gpt-nope' does not exist")
    })

    it('answers 404 JSON for an unknown path or method', async () => {
      const headers = { authorization: `Bearer ${KEY}` }
      for (const res of [
        await fetch(`${fake.baseURL}/embeddings`, { method: 'POST', headers, body: '{}' }),
        await fetch(`${fake.baseURL}/chat/completions`, { headers }),
      ]) {
        expect(res.status).toBe(404)
        expect(res.headers.get('content-type')).toBe('application/json')
        const body = await errorOf(res)
        expect(body.error).toMatchObject({ type: 'invalid_request_error', param: null, code: null })
        expect(body.error.message).toMatch(/^Invalid URL \((POST|GET) \/v1\//)
      }
    })

    it('answers 400 for a body that is not JSON, recording the raw text', async () => {
      const res = await post(fake, '{"model": "fake-small", "messages": [')
      expect(res.status).toBe(400)
      expect((await errorOf(res)).error.type).toBe('invalid_request_error')
      expect(fake.requests.at(-1)?.body).toBe('{"model": "fake-small", "messages": [')
    })

    it('records a schema-invalid request in schemaErrors and answers 400', async () => {
      const own = await startFakeProvider()
      try {
        const res = await post(own, { model: 'fake-small' }, null)
        expect(res.status).toBe(400)
        expect((await errorOf(res)).error.message).toContain("must have required property 'messages'")
        expect(own.schemaErrors).toHaveLength(1)
        expect(own.schemaErrors[0]).toMatch(/^received POST \/v1\/chat\/completions: .*'messages'/)

        const wrongRole = await post(
          own,
          { model: 'fake-small', messages: [{ role: 'robot', content: 'x' }] },
          null,
        )
        expect(wrongRole.status).toBe(400)
        expect(own.schemaErrors).toHaveLength(2)
      } finally {
        await own.close()
      }
    })

    it('answers 400 for a directive it does not understand', async () => {
      const res = await post(fake, userMessage('hello #fault=explode'))
      expect(res.status).toBe(400)
      const body = await errorOf(res)
      expect(body.error.message).toContain("unknown fault 'explode'")
      expect(body.error.param).toBe('messages')
    })
  })

  describe('streaming', () => {
    it('streams role, content, finish, usage and [DONE] as separate SSE events', async () => {
      const res = await post(fake, {
        ...userMessage('hello world, how are you today?'),
        stream: true,
        stream_options: { include_usage: true },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/event-stream')
      expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/)
      const data = sseData(await res.text())
      expect(data.at(-1)).toBe('[DONE]')
      const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk)

      for (const chunk of chunks) {
        expect(chunk).toMatchObject({
          id: chunks[0]?.id,
          object: 'chat.completion.chunk',
          model: 'fake-small',
        })
        expect(chunk.created).toBe(chunks[0]?.created)
      }
      expect(chunks[0]?.id).toMatch(/^chatcmpl-/)
      expect(chunks[0]?.choices).toEqual([
        { index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
      ])
      const content = chunks.slice(1, -2)
      expect(content.length).toBeGreaterThan(3)
      expect(content.map((c) => c.choices[0]?.delta.content).join('')).toBe(
        'Echo: hello world, how are you today?',
      )
      expect(content.every((c) => c.choices[0]?.finish_reason === null && c.usage === null)).toBe(true)
      expect(chunks.at(-2)?.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }])

      const usageChunk = chunks.at(-1)
      expect(usageChunk?.choices).toEqual([])
      const promptTokens = Math.ceil('hello world, how are you today?'.length / 4)
      const completionTokens = Math.ceil('Echo: hello world, how are you today?'.length / 4)
      expect(usageChunk?.usage).toEqual({
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      })
      expect(fake.schemaErrors).toEqual([])
    })

    it('leaves out the usage chunk and usage fields unless include_usage is set', async () => {
      const res = await post(fake, { ...userMessage('hi'), stream: true })
      const data = sseData(await res.text())
      const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk)
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop')
      expect(chunks.every((c) => !('usage' in c))).toBe(true)
    })

    it('streams through the openai SDK with no schema errors', async () => {
      const result = await sdkStream(sdk(fake), 'Tell me *something*')
      expect(result.error).toBeUndefined()
      expect(result.text).toBe('Echo: Tell me *something*')
      expect(result.finishReason).toBe('stop')
      expect(fake.requests.at(-1)?.body).toMatchObject({ model: 'fake-small', stream: true })
      expect(fake.schemaErrors).toEqual([])
    })

    it('reads the last user message, including multi-part content arrays', async () => {
      const stream = await sdk(fake).chat.completions.create({
        model: 'fake-large',
        stream: true,
        messages: [
          { role: 'system', content: 'be brief' },
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
      let text = ''
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
      expect(text).toBe('Echo: part one\npart two')
      expect(fake.schemaErrors).toEqual([])
    })

    it('answers with exactly N numbered words for #words=N', async () => {
      const result = await sdkStream(sdk(fake), 'write an essay #words=250')
      expect(result.error).toBeUndefined()
      const words = result.text.split(/\s+/)
      expect(words).toHaveLength(250)
      expect(result.text.match(/word\d+/g)).toEqual(Array.from({ length: 250 }, (_, i) => `word${i + 1}`))
      expect(result.text).toContain('\n\n')
      expect(result.deltas.length).toBeGreaterThanOrEqual(250)
      expect(fake.schemaErrors).toEqual([])
    })

    it('spaces content chunks by #delay=MS', async () => {
      const arrivals: number[] = []
      const stream = await sdk(fake).chat.completions.create({
        model: 'fake-small',
        messages: [{ role: 'user', content: '#delay=40 #words=5' }],
        stream: true,
      })
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(performance.now())
      expect(arrivals).toHaveLength(5)
      // Timers can fire a hair early; allow a little slack per gap.
      expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(4 * 35)
    })

    it('answers without streaming when stream is false or absent', async () => {
      const res = await post(fake, userMessage('plain please'))
      expect(res.headers.get('content-type')).toBe('application/json')
      const body = await res.json()
      expect(body).toMatchObject({
        object: 'chat.completion',
        model: 'fake-small',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Echo: plain please', refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
      })
      const viaSdk = await sdk(fake).chat.completions.create({
        model: 'fake-large',
        messages: [{ role: 'user', content: 'again #words=3' }],
        stream: false,
      })
      expect(viaSdk.choices[0]?.message.content).toBe('word1 word2 word3.')
      expect(fake.schemaErrors).toEqual([])
    })
  })

  describe('faults', () => {
    it('#down=<models> answers 503 for those models only', async () => {
      const down = await post(fake, userMessage('hi #down=fake-small,fake-x'))
      expect(down.status).toBe(503)
      const up = await post(fake, { ...userMessage('hi #down=fake-small'), model: 'fake-large' })
      expect(up.status).toBe(200)
    })

    it('#fault=429:S answers 429 with retry-after and a rate-limit body', async () => {
      const res = await post(fake, { ...userMessage('#fault=429:7'), stream: true })
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('7')
      expect(res.headers.get('x-request-id')).toMatch(/^req_/)
      const body = await errorOf(res)
      expect(body.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded', param: null })

      const defaulted = await post(fake, userMessage('#fault=429'))
      expect(defaulted.headers.get('retry-after')).toBe('1')

      const { error } = await sdkStream(sdk(fake), 'hi #fault=429')
      expect(error).toBeInstanceOf(OpenAI.RateLimitError)
      const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>
      expect(rateLimit.status).toBe(429)
      expect(rateLimit.code).toBe('rate_limit_exceeded')
      expect(rateLimit.headers.get('retry-after')).toBe('1')
      expect(rateLimit.requestID).toMatch(/^req_/)
      expect(rateLimit.message).toBe(
        '429 Rate limit reached for fake-small on requests per min (RPM). Please try again in 1s.',
      )
    })

    it.each([500, 503, 529])('#fault=%i answers that status with an OpenAI error body', async (status) => {
      const res = await post(fake, { ...userMessage(`#fault=${status}`), stream: true })
      expect(res.status).toBe(status)
      const body = await errorOf(res)
      expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type'])

      const { error } = await sdkStream(sdk(fake), `#fault=${status}`)
      expect(error).toBeInstanceOf(OpenAI.InternalServerError)
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(status)
      expect((error as Error).message).toBe(`${status} ${body.error.message}`)
      expect(fake.schemaErrors).toEqual([])
    })

    it('#fault=401 answers like a wrong key', async () => {
      const res = await post(fake, userMessage('#fault=401'))
      expect(res.status).toBe(401)
      expect((await errorOf(res)).error.code).toBe('invalid_api_key')
    })

    it('#fault=drop sends a few chunks, then kills the socket without finish_reason or [DONE]', async () => {
      const res = await post(fake, { ...userMessage('#fault=drop:4 #words=30'), stream: true })
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
      // undici reports the cut-off chunked body as TypeError('terminated').
      expect(failure).toBeInstanceOf(TypeError)
      const data = sseData(received)
      expect(data).not.toContain('[DONE]')
      const chunks = data.map((d) => JSON.parse(d) as Chunk)
      expect(chunks).toHaveLength(1 + 4)
      expect(chunks.every((c) => c.choices[0]?.finish_reason === null)).toBe(true)
    })

    it('SDK: a dropped stream throws the raw undici TypeError("terminated"), not an OpenAI error', async () => {
      const { text, finishReason, error } = await sdkStream(sdk(fake), '#fault=drop #words=20')
      expect(text).toBe('word1 word2 word3 ')
      expect(finishReason).toBeNull()
      expect(error).toBeInstanceOf(TypeError)
      expect(error).not.toBeInstanceOf(OpenAI.APIError)
      expect((error as Error).message).toBe('terminated')
      const cause = (error as Error).cause as { name?: string; code?: string; message?: string }
      expect(cause).toMatchObject({
        name: 'SocketError',
        code: 'UND_ERR_SOCKET',
        message: 'other side closed',
      })
    })

    it('SDK: a dropped stream is not retried even with maxRetries, because headers already arrived', async () => {
      const before = fake.requests.length
      const { error } = await sdkStream(sdk(fake, { maxRetries: 2 }), '#fault=drop #words=20')
      expect(error).toBeInstanceOf(TypeError)
      expect(fake.requests.length - before).toBe(1)
    })

    it('SDK: a dropped non-streaming request becomes APIConnectionError("Connection error.")', async () => {
      const error = await sdk(fake)
        .chat.completions.create({
          model: 'fake-small',
          messages: [{ role: 'user', content: '#fault=drop' }],
        })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.APIConnectionError)
      expect((error as Error).message).toBe('Connection error.')
      expect(((error as Error).cause as Error).message).toBe('fetch failed')
    })

    it('#fault=truncate ends the response cleanly without finish_reason or [DONE]; the SDK ends silently', async () => {
      const res = await post(fake, { ...userMessage('#fault=truncate:2 #words=10'), stream: true })
      const data = sseData(await res.text())
      expect(data).toHaveLength(1 + 2)
      expect(data).not.toContain('[DONE]')

      const { text, finishReason, error } = await sdkStream(sdk(fake), '#fault=truncate #words=20')
      expect(error).toBeUndefined()
      expect(text).toBe('word1 word2 word3 ')
      expect(finishReason).toBeNull()
    })

    it('#fault=slow:MS sends headers at once and the first chunk after MS', async () => {
      const start = performance.now()
      const res = await post(fake, { ...userMessage('#fault=slow:300'), stream: true })
      const headersAt = performance.now() - start
      expect(res.status).toBe(200)
      expect(headersAt).toBeLessThan(250)
      const reader = res.body?.getReader()
      await reader?.read()
      expect(performance.now() - start).toBeGreaterThanOrEqual(290)
      await reader?.cancel()
    })

    it('SDK: the request timeout only covers the wait for headers, so a slow stream does not time out', async () => {
      const start = performance.now()
      const result = await sdkStream(sdk(fake, { timeout: 100 }), '#fault=slow:400')
      expect(result.error).toBeUndefined()
      expect(result.text).toBe('Echo: ')
      expect(performance.now() - start).toBeGreaterThanOrEqual(390)
    })

    it('#fault=utf8 splits multi-byte characters across separate writes', async () => {
      const body = JSON.stringify({ ...userMessage('#fault=utf8'), stream: true })
      const pieces = await new Promise<Buffer[]>((resolve, reject) => {
        const req = http.request(
          `${fake.baseURL}/chat/completions`,
          { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } },
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
      // At least one read ended in the middle of a character, so it cannot be decoded on its own.
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
      const chunks = sseData(Buffer.concat(pieces).toString('utf8'))
        .slice(0, -1)
        .map((d) => JSON.parse(d) as Chunk)
      expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(`Echo: \n\n${UTF8_SAMPLE}`)

      const viaSdk = await sdkStream(sdk(fake), 'ünïcode #fault=utf8')
      expect(viaSdk.error).toBeUndefined()
      expect(viaSdk.text).toBe(`Echo: ünïcode\n\n${UTF8_SAMPLE}`)
      expect(fake.schemaErrors).toEqual([])
    })

    it('#fault=malformed sends `data: {not json` after two chunks, then finishes normally', async () => {
      const res = await post(fake, { ...userMessage('#fault=malformed #words=6'), stream: true })
      const data = sseData(await res.text())
      expect(data[3]).toBe('{not json')
      expect(data.at(-1)).toBe('[DONE]')
      const chunks = data.filter((d, i) => i !== 3 && d !== '[DONE]').map((d) => JSON.parse(d) as Chunk)
      expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(fillerWords(6))
      expect(fake.schemaErrors).toEqual([])
    })

    it('SDK: a malformed event throws a plain SyntaxError', async () => {
      const { text, error } = await sdkStream(sdk(fake), '#fault=malformed #words=10')
      expect(text).toBe('word1 word2 ')
      expect(error).toBeInstanceOf(SyntaxError)
      expect(error).not.toBeInstanceOf(OpenAI.OpenAIError)
      expect((error as Error).message).toBe('Error reading response: malformed server-sent event JSON.')
    })
  })

  describe('enqueueFault', () => {
    it('applies queued faults one per chat request, ahead of directives', async () => {
      fake.enqueueFault({ kind: 'http', status: 500 })
      fake.enqueueFault({ kind: 'http', status: 429, retryAfterSeconds: 3 })
      const first = await post(fake, userMessage('#fault=503'))
      const second = await post(fake, userMessage('hi'))
      const third = await post(fake, userMessage('hi'))
      expect([first.status, second.status, third.status]).toEqual([500, 429, 200])
      expect(second.headers.get('retry-after')).toBe('3')
    })

    it('is not consumed by a request rejected before it could be answered', async () => {
      fake.enqueueFault({ kind: 'http', status: 503 })
      expect((await post(fake, userMessage('hi'), 'sk-bad')).status).toBe(401)
      expect((await post(fake, { ...userMessage('hi'), model: 'nope' })).status).toBe(404)
      expect((await post(fake, userMessage('hi'))).status).toBe(503)
    })

    it('lets the SDK retry through queued failures', async () => {
      fake.enqueueFault({ kind: 'http', status: 429, retryAfterSeconds: 0 })
      fake.enqueueFault({ kind: 'http', status: 429, retryAfterSeconds: 0 })
      const before = fake.requests.length
      const result = await sdkStream(sdk(fake, { maxRetries: 2 }), 'third time lucky')
      expect(result.error).toBeUndefined()
      expect(result.text).toBe('Echo: third time lucky')
      const attempts = fake.requests.slice(before)
      expect(attempts.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2'])
    })

    it('takes stream faults too', async () => {
      fake.enqueueFault({ kind: 'drop', afterChunks: 1 })
      const { text, error } = await sdkStream(sdk(fake), 'one two three four')
      expect(error).toBeInstanceOf(TypeError)
      expect(text).toBe('Echo: ')
    })
  })

  describe('lifecycle', () => {
    it('stops its work when the client goes away mid-stream', async () => {
      const stream = await sdk(fake).chat.completions.create({
        model: 'fake-small',
        messages: [{ role: 'user', content: '#words=1000 #delay=30' }],
        stream: true,
      })
      let seen = 0
      for await (const _ of stream) if (++seen === 3) break
      // Breaking out of the loop aborts the request; without that the stream would run for 30 s.
      expect(await settled(fake)).toBe(0)
      expect((await sdkStream(sdk(fake), 'still alive')).text).toBe('Echo: still alive')
    })

    it('stops waiting when the client aborts during #fault=slow', async () => {
      const own = await startFakeProvider()
      try {
        const controller = new AbortController()
        const res = await fetch(`${own.baseURL}/chat/completions`, {
          method: 'POST',
          signal: controller.signal,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...userMessage('#fault=slow:5000'), stream: true }),
        })
        expect(res.status).toBe(200)
        expect(own.inFlight).toBe(1)
        controller.abort()
        expect(await settled(own)).toBe(0)
      } finally {
        await own.close()
      }
    })

    it('close() does not hang with streams open and refuses new connections afterwards', async () => {
      const own = await startFakeProvider()
      const client = new OpenAI({ apiKey: 'unused', baseURL: own.baseURL, maxRetries: 0, logLevel: 'off' })
      const stream = await client.chat.completions.create({
        model: 'fake-small',
        messages: [{ role: 'user', content: '#words=500 #delay=1000' }],
        stream: true,
      })
      const iterator = stream[Symbol.asyncIterator]()
      await iterator.next()
      const start = performance.now()
      await own.close()
      await own.close() // idempotent
      expect(performance.now() - start).toBeLessThan(1000)
      expect(await settled(own)).toBe(0)
      // The first content chunk may already be buffered client-side; after it the stream fails.
      const drain = async () => {
        for (;;) if ((await iterator.next()).done) return 'ended quietly'
      }
      await expect(drain()).rejects.toThrow('terminated')
      await expect(fetch(`${own.baseURL}/models`)).rejects.toThrow()
    })

    it('does not require a key when none is configured, and serves custom models', async () => {
      const own = await startFakeProvider({ models: ['alpha'] })
      try {
        const res = await fetch(`${own.baseURL}/models`)
        expect(await modelIds(res)).toEqual(['alpha'])
        expect((await post(own, { ...userMessage('x'), model: 'alpha' }, null)).status).toBe(200)
        expect(own.requests.map((r) => r.hadAuthorization)).toEqual([false, false])
        expect(own.schemaErrors).toEqual([])
      } finally {
        await own.close()
      }
    })
  })
})

describe('fake provider: OpenAI-side additions', () => {
  let fake: FakeProvider
  beforeAll(async () => {
    fake = await startFakeProvider({ apiKey: KEY })
  })
  afterAll(async () => {
    await fake.close()
  })

  it('exposes the origin next to the /v1 base URL', () => {
    expect(fake.origin).toBe(`http://127.0.0.1:${fake.port}`)
    expect(fake.baseURL).toBe(`${fake.origin}/v1`)
  })

  describe('#reasoning', () => {
    it('streams DeepSeek-style reasoning_content deltas before the content', async () => {
      const res = await post(fake, {
        ...userMessage('why is the sky blue #reasoning'),
        stream: true,
        stream_options: { include_usage: true },
      })
      const chunks = sseData(await res.text())
        .slice(0, -1)
        .map((d) => JSON.parse(d) as Chunk)
      const deltas = chunks.map((c) => c.choices[0]?.delta)
      const reasoning = deltas.filter((d) => d?.reasoning_content !== undefined)
      expect(reasoning.length).toBeGreaterThan(1)
      expect(reasoning.every((d) => d?.content === null)).toBe(true)
      expect(reasoning.map((d) => d?.reasoning_content).join('')).toBe(
        'Let me think about: why is the sky blue.',
      )
      const lastReasoning = deltas.findLastIndex((d) => d?.reasoning_content !== undefined)
      const firstContent = deltas.findIndex((d) => typeof d?.content === 'string' && d.content.length > 0)
      expect(lastReasoning).toBeLessThan(firstContent)
      const text = deltas.map((d) => (typeof d?.content === 'string' ? d.content : '')).join('')
      expect(text).toBe('Echo: why is the sky blue')
      const reasoningTokens = Math.ceil(thinkingText('why is the sky blue').length / 4)
      expect(chunks.at(-1)?.usage).toMatchObject({
        completion_tokens: Math.ceil(text.length / 4) + reasoningTokens,
        completion_tokens_details: { reasoning_tokens: reasoningTokens },
      })
      expect(fake.schemaErrors).toEqual([])
    })

    it('puts reasoning_content on the message when not streaming, and leaves other answers alone', async () => {
      const body = (await (await post(fake, userMessage('#reasoning hi'))).json()) as {
        choices: { message: Record<string, unknown> }[]
      }
      expect(body.choices[0]?.message).toMatchObject({
        content: 'Echo: hi',
        reasoning_content: 'Let me think about: hi.',
      })
      const plain = (await (await post(fake, userMessage('hi'))).json()) as typeof body
      expect(plain.choices[0]?.message).not.toHaveProperty('reasoning_content')
      expect(fake.schemaErrors).toEqual([])
    })
  })

  describe('#fault=stream-error', () => {
    it('sends an error object in place of a chunk, then ends; the SDK throws a status-less APIError', async () => {
      const res = await post(fake, { ...userMessage('#fault=stream-error:2 #words=10'), stream: true })
      expect(res.status).toBe(200)
      const data = sseData(await res.text())
      expect(data).not.toContain('[DONE]')
      expect(JSON.parse(data.at(-1) ?? '')).toEqual({
        error: { message: 'Overloaded', type: 'server_error', param: null, code: null },
      })
      expect(data).toHaveLength(1 + 2 + 1)

      const { text, error } = await sdkStream(sdk(fake), '#fault=stream-error #words=10')
      expect(text).toBe('word1 word2 word3 ')
      expect(error).toBeInstanceOf(OpenAI.APIError)
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBeUndefined()
      expect((error as Error).message).toBe('Overloaded')
      expect(fake.schemaErrors).toEqual([])
    })

    it('answers 503 to a non-streaming request', async () => {
      expect((await post(fake, userMessage('#fault=stream-error'))).status).toBe(503)
    })
  })

  describe('Azure OpenAI', () => {
    function azure(extra: Partial<ConstructorParameters<typeof AzureOpenAI>[0]> = {}): AzureOpenAI {
      return new AzureOpenAI({
        endpoint: fake.origin,
        apiKey: KEY,
        apiVersion: '2024-10-21',
        deployment: 'fake-deployment',
        maxRetries: 0,
        logLevel: 'off',
        ...extra,
      })
    }
    const azureURL = (path: string) => `${fake.origin}/openai${path}`

    it('streams from /openai/deployments/{deployment}/chat/completions?api-version=..., keyed by api-key', async () => {
      const before = fake.requests.length
      const stream = await azure().chat.completions.create({
        model: 'whatever-the-body-says',
        messages: [{ role: 'user', content: 'hello azure' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = []
      for await (const chunk of stream) chunks.push(chunk)
      // Azure's first chunk carries only prompt filter results.
      expect(chunks[0]).toMatchObject({ choices: [], id: '', prompt_filter_results: [expect.any(Object)] })
      expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Echo: hello azure')
      expect(chunks[1]?.model).toBe('fake-deployment')

      const [recorded] = fake.requests.slice(before)
      expect(recorded).toMatchObject({
        method: 'POST',
        path: '/openai/deployments/fake-deployment/chat/completions',
        query: { 'api-version': '2024-10-21' },
        hadAuthorization: true,
      })
      expect(recorded?.headers['api-key']).toBeUndefined()
      expect(JSON.stringify(fake.requests)).not.toContain(KEY)
      expect(fake.schemaErrors).toEqual([])
    })

    it('answers non-streaming requests and applies directives and faults', async () => {
      const completion = await azure().chat.completions.create({
        model: 'fake-deployment',
        messages: [{ role: 'user', content: '#words=3' }],
      })
      expect(completion.choices[0]?.message.content).toBe('word1 word2 word3.')
      const error = await azure()
        .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: '#fault=429:4' }] })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.RateLimitError)
      expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('4')
    })

    it('lists base models at /openai/models', async () => {
      const page = await azure().models.list()
      expect(page.data.map((m) => m.id)).toEqual(['fake-small', 'fake-large'])
      expect(fake.requests.at(-1)).toMatchObject({
        path: '/openai/models',
        query: { 'api-version': '2024-10-21' },
      })
    })

    it('answers 401 in Azure style for a wrong or bearer-only key', async () => {
      const wrong = await fetch(azureURL('/models?api-version=2024-10-21'), {
        headers: { 'api-key': 'nope' },
      })
      expect(wrong.status).toBe(401)
      expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('401')
      const bearer = await fetch(azureURL('/models?api-version=2024-10-21'), {
        headers: { authorization: `Bearer ${KEY}` },
      })
      expect(bearer.status).toBe(401)
      const error = await azure({ apiKey: 'sk-wrong' })
        .models.list()
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError)
    })

    it('answers 404 Resource not found without api-version, and DeploymentNotFound for an unknown deployment', async () => {
      const missing = await fetch(azureURL('/deployments/fake-deployment/chat/completions'), {
        method: 'POST',
        headers: { 'api-key': KEY, 'content-type': 'application/json' },
        body: JSON.stringify(userMessage('hi')),
      })
      expect(missing.status).toBe(404)
      expect(await missing.json()).toEqual({ error: { code: '404', message: 'Resource not found' } })

      const error = await azure({ deployment: 'no-such-deployment' })
        .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }], stream: true })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.NotFoundError)
      expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('DeploymentNotFound')

      const other = await fetch(azureURL('/deployments/fake-deployment/embeddings?api-version=2024-10-21'), {
        method: 'POST',
        headers: { 'api-key': KEY },
        body: '{}',
      })
      expect(other.status).toBe(404)
    })

    it('validates the body against the OpenAI schema like /v1/chat/completions', async () => {
      const own = await startFakeProvider({ azureDeployments: ['dep-a', 'dep-b'] })
      try {
        const res = await fetch(
          `${own.origin}/openai/deployments/dep-b/chat/completions?api-version=2024-10-21`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'dep-b' }),
          },
        )
        expect(res.status).toBe(400)
        expect(own.schemaErrors).toEqual([
          expect.stringMatching(
            /^received POST \/openai\/deployments\/dep-b\/chat\/completions: .*'messages'/,
          ),
        ])
        const client = new AzureOpenAI({
          endpoint: own.origin,
          apiKey: 'unused',
          apiVersion: '2024-10-21',
          deployment: 'dep-a',
          maxRetries: 0,
        })
        const completion = await client.chat.completions.create({
          model: 'dep-a',
          messages: [{ role: 'user', content: 'ok' }],
        })
        expect(completion).toMatchObject({ model: 'dep-a', choices: [{ message: { content: 'Echo: ok' } }] })
      } finally {
        await own.close()
      }
    })
  })
})

describe('schema loading', () => {
  it('defaults to the copy vendored in the repository and honours the env override', () => {
    const previous = process.env[SCHEMA_ENV_VAR]
    try {
      delete process.env[SCHEMA_ENV_VAR]
      expect(defaultSchemaPath()).toMatch(/test\/fixtures\/openai\/openai-chat-completions\.schema\.json$/)
      expect(existsSync(defaultSchemaPath())).toBe(true)
      process.env[SCHEMA_ENV_VAR] = '/somewhere/else.json'
      expect(defaultSchemaPath()).toBe('/somewhere/else.json')
    } finally {
      if (previous === undefined) delete process.env[SCHEMA_ENV_VAR]
      else process.env[SCHEMA_ENV_VAR] = previous
    }
  })

  it('throws naming the path when the schema file is missing', async () => {
    expect(() => loadOpenAIValidators('/no/such/dir/schema.json')).toThrow('/no/such/dir/schema.json')
    const previous = process.env[SCHEMA_ENV_VAR]
    process.env[SCHEMA_ENV_VAR] = '/no/such/dir/schema.json'
    try {
      await expect(startFakeProvider()).rejects.toThrow('/no/such/dir/schema.json')
      const unvalidated = await startFakeProvider({ validate: false })
      const res = await post(unvalidated, { model: 'fake-small' }, null)
      expect(res.status).toBe(400)
      expect(unvalidated.schemaErrors).toEqual([])
      await unvalidated.close()
    } finally {
      if (previous === undefined) delete process.env[SCHEMA_ENV_VAR]
      else process.env[SCHEMA_ENV_VAR] = previous
    }
  })

  it('reports what is wrong with an invalid chunk', () => {
    const validators = loadOpenAIValidators()
    expect(validators.CreateChatCompletionStreamResponse({ object: 'chat.completion.chunk' })).toMatch(
      /must have required property/,
    )
    expect(validators.ErrorResponse({ error: { message: 'x', type: 'y' } })).toMatch(/param|code/)
    expect(
      validators.ErrorResponse({ error: { message: 'x', type: 'y', param: null, code: null } }),
    ).toBeNull()
  })
})

describe('directives', () => {
  it('parses words, delay and faults and strips them from the text', () => {
    expect(parseDirectives('say #delay=5 hi #words=12')).toEqual({
      directives: { delayMs: 5, words: 12 },
      rest: 'say hi',
    })
    expect(parseDirectives('#fault=429:30 go').directives.fault).toEqual({
      kind: 'http',
      status: 429,
      retryAfterSeconds: 30,
    })
    expect(parseDirectives('issue#words=3 and #hashtag').directives).toEqual({})
  })

  it('takes #reasoning as a flag token only', () => {
    expect(parseDirectives('why #reasoning is it #words=2')).toEqual({
      directives: { reasoning: true, words: 2 },
      rest: 'why is it',
    })
    expect(parseDirectives('#reasoningly and x#reasoning').directives).toEqual({})
  })

  it('parses every fault form', () => {
    expect(parseFault('429')).toEqual({ kind: 'http', status: 429, retryAfterSeconds: 1 })
    expect(parseFault('500')).toEqual({ kind: 'http', status: 500 })
    expect(parseFault('503')).toEqual({ kind: 'http', status: 503 })
    expect(parseFault('529')).toEqual({ kind: 'http', status: 529 })
    expect(parseFault('401')).toEqual({ kind: 'http', status: 401 })
    expect(parseFault('drop')).toEqual({ kind: 'drop', afterChunks: 3 })
    expect(parseFault('drop:7')).toEqual({ kind: 'drop', afterChunks: 7 })
    expect(parseFault('truncate:1')).toEqual({ kind: 'truncate', afterChunks: 1 })
    expect(parseFault('slow:250')).toEqual({ kind: 'slow', ms: 250 })
    expect(parseFault('utf8')).toEqual({ kind: 'utf8' })
    expect(parseFault('malformed')).toEqual({ kind: 'malformed' })
    expect(parseFault('stream-error')).toEqual({ kind: 'stream-error', afterChunks: 3 })
    expect(parseFault('stream-error:0')).toEqual({ kind: 'stream-error', afterChunks: 0 })
  })

  it('rejects bad values loudly', () => {
    for (const bad of ['slow', 'slow:abc', '500:2', 'drop:-1', 'teapot', 'utf8:1']) {
      expect(() => parseFault(bad)).toThrow(DirectiveError)
    }
    expect(() => parseDirectives('#words=lots')).toThrow(DirectiveError)
  })
})

describe('answers', () => {
  it('chunks into pieces that join back exactly without splitting surrogate pairs', () => {
    const text = `# Title\n\nA sentence with extraordinarily long words.\n\n${UTF8_SAMPLE} 🎉🎉🎉🎉🎉🎉🎉🎉`
    const chunks = chunkAnswer(text)
    expect(chunks.join('')).toBe(text)
    expect(chunks.length).toBeGreaterThan(10)
    for (const chunk of chunks) {
      expect(chunk.length).toBeGreaterThan(0)
      // encodeURIComponent throws on a lone surrogate.
      expect(() => encodeURIComponent(chunk)).not.toThrow()
    }
  })

  it('builds deterministic answers', () => {
    expect(composeAnswer({ userText: 'hi' })).toBe('Echo: hi')
    expect(composeAnswer({ userText: 'hi', words: 3, utf8: true })).toBe(
      `word1 word2 word3.\n\n${UTF8_SAMPLE}`,
    )
    expect(fillerWords(1000)).toBe(fillerWords(1000))
    expect(fillerWords(1000).split(/\s+/)).toHaveLength(1000)
    expect(fillerWords(0)).toBe('')
    expect(
      contentText([
        { type: 'image_url', image_url: { url: 'x' } },
        { type: 'text', text: 't' },
      ]),
    ).toBe('t')
  })
})

describe('cli', () => {
  function runCli(...args: string[]) {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output = { stdout: '', stderr: '' }
    child.stdout.on('data', (b: Buffer) => {
      output.stdout += b.toString()
    })
    child.stderr.on('data', (b: Buffer) => {
      output.stderr += b.toString()
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    return { child, output, exited }
  }

  it('prints one line, serves, and exits cleanly on SIGTERM', async () => {
    const { child, output, exited } = runCli(
      '--port',
      '0',
      '--key',
      KEY,
      '--anthropic-models',
      'claude-x, claude-y',
      '--azure-deployments',
      'dep-1',
    )
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        if (output.stdout.includes('\n')) resolve(output.stdout)
      })
      void exited.then((code) => reject(new Error(`cli exited early (${code}): ${output.stderr}`)))
    })
    const match = /^fake provider listening at (http:\/\/127\.0\.0\.1:(\d+)\/v1)\n$/.exec(line)
    expect(match).not.toBeNull()
    const baseURL = match?.[1] ?? ''
    const res = await fetch(`${baseURL}/models`, { headers: { authorization: `Bearer ${KEY}` } })
    expect(res.status).toBe(200)
    expect((await fetch(`${baseURL}/models`)).status).toBe(401)
    const anthropic = await fetch(`${baseURL}/models`, {
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    })
    expect(await modelIds(anthropic)).toEqual(['claude-x', 'claude-y'])
    const origin = baseURL.replace(/\/v1$/, '')
    const azure = await fetch(`${origin}/openai/deployments/dep-1/chat/completions?api-version=2024-10-21`, {
      method: 'POST',
      headers: { 'api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'dep-1', messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(azure.status).toBe(200)

    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(output.stdout).toBe(line)
    expect(output.stderr).toBe('')
  }, 20_000)

  it('exits 1 with one line on stderr when the port is taken', async () => {
    const occupant = await startFakeProvider()
    try {
      const { output, exited } = runCli('--port', String(occupant.port))
      expect(await exited).toBe(1)
      expect(output.stdout).toBe('')
      expect(output.stderr).toMatch(/^fake provider: cannot start on 127\.0\.0\.1:\d+: .*EADDRINUSE.*\n$/)
    } finally {
      await occupant.close()
    }
  }, 20_000)
})
