/**
 * A fake OpenAI-compatible provider on 127.0.0.1 for unit tests, end-to-end tests and benchmarks:
 * real HTTP and real server-sent events over node:http, deterministic answers, injectable faults,
 * and JSON Schema checks of everything it receives and sends. The same server also speaks Azure
 * OpenAI's addressing (/openai/deployments/...) and Anthropic's Messages API (see anthropic.ts).
 */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  answerText,
  chunkAnswer,
  estimateTokens,
  lastUserText,
  ownAnswer,
  promptText,
  receivedReport,
  systemMessageText,
  TOOL_ARGUMENTS,
  TOOL_NAME,
  thinkingText,
} from './answers.ts'
import { DEFAULT_ANTHROPIC_MODELS, handleAnthropic, isAnthropicRequest } from './anthropic.ts'
import type { Ending, Fault, HttpFaultStatus } from './faults.ts'
import {
  DEFAULT_DROP_AFTER_CHUNKS,
  DEFAULT_RETRY_AFTER_SECONDS,
  DirectiveError,
  parseDirectives,
} from './faults.ts'
import type { OpenAIValidators, SchemaRoot } from './schema.ts'
import { loadOpenAIValidators } from './schema.ts'
import {
  closedSignal,
  cutShort,
  isRecord,
  pause,
  readBody,
  seededRandom,
  sendJson,
  shapeFrame,
  startEventStream,
  writeFrame,
  YIELD_EVERY_CHUNKS,
} from './wire.ts'

export type { Fault } from './faults.ts'

export interface FakeProviderOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /**
   * When set, every request must carry it, else 401: `Authorization: Bearer <apiKey>` on the OpenAI
   * side, `api-key` for Azure, `x-api-key` (or the bearer form) for Anthropic.
   */
  apiKey?: string
  /** Model ids served; default ['fake-small', 'fake-large']. */
  models?: string[]
  /** Model ids served on the Anthropic side; default ['claude-fake-sonnet', 'claude-fake-haiku']. */
  anthropicModels?: string[]
  /** Azure OpenAI deployment names (each is the model it serves); default ['fake-deployment']. */
  azureDeployments?: string[]
  /** Validate against the OpenAI JSON Schema (default true). */
  validate?: boolean
}

const OPENAI_FINISH: Record<string, string> = {
  stop: 'stop',
  length: 'length',
  'reasoning-only': 'length',
  content_filter: 'content_filter',
  refusal: 'stop',
  tool: 'tool_calls',
  empty: 'stop',
}

export interface RecordedRequest {
  method: string
  path: string
  /** The query string's parameters, e.g. Azure's `api-version`. */
  query: Record<string, string>
  /** Parsed JSON; the raw text when it was not JSON; undefined when there was no body. */
  body: unknown
  /**
   * Request headers without `authorization`, `x-api-key` and `api-key`, so a key never ends up in test
   * output.
   */
  headers: Record<string, string | string[] | undefined>
  /** Whether any of those key headers was sent. */
  hadAuthorization: boolean
}

export interface FakeProvider {
  /** e.g. http://127.0.0.1:PORT/v1 — pass straight to the OpenAI SDK. */
  baseURL: string
  /**
   * http://127.0.0.1:PORT — the Anthropic SDK's baseURL (it appends /v1/messages) and the Azure
   * endpoint (the SDK appends /openai/deployments/...).
   */
  origin: string
  port: number
  requests: RecordedRequest[]
  /** Every schema violation seen, in what the fake received and in what it sent. */
  schemaErrors: string[]
  /**
   * Chat completions and Anthropic messages the fake is still working on (streaming, sleeping or
   * writing). Drops back to 0 promptly when a client aborts, which lets a test assert that cancelling
   * really cancelled.
   */
  readonly inFlight: number
  /**
   * Queues a fault for the next chat request (OpenAI, Azure or Anthropic) that gets past
   * authentication and validation.
   */
  enqueueFault(f: Fault): void
  /** Stops listening and destroys open sockets, so it never waits on a stream in progress. */
  close(): Promise<void>
}

const DEFAULT_MODELS = ['fake-small', 'fake-large']
// Fixed so GET /v1/models is byte-for-byte deterministic.
const MODEL_CREATED = 1_735_689_600
// `#fault=malformed` sends the bad event after this many valid content chunks.
const MALFORMED_AFTER_CHUNKS = 2
const DEFAULT_AZURE_DEPLOYMENTS = ['fake-deployment']
// Headers that carry a key on one side or another; never recorded.
const KEY_HEADERS = new Set(['authorization', 'x-api-key', 'api-key'])

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

// Azure OpenAI's own error bodies (its pass-through OpenAI errors look like the ones above).
const AZURE_UNAUTHORIZED = {
  error: {
    code: '401',
    message:
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  },
}
// What Azure answers for an unknown path and, notably, for a missing api-version: a 404, not a 400.
const AZURE_RESOURCE_NOT_FOUND = { error: { code: '404', message: 'Resource not found' } }
const AZURE_DEPLOYMENT_NOT_FOUND = {
  error: {
    code: 'DeploymentNotFound',
    message:
      'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
  },
}

/** Which door a chat completion came in by. */
type ChatRoute = { kind: 'openai' } | { kind: 'azure'; deployment: string }

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
  /** `#reasoning`: streamed as `reasoning_content` before the answer; null without it. */
  reasoning: string | null
  answer: string
  stream: boolean
  includeUsage: boolean
  /** Azure starts its streams with a chunk that has no choices, only prompt filter results. */
  azure: boolean
  delayMs: number
  fault: Fault | undefined
  ending: Ending | undefined
  usage: {
    prompt_tokens: number
    completion_tokens: number
    total_tokens: number
    completion_tokens_details?: { reasoning_tokens: number }
  }
}

export async function startFakeProvider(opts: FakeProviderOptions = {}): Promise<FakeProvider> {
  const models = opts.models ?? DEFAULT_MODELS
  const anthropicModels = opts.anthropicModels ?? DEFAULT_ANTHROPIC_MODELS
  const azureDeployments = opts.azureDeployments ?? DEFAULT_AZURE_DEPLOYMENTS
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

  /** Counts a chat response as in flight while `work` runs. */
  async function track(work: () => Promise<void>): Promise<void> {
    inFlight++
    try {
      await work()
    } finally {
      inFlight--
    }
  }

  const anthropic = {
    apiKey,
    models: anthropicModels,
    schemaErrors,
    nextFault: () => faultQueue.shift(),
    track,
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
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
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
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !KEY_HEADERS.has(name)))
    const hadAuthorization = Object.keys(req.headers).some((name) => KEY_HEADERS.has(name))
    const query = Object.fromEntries(url.searchParams)
    requests.push({ method, path, query, body, headers, hadAuthorization })

    if (isAnthropicRequest(path, req.headers)) {
      const call = { method, path, query: url.searchParams, headers: req.headers, body, invalidJson }
      await handleAnthropic(anthropic, req, res, call)
      return
    }
    if (path === '/openai' || path.startsWith('/openai/')) {
      await azure(req, res, method, path, url.searchParams, body, invalidJson)
      return
    }
    // Never echo the key (or what was sent instead of it) back.
    if (apiKey !== undefined && req.headers.authorization !== `Bearer ${apiKey}`) {
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
      await chatCompletion(req, res, body, invalidJson, { kind: 'openai' })
      return
    }
    sendError(res, 404, {
      message: `Invalid URL (${method} ${path})`,
      type: 'invalid_request_error',
      param: null,
      code: null,
    })
  }

  /**
   * Azure OpenAI: `POST /openai/deployments/{deployment}/chat/completions?api-version=...` and
   * `GET /openai/models?api-version=...`, which is exactly what the openai SDK's AzureOpenAI requests.
   */
  async function azure(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    invalidJson: boolean,
  ): Promise<void> {
    if (apiKey !== undefined && req.headers['api-key'] !== apiKey) {
      sendJson(res, 401, AZURE_UNAUTHORIZED)
      return
    }
    if (!query.get('api-version')) {
      sendJson(res, 404, AZURE_RESOURCE_NOT_FOUND)
      return
    }
    if (method === 'GET' && path === '/openai/models') {
      // Azure lists the base models the resource can deploy, in its own shape, not its deployments.
      sendJson(res, 200, {
        object: 'list',
        data: models.map((id) => ({
          id,
          object: 'model',
          created_at: MODEL_CREATED,
          status: 'succeeded',
          capabilities: { chat_completion: true, completion: false, embeddings: false, inference: true },
          lifecycle_status: 'generally-available',
        })),
      })
      return
    }
    const match = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path)
    if (method === 'POST' && match) {
      const deployment = decodeURIComponent(match[1] ?? '')
      if (!azureDeployments.includes(deployment)) {
        sendJson(res, 404, AZURE_DEPLOYMENT_NOT_FOUND)
        return
      }
      await chatCompletion(req, res, body, invalidJson, { kind: 'azure', deployment })
      return
    }
    sendJson(res, 404, AZURE_RESOURCE_NOT_FOUND)
  }

  async function chatCompletion(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    invalidJson: boolean,
    route: ChatRoute,
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
      const where = route.kind === 'azure' ? `/openai/deployments/${route.deployment}` : '/v1'
      if (validators) schemaErrors.push(`received POST ${where}/chat/completions: ${problem}`)
      sendError(res, 400, {
        message: `Invalid request body: ${problem}`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      })
      return
    }
    const request = body as Record<string, unknown>
    // On Azure the deployment in the path picks the model, whatever the body says.
    const model =
      route.kind === 'azure' ? route.deployment : typeof request.model === 'string' ? request.model : ''
    if (route.kind === 'openai' && !models.includes(model)) {
      sendError(res, 404, {
        message: `The model '${model}' does not exist`,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      })
      return
    }

    const userText = lastUserText(request.messages)
    const title = ownAnswer(systemMessageText(request.messages), userText)
    let parsed: ReturnType<typeof parseDirectives>
    try {
      // A title request quotes the conversation: its directives are not meant for this request.
      parsed = title === null ? parseDirectives(userText) : { directives: {}, rest: '' }
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
    // A model named in #down is out: every request to it fails, whatever else is queued.
    const outage: Fault | undefined = directives.down?.includes(model)
      ? { kind: 'http', status: 503 }
      : undefined
    const fault = title === null ? (outage ?? faultQueue.shift() ?? directives.fault) : undefined

    if (fault?.kind === 'http') {
      const retryAfter = fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS
      const headers: OutgoingHttpHeaders = fault.status === 429 ? { 'retry-after': String(retryAfter) } : {}
      sendError(res, fault.status, faultError(fault.status, model, retryAfter), headers)
      return
    }

    const ending = directives.ending
    const answer = answerText({
      title,
      ending,
      userText: rest,
      words: directives.words,
      ...(directives.received && {
        received: receivedReport(systemMessageText(request.messages), request.messages),
      }),
      utf8: fault?.kind === 'utf8',
    })
    const reasoning = directives.reasoning || ending === 'reasoning-only' ? thinkingText(rest) : null
    const promptTokens = estimateTokens(promptText(request.messages))
    const reasoningTokens = reasoning === null ? 0 : estimateTokens(reasoning)
    const completionTokens = estimateTokens(answer) + reasoningTokens
    const streamOptions = request.stream_options
    const plan: Plan = {
      id: `chatcmpl-${randomBytes(18).toString('base64url')}`,
      created: Math.floor(Date.now() / 1000),
      model,
      reasoning,
      answer,
      stream: request.stream === true,
      includeUsage: isRecord(streamOptions) && streamOptions.include_usage === true,
      azure: route.kind === 'azure',
      delayMs: directives.delayMs ?? 0,
      fault,
      ending,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        ...(reasoning === null ? {} : { completion_tokens_details: { reasoning_tokens: reasoningTokens } }),
      },
    }
    // Small frames must leave as separate TCP segments for the utf8 fault to split characters on the wire.
    req.socket.setNoDelay(true)
    await track(() => (plan.stream ? streamCompletion(res, plan) : completeAtOnce(res, plan)))
  }

  async function streamCompletion(res: ServerResponse, plan: Plan): Promise<void> {
    const { fault } = plan
    const signal = closedSignal(res)
    const splitUtf8 = fault?.kind === 'utf8'
    const randomCuts = fault?.kind === 'split' ? seededRandom(fault.seed) : undefined
    startEventStream(res)

    const frame = (data: string): Promise<boolean> =>
      writeFrame(res, shapeFrame(`data: ${data}\n\n`, fault), signal, splitUtf8, randomCuts)
    let sent = 0
    const emit = (value: object): Promise<boolean> =>
      frame(JSON.stringify(checked('CreateChatCompletionStreamResponse', value, `sent chunk ${sent++}`)))
    const header = { id: plan.id, object: 'chat.completion.chunk', created: plan.created, model: plan.model }
    const chunk = (delta: Record<string, unknown>, finishReason: string | null): Promise<boolean> =>
      emit({
        ...header,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        // With include_usage the real API sends `usage: null` on every chunk but the last.
        ...(plan.includeUsage ? { usage: null } : {}),
      })

    if (fault?.kind === 'slow' && !(await pause(fault.ms, signal))) return
    if (plan.azure) {
      // Azure's first chunk: no choices, only how the prompt fared in content filtering. Not in
      // OpenAI's schema (object and id are empty), so it is sent unchecked.
      const filtered = {
        choices: [],
        created: 0,
        id: '',
        model: '',
        object: '',
        prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
      }
      if (!(await frame(JSON.stringify(filtered)))) return
    }
    if (!(await chunk({ role: 'assistant', content: '' }, null))) return

    if (plan.reasoning !== null) {
      // DeepSeek style: reasoning_content deltas with a null content, all before the answer.
      for (const [i, piece] of chunkAnswer(plan.reasoning).entries()) {
        if (i > 0 && plan.delayMs > 0 && !(await pause(plan.delayMs, signal))) return
        if (!(await chunk({ content: null, reasoning_content: piece }, null))) return
      }
    }

    const whole = chunkAnswer(plan.answer)
    // Cut at the token limit, or by a filter: only part of the answer comes.
    const pieces =
      plan.ending === 'length' || plan.ending === 'content_filter'
        ? whole.slice(0, Math.ceil(whole.length / 2))
        : whole
    // Cut before the last piece at the latest, so a dropped answer is always visibly incomplete.
    const cutAt =
      fault?.kind === 'drop' || fault?.kind === 'truncate' || fault?.kind === 'stream-error'
        ? Math.min(fault.afterChunks ?? DEFAULT_DROP_AFTER_CHUNKS, Math.max(0, pieces.length - 1))
        : -1
    const malformedAt = fault?.kind === 'malformed' ? Math.min(MALFORMED_AFTER_CHUNKS, pieces.length) : -1

    for (let i = 0; i <= pieces.length; i++) {
      if (i === malformedAt && !(await frame('{not json'))) return
      if (i === cutAt) {
        if (fault?.kind === 'stream-error') {
          // An error object in place of a chunk, as OpenAI-compatible servers send once the 200 is out.
          const error = checked(
            'ErrorResponse',
            { error: { message: 'Overloaded', type: 'server_error', param: null, code: null } },
            'sent stream error',
          )
          if (await frame(JSON.stringify(error))) res.end()
        } else {
          await cutShort(res, fault?.kind === 'drop' ? 'drop' : 'truncate')
        }
        return
      }
      const piece = pieces[i]
      if (piece === undefined) break
      const wait = plan.delayMs > 0 || i % YIELD_EVERY_CHUNKS === YIELD_EVERY_CHUNKS - 1
      if (i > 0 && wait && !(await pause(plan.delayMs, signal))) return
      // A refusal streams in its own field, with content left null.
      if (
        !(await chunk(
          plan.ending === 'refusal' ? { content: null, refusal: piece } : { content: piece },
          null,
        ))
      )
        return
    }

    if (plan.ending === 'tool') {
      const call = {
        index: 0,
        id: 'call_fake_1',
        type: 'function',
        function: { name: TOOL_NAME, arguments: '' },
      }
      if (!(await chunk({ tool_calls: [call] }, null))) return
      if (!(await chunk({ tool_calls: [{ index: 0, function: { arguments: TOOL_ARGUMENTS } }] }, null)))
        return
    }
    if (!(await chunk({}, OPENAI_FINISH[plan.ending ?? 'stop'] ?? 'stop'))) return
    if (plan.includeUsage && !(await emit({ ...header, choices: [], usage: plan.usage }))) return
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
    if (fault?.kind === 'stream-error') {
      // Without a stream the error can only be the status.
      sendError(res, 503, faultError(503, plan.model, DEFAULT_RETRY_AFTER_SECONDS))
      return
    }
    const message = {
      role: 'assistant',
      content: plan.answer,
      ...(plan.reasoning === null ? {} : { reasoning_content: plan.reasoning }),
      refusal: null,
      annotations: [],
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
            message,
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
    handle(req, res).catch((error: unknown) => {
      // A destroyed response means the client went away (e.g. mid-body), which is not worth a word.
      if (res.destroyed) return
      // Anything else is a bug in the fake: say so, and answer 500 rather than leave the client hanging.
      console.error('fake provider: internal error', error)
      if (res.headersSent) res.destroy()
      else
        sendError(res, 500, {
          message: 'fake provider internal error',
          type: 'server_error',
          param: null,
          code: null,
        })
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
    origin: `http://127.0.0.1:${port}`,
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
