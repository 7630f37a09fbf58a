/**
 * A fake OpenAI-compatible provider on 127.0.0.1 for unit tests, end-to-end tests and benchmarks:
 * real HTTP and real server-sent events over node:http, deterministic answers, injectable faults,
 * and JSON Schema checks of everything it receives and sends.
 */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import { chunkAnswer, composeAnswer, estimateTokens, lastUserText, promptText } from './answers.ts'
import type { Fault, HttpFaultStatus } from './faults.ts'
import {
  DEFAULT_DROP_AFTER_CHUNKS,
  DEFAULT_RETRY_AFTER_SECONDS,
  DirectiveError,
  parseDirectives,
} from './faults.ts'
import type { OpenAIValidators, SchemaRoot } from './schema.ts'
import { loadOpenAIValidators } from './schema.ts'

export type { Fault } from './faults.ts'

export interface FakeProviderOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** When set, every request must carry `Authorization: Bearer <apiKey>`, else 401. */
  apiKey?: string
  /** Model ids served; default ['fake-small', 'fake-large']. */
  models?: string[]
  /** Validate against the OpenAI JSON Schema (default true). */
  validate?: boolean
}

export interface RecordedRequest {
  method: string
  path: string
  /** Parsed JSON; the raw text when it was not JSON; undefined when there was no body. */
  body: unknown
  /** Request headers without `authorization`, so a key never ends up in test output. */
  headers: Record<string, string | string[] | undefined>
  hadAuthorization: boolean
}

export interface FakeProvider {
  /** e.g. http://127.0.0.1:PORT/v1 — pass straight to the OpenAI SDK. */
  baseURL: string
  port: number
  requests: RecordedRequest[]
  /** Every schema violation seen, in what the fake received and in what it sent. */
  schemaErrors: string[]
  /**
   * Chat completions the fake is still working on (streaming, sleeping or writing). Drops back to 0
   * promptly when a client aborts, which lets a test assert that cancelling really cancelled.
   */
  readonly inFlight: number
  /** Queues a fault for the next chat completion request that gets past authentication and validation. */
  enqueueFault(f: Fault): void
  /** Stops listening and destroys open sockets, so it never waits on a stream in progress. */
  close(): Promise<void>
}

const DEFAULT_MODELS = ['fake-small', 'fake-large']
// Fixed so GET /v1/models is byte-for-byte deterministic.
const MODEL_CREATED = 1_735_689_600
// `#fault=malformed` sends the bad event after this many valid content chunks.
const MALFORMED_AFTER_CHUNKS = 2
// With no #delay, chunks go out back to back (each its own res.write, though the kernel may pack several
// into one packet) with a turn of the event loop every this many chunks, so aborts are noticed and
// parallel streams interleave. Yielding after every chunk made long benchmark answers ~4x slower.
const YIELD_EVERY_CHUNKS = 32

interface OpenAIErrorBody {
  message: string
  type: string
  param: string | null
  code: string | null
}

const INVALID_API_KEY: OpenAIErrorBody = {
  message: 'Incorrect API key provided.',
  type: 'invalid_request_error',
  param: null,
  code: 'invalid_api_key',
}

/** The error body each `#fault=<status>` answers with, modelled on what the real services send. */
function faultError(status: HttpFaultStatus, model: string, retryAfterSeconds: number): OpenAIErrorBody {
  switch (status) {
    case 401:
      return INVALID_API_KEY
    case 429:
      return {
        message: `Rate limit reached for ${model} on requests per min (RPM). Please try again in ${retryAfterSeconds}s.`,
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      }
    case 500:
      return {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      }
    case 503:
      return {
        message: 'The engine is currently overloaded, please try again later.',
        type: 'server_error',
        param: null,
        code: 'service_unavailable',
      }
    case 529:
      return { message: 'Overloaded', type: 'overloaded_error', param: null, code: 'overloaded' }
  }
}

/** Everything needed to answer one chat completion, decided before the first byte is sent. */
interface Plan {
  id: string
  created: number
  model: string
  answer: string
  stream: boolean
  includeUsage: boolean
  delayMs: number
  fault: Fault | undefined
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }
}

export async function startFakeProvider(opts: FakeProviderOptions = {}): Promise<FakeProvider> {
  const models = opts.models ?? DEFAULT_MODELS
  const apiKey = opts.apiKey ? opts.apiKey : undefined
  // Loaded up front so a missing schema file fails the test setup loudly instead of skipping checks.
  const validators: OpenAIValidators | undefined =
    opts.validate === false ? undefined : loadOpenAIValidators()
  const requests: RecordedRequest[] = []
  const schemaErrors: string[] = []
  const faultQueue: Fault[] = []
  const sockets = new Set<Socket>()
  let inFlight = 0

  /** Records a schema violation in `value` (if validation is on) and returns the value unchanged. */
  function checked<T>(root: SchemaRoot, value: T, context: string): T {
    const problem = validators?.[root](value)
    if (problem) schemaErrors.push(`${context}: ${problem}`)
    return value
  }

  function sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: OutgoingHttpHeaders = {},
  ): void {
    if (res.destroyed || res.headersSent) return
    const text = JSON.stringify(body)
    res.writeHead(status, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    res.end(text)
  }

  function sendError(
    res: ServerResponse,
    status: number,
    error: OpenAIErrorBody,
    headers: OutgoingHttpHeaders = {},
  ): void {
    sendJson(res, status, checked('ErrorResponse', { error }, `sent ${status} error`), headers)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-request-id', `req_${randomBytes(16).toString('hex')}`)
    const method = req.method ?? 'GET'
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const raw = await readBody(req)
    let body: unknown
    let invalidJson = false
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw)
      } catch {
        body = raw
        invalidJson = true
      }
    }
    const { authorization, ...headers } = req.headers
    requests.push({ method, path, body, headers, hadAuthorization: authorization !== undefined })

    // Never echo the key (or what was sent instead of it) back.
    if (apiKey !== undefined && authorization !== `Bearer ${apiKey}`) {
      sendError(res, 401, INVALID_API_KEY)
      return
    }
    if (method === 'GET' && path === '/v1/models') {
      const list = {
        object: 'list',
        data: models.map((id) => ({
          id,
          object: 'model',
          created: MODEL_CREATED,
          owned_by: 'roundtable-fake',
        })),
      }
      sendJson(res, 200, checked('ListModelsResponse', list, 'sent model list'))
      return
    }
    if (method === 'POST' && path === '/v1/chat/completions') {
      await chatCompletion(req, res, body, invalidJson)
      return
    }
    sendError(res, 404, {
      message: `Invalid URL (${method} ${path})`,
      type: 'invalid_request_error',
      param: null,
      code: null,
    })
  }

  async function chatCompletion(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    invalidJson: boolean,
  ): Promise<void> {
    if (invalidJson) {
      sendError(res, 400, {
        message: 'We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.',
        type: 'invalid_request_error',
        param: null,
        code: null,
      })
      return
    }
    const problem = validators
      ? validators.CreateChatCompletionRequest(body)
      : isRecord(body) && Array.isArray(body.messages)
        ? null
        : "body must be an object with a 'messages' array"
    if (problem) {
      if (validators) schemaErrors.push(`received POST /v1/chat/completions: ${problem}`)
      sendError(res, 400, {
        message: `Invalid request body: ${problem}`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      })
      return
    }
    const request = body as Record<string, unknown>
    const model = typeof request.model === 'string' ? request.model : ''
    if (!models.includes(model)) {
      sendError(res, 404, {
        message: `The model '${model}' does not exist`,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      })
      return
    }

    const userText = lastUserText(request.messages)
    let parsed: ReturnType<typeof parseDirectives>
    try {
      parsed = parseDirectives(userText)
    } catch (error) {
      if (!(error instanceof DirectiveError)) throw error
      sendError(res, 400, {
        message: `fake provider: ${error.message}`,
        type: 'invalid_request_error',
        param: 'messages',
        code: null,
      })
      return
    }
    const { directives, rest } = parsed
    // A queued fault is consumed only by a request that would otherwise be answered, and it takes
    // precedence over a #fault directive; #words and #delay still apply alongside it.
    const fault = faultQueue.shift() ?? directives.fault

    if (fault?.kind === 'http') {
      const retryAfter = fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS
      const headers: OutgoingHttpHeaders = fault.status === 429 ? { 'retry-after': String(retryAfter) } : {}
      sendError(res, fault.status, faultError(fault.status, model, retryAfter), headers)
      return
    }

    const answer = composeAnswer({ userText: rest, words: directives.words, utf8: fault?.kind === 'utf8' })
    const promptTokens = estimateTokens(promptText(request.messages))
    const completionTokens = estimateTokens(answer)
    const streamOptions = request.stream_options
    const plan: Plan = {
      id: `chatcmpl-${randomBytes(18).toString('base64url')}`,
      created: Math.floor(Date.now() / 1000),
      model,
      answer,
      stream: request.stream === true,
      includeUsage: isRecord(streamOptions) && streamOptions.include_usage === true,
      delayMs: directives.delayMs ?? 0,
      fault,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    }
    // Small frames must leave as separate TCP segments for the utf8 fault to split characters on the wire.
    req.socket.setNoDelay(true)
    inFlight++
    try {
      if (plan.stream) await streamCompletion(res, plan)
      else await completeAtOnce(res, plan)
    } finally {
      inFlight--
    }
  }

  async function streamCompletion(res: ServerResponse, plan: Plan): Promise<void> {
    const { fault } = plan
    const signal = closedSignal(res)
    const splitUtf8 = fault?.kind === 'utf8'
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    })
    res.flushHeaders()

    let sent = 0
    const frame = (data: string): Promise<boolean> => writeFrame(res, `data: ${data}\n\n`, signal, splitUtf8)
    const chunk = (delta: Record<string, unknown>, finishReason: 'stop' | null): Promise<boolean> => {
      const value = {
        id: plan.id,
        object: 'chat.completion.chunk',
        created: plan.created,
        model: plan.model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        // With include_usage the real API sends `usage: null` on every chunk but the last.
        ...(plan.includeUsage ? { usage: null } : {}),
      }
      return frame(
        JSON.stringify(checked('CreateChatCompletionStreamResponse', value, `sent chunk ${sent++}`)),
      )
    }

    if (fault?.kind === 'slow' && !(await pause(fault.ms, signal))) return
    if (!(await chunk({ role: 'assistant', content: '' }, null))) return

    const pieces = chunkAnswer(plan.answer)
    // Cut before the last piece at the latest, so a dropped answer is always visibly incomplete.
    const cutAt =
      fault?.kind === 'drop' || fault?.kind === 'truncate'
        ? Math.min(fault.afterChunks ?? DEFAULT_DROP_AFTER_CHUNKS, Math.max(0, pieces.length - 1))
        : -1
    const malformedAt = fault?.kind === 'malformed' ? Math.min(MALFORMED_AFTER_CHUNKS, pieces.length) : -1

    for (let i = 0; i <= pieces.length; i++) {
      if (i === malformedAt && !(await frame('{not json'))) return
      if (i === cutAt) {
        if (fault?.kind === 'truncate') {
          res.end()
        } else {
          // Let what was written reach the kernel first; destroy() discards anything still queued.
          await flushed(res)
          res.destroy()
        }
        return
      }
      const piece = pieces[i]
      if (piece === undefined) break
      const wait = plan.delayMs > 0 || i % YIELD_EVERY_CHUNKS === YIELD_EVERY_CHUNKS - 1
      if (i > 0 && wait && !(await pause(plan.delayMs, signal))) return
      if (!(await chunk({ content: piece }, null))) return
    }

    if (!(await chunk({}, 'stop'))) return
    if (plan.includeUsage) {
      const usageChunk = {
        id: plan.id,
        object: 'chat.completion.chunk',
        created: plan.created,
        model: plan.model,
        choices: [],
        usage: plan.usage,
      }
      if (
        !(await frame(
          JSON.stringify(checked('CreateChatCompletionStreamResponse', usageChunk, 'sent usage chunk')),
        ))
      )
        return
    }
    if (!(await frame('[DONE]'))) return
    res.end()
  }

  /** `stream` false or absent: one chat.completion JSON body, with the faults that make sense for it. */
  async function completeAtOnce(res: ServerResponse, plan: Plan): Promise<void> {
    const { fault } = plan
    const signal = closedSignal(res)
    if (fault?.kind === 'slow' && !(await pause(fault.ms, signal))) return
    if (fault?.kind === 'drop') {
      res.destroy()
      return
    }
    const completion = checked(
      'CreateChatCompletionResponse',
      {
        id: plan.id,
        object: 'chat.completion',
        created: plan.created,
        model: plan.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: plan.answer, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: plan.usage,
      },
      'sent chat.completion',
    )
    const text = JSON.stringify(completion)
    if (fault?.kind === 'utf8' || fault?.kind === 'truncate' || fault?.kind === 'malformed') {
      // No content-length: these bodies are written in pieces (or cut short) with chunked encoding.
      res.writeHead(200, { 'content-type': 'application/json' })
      if (fault.kind === 'malformed') res.end('{not json')
      else if (fault.kind === 'truncate') res.end(text.slice(0, Math.floor(text.length / 2)))
      else if (await writeFrame(res, text, signal, true)) res.end()
      return
    }
    sendJson(res, 200, completion)
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      // Reading the body fails when the client goes away mid-request; anything else is a bug in the
      // fake, reported as a 500 so the test sees it instead of hanging.
      if (!res.headersSent && !res.destroyed) {
        sendError(res, 500, {
          message: 'fake provider internal error',
          type: 'server_error',
          param: null,
          code: null,
        })
      } else {
        res.destroy()
      }
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })

  server.listen(opts.port ?? 0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as AddressInfo).port

  let closing: Promise<void> | undefined
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    schemaErrors,
    get inFlight() {
      return inFlight
    },
    enqueueFault(f: Fault): void {
      faultQueue.push(f)
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Destroying the sockets fires 'close' on open responses, which stops their timers.
        for (const socket of sockets) socket.destroy()
      })
      return closing
    },
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = []
  for await (const part of req) parts.push(part as Buffer)
  return Buffer.concat(parts).toString('utf8')
}

/** Aborts when the response closes — finished, or the client went away — so pending waits stop. */
function closedSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController()
  if (res.destroyed) controller.abort()
  else res.once('close', () => controller.abort())
  return controller.signal
}

/** Waits `ms`, or one turn of the event loop for 0. False if the client left meanwhile. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    if (ms > 0) await sleep(ms, undefined, { signal })
    else await nextTurn(undefined, { signal })
    return !signal.aborted
  } catch {
    return false
  }
}

/**
 * Writes one frame, honouring backpressure. With `splitUtf8` the encoded bytes are written in slices
 * cut inside every multi-byte character, each slice on a later turn, so clients must reassemble
 * characters across reads. Returns false once the client is gone.
 */
async function writeFrame(
  res: ServerResponse,
  text: string,
  signal: AbortSignal,
  splitUtf8: boolean,
): Promise<boolean> {
  if (signal.aborted || res.destroyed) return false
  try {
    if (!splitUtf8) {
      if (!res.write(text)) await once(res, 'drain', { signal })
      return !signal.aborted
    }
    for (const slice of sliceInsideCharacters(Buffer.from(text, 'utf8'))) {
      if (signal.aborted || res.destroyed) return false
      res.write(slice)
      await nextTurn(undefined, { signal })
    }
    return true
  } catch {
    return false
  }
}

/** Cuts right after the lead byte of each multi-byte UTF-8 sequence, so every such character straddles two slices. */
function sliceInsideCharacters(bytes: Buffer): Buffer[] {
  const slices: Buffer[] = []
  let start = 0
  for (let i = 1; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0
    const previous = bytes[i - 1] ?? 0
    if ((byte & 0xc0) === 0x80 && previous >= 0xc0) {
      slices.push(bytes.subarray(start, i))
      start = i
    }
  }
  slices.push(bytes.subarray(start))
  return slices
}

/** Resolves once everything written so far has left Node for the kernel (destroy() would discard the rest). */
async function flushed(res: ServerResponse): Promise<void> {
  // node:http corks chunked writes until the next tick; let that uncork happen first.
  await nextTurn()
  const socket = res.socket
  if (!socket || socket.destroyed || socket.writableLength === 0) return
  await new Promise<void>((resolve) => {
    socket.once('drain', resolve)
    socket.once('close', resolve)
  })
}
