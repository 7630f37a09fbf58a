/**
 * The fake provider's Anthropic side: `POST /v1/messages` (streaming as real Anthropic SSE, or one
 * message JSON) and the Anthropic model list, with the same answers, directives and faults as the
 * OpenAI side. There is no published JSON Schema to check against, so the request rules the real API
 * enforces and our adapter must respect (max_tokens, roles, thinking budget, no temperature with
 * thinking, ranges, no unknown fields) are checked by hand below.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import {
  answerText,
  chunkAnswer,
  contentText,
  estimateTokens,
  lastUserText,
  ownAnswer,
  promptText,
  receivedReport,
  TOOL_ARGUMENTS,
  TOOL_NAME,
  thinkingText,
} from './answers.ts'
import type { Ending, Fault, HttpFaultStatus } from './faults.ts'
import {
  DEFAULT_DROP_AFTER_CHUNKS,
  DEFAULT_RETRY_AFTER_SECONDS,
  DirectiveError,
  parseDirectives,
} from './faults.ts'
import {
  closedSignal,
  cutShort,
  isRecord,
  pause,
  seededRandom,
  sendJson,
  shapeFrame,
  startEventStream,
  writeFrame,
  YIELD_EVERY_CHUNKS,
} from './wire.ts'

export const DEFAULT_ANTHROPIC_MODELS = ['claude-fake-sonnet', 'claude-fake-haiku']
// Fixed so the model list is byte-for-byte deterministic.
const MODEL_CREATED_AT = '2025-01-01T00:00:00Z'
// As on the OpenAI side: `#fault=malformed` breaks the event after this many text deltas.
const MALFORMED_AFTER_CHUNKS = 2
// A `ping` after message_start, then one every this many deltas, as the real stream sends them now and then.
const PING_EVERY_CHUNKS = 8
// The real API's smallest thinking budget.
const MIN_THINKING_BUDGET = 1_024
const DEFAULT_LIST_LIMIT = 20

/** What the Anthropic routes need from the server they are mounted in. */
export interface AnthropicRouteContext {
  /** When set, requests must carry `x-api-key: <apiKey>` (or `Authorization: Bearer <apiKey>`). */
  apiKey: string | undefined
  models: readonly string[]
  /** Where a request that breaks the API's rules is reported, like an OpenAI schema violation. */
  schemaErrors: string[]
  /** The next queued fault (`enqueueFault`), if any; called only for a request about to be answered. */
  nextFault(): Fault | undefined
  /** Counts the response as in flight while `work` runs. */
  track(work: () => Promise<void>): Promise<void>
}

/** One parsed request, as the server received it. */
export interface AnthropicCall {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: unknown
  invalidJson: boolean
}

type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error'

/** Requests for the Anthropic side: `/v1/messages`, and any other /v1 path sent with `anthropic-version`. */
export function isAnthropicRequest(path: string, headers: IncomingHttpHeaders): boolean {
  return path === '/v1/messages' || (path.startsWith('/v1/') && headers['anthropic-version'] !== undefined)
}

/** 'claude-fake-sonnet' → 'Claude Fake Sonnet'. */
export function displayName(id: string): string {
  return id
    .split(/[-_]/)
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')
}

function anthropicError(type: AnthropicErrorType, message: string) {
  return { type: 'error', error: { type, message } }
}

function sendError(
  res: ServerResponse,
  status: number,
  type: AnthropicErrorType,
  message: string,
  headers: OutgoingHttpHeaders = {},
): void {
  sendJson(res, status, anthropicError(type, message), headers)
}

/** The status and body each `#fault=<status>` answers with on the Anthropic side. */
function faultError(status: HttpFaultStatus): { type: AnthropicErrorType; message: string } {
  switch (status) {
    case 401:
      return { type: 'authentication_error', message: 'invalid x-api-key' }
    case 429:
      return {
        type: 'rate_limit_error',
        message: 'This request would exceed the rate limit for your organization. Please try again later.',
      }
    case 500:
      return { type: 'api_error', message: 'Internal server error' }
    case 503:
      return { type: 'api_error', message: 'Service unavailable' }
    case 529:
      return { type: 'overloaded_error', message: 'Overloaded' }
  }
}

const KNOWN_FIELDS = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'stream',
  'metadata',
  'thinking',
  'tools',
  'tool_choice',
  'service_tier',
])

/** Text of a `system` prompt: a string, or an array of text blocks. Null when it has the wrong shape. */
function systemText(system: unknown): string | null {
  if (typeof system === 'string') return system
  if (!Array.isArray(system)) return null
  if (!system.every((b) => isRecord(b) && b.type === 'text' && typeof b.text === 'string')) return null
  return contentText(system)
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/**
 * The first rule of the Messages API the body breaks, worded like the real API's 400 messages, or
 * null. The model is checked separately (an unknown model is a 404, not a 400).
 */
export function messagesRequestProblem(body: unknown): string | null {
  if (!isRecord(body)) return 'The request body must be a JSON object.'
  for (const key of Object.keys(body)) {
    if (!KNOWN_FIELDS.has(key)) return `${key}: Extra inputs are not permitted`
  }
  if (typeof body.model !== 'string' || body.model.length === 0) return 'model: Field required'
  const maxTokens = body.max_tokens
  if (maxTokens === undefined) return 'max_tokens: Field required'
  if (!Number.isInteger(maxTokens) || (maxTokens as number) < 1) {
    return 'max_tokens: Input should be a positive integer'
  }
  const messages = body.messages
  if (!Array.isArray(messages)) return 'messages: Field required'
  if (messages.length === 0) return 'messages: at least one message is required'
  for (const [i, message] of messages.entries()) {
    if (!isRecord(message)) return `messages.${i}: Input should be an object`
    if (message.role !== 'user' && message.role !== 'assistant') {
      return `messages.${i}.role: Input should be 'user' or 'assistant'`
    }
    const content = message.content
    const isLastAssistant = i === messages.length - 1 && message.role === 'assistant'
    if (typeof content === 'string') {
      if (content.length === 0 && !isLastAssistant) {
        return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`
      }
      continue
    }
    if (!Array.isArray(content)) return `messages.${i}.content: Input should be a string or a list of blocks`
    if (content.length === 0 && !isLastAssistant) {
      return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`
    }
    for (const [j, block] of content.entries()) {
      if (!isRecord(block) || block.type !== 'text' || typeof block.text !== 'string') {
        return `messages.${i}.content.${j}: the fake only accepts {type: 'text', text} blocks`
      }
      if (block.text.length === 0)
        return `messages.${i}.content.${j}.text: text content blocks must be non-empty`
    }
  }
  if (body.system !== undefined && systemText(body.system) === null) {
    return 'system: Input should be a string or a list of text blocks'
  }
  for (const name of ['temperature', 'top_p'] as const) {
    const value = body[name]
    if (value === undefined) continue
    if (!isFiniteNumber(value) || value < 0 || value > 1) {
      return `${name}: Input should be a number between 0 and 1`
    }
  }
  if (body.top_k !== undefined && (!Number.isInteger(body.top_k) || (body.top_k as number) < 0)) {
    return 'top_k: Input should be a non-negative integer'
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean')
    return 'stream: Input should be a boolean'
  if (
    body.stop_sequences !== undefined &&
    !(Array.isArray(body.stop_sequences) && body.stop_sequences.every((s) => typeof s === 'string'))
  ) {
    return 'stop_sequences: Input should be a list of strings'
  }
  const thinking = body.thinking
  if (thinking !== undefined) {
    if (!isRecord(thinking)) return 'thinking: Input should be an object'
    if (thinking.type === 'disabled') return null
    if (thinking.type !== 'enabled') return "thinking.type: Input should be 'enabled' or 'disabled'"
    const budget = thinking.budget_tokens
    if (!Number.isInteger(budget)) return 'thinking.budget_tokens: Field required'
    if ((budget as number) < MIN_THINKING_BUDGET) {
      return `thinking.budget_tokens: Input should be greater than or equal to ${MIN_THINKING_BUDGET}`
    }
    if ((budget as number) >= (maxTokens as number)) {
      return '`max_tokens` must be greater than `thinking.budget_tokens`.'
    }
    if (body.temperature !== undefined) return '`temperature` cannot be set when thinking is enabled.'
    if (body.top_p !== undefined) return '`top_p` cannot be set when thinking is enabled.'
  }
  return null
}

/** Everything needed to answer one message request, decided before the first byte is sent. */
interface Plan {
  id: string
  model: string
  /** Null when thinking is not enabled. */
  thinking: string | null
  answer: string
  stream: boolean
  delayMs: number
  fault: Fault | undefined
  ending: Ending | undefined
  inputTokens: number
  outputTokens: number
  /** Prompt tokens read from, and written to, the provider's prompt cache (reported like the real API). */
  cacheRead: number
}

export async function handleAnthropic(
  ctx: AnthropicRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  call: AnthropicCall,
): Promise<void> {
  // Anthropic names its request id header `request-id`; keep the one the server already set.
  res.setHeader(
    'request-id',
    String(res.getHeader('x-request-id') ?? `req_${randomBytes(12).toString('hex')}`),
  )
  const { headers } = call
  if (
    ctx.apiKey !== undefined &&
    headers['x-api-key'] !== ctx.apiKey &&
    // This SDK (1.x) sends the key as a bearer token rather than in x-api-key; both are accepted.
    headers.authorization !== `Bearer ${ctx.apiKey}`
  ) {
    // Never echo the key, or what was sent instead of it.
    sendError(res, 401, 'authentication_error', 'invalid x-api-key')
    return
  }
  if (headers['anthropic-version'] === undefined) {
    sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required')
    return
  }
  if (call.method === 'POST' && call.path === '/v1/messages') {
    await messages(ctx, req, res, call)
    return
  }
  if (call.method === 'GET' && call.path === '/v1/models') {
    listModels(ctx, res, call.query)
    return
  }
  const single = /^\/v1\/models\/([^/]+)$/.exec(call.path)
  if (call.method === 'GET' && single) {
    const id = decodeURIComponent(single[1] ?? '')
    if (ctx.models.includes(id)) sendJson(res, 200, modelInfo(id))
    else sendError(res, 404, 'not_found_error', `model: ${id}`)
    return
  }
  sendError(res, 404, 'not_found_error', `Not found: ${call.method} ${call.path}`)
}

function modelInfo(id: string) {
  return { type: 'model', id, display_name: displayName(id), created_at: MODEL_CREATED_AT }
}

/** Anthropic's cursor pagination: `limit` (1-1000, default 20), `after_id`, `before_id`. */
function listModels(ctx: AnthropicRouteContext, res: ServerResponse, query: URLSearchParams): void {
  const limitParam = query.get('limit')
  const limit = limitParam === null ? DEFAULT_LIST_LIMIT : Number(limitParam)
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    sendError(res, 400, 'invalid_request_error', 'limit: Input should be between 1 and 1000')
    return
  }
  const afterId = query.get('after_id')
  const beforeId = query.get('before_id')
  let candidates = [...ctx.models]
  for (const [cursor, keep] of [
    [afterId, (i: number) => candidates.slice(i + 1)],
    [beforeId, (i: number) => candidates.slice(0, i)],
  ] as const) {
    if (cursor === null) continue
    const index = candidates.indexOf(cursor)
    if (index < 0) {
      sendError(res, 400, 'invalid_request_error', `Invalid cursor: ${cursor}`)
      return
    }
    candidates = keep(index)
  }
  // Paging backwards takes the page nearest the cursor.
  const page = beforeId !== null && afterId === null ? candidates.slice(-limit) : candidates.slice(0, limit)
  const hasMore = candidates.length > page.length
  sendJson(res, 200, {
    data: page.map(modelInfo),
    has_more: hasMore,
    first_id: page[0] ?? null,
    last_id: page.at(-1) ?? null,
  })
}

async function messages(
  ctx: AnthropicRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  call: AnthropicCall,
): Promise<void> {
  if (call.invalidJson) {
    sendError(res, 400, 'invalid_request_error', 'The request body is not valid JSON.')
    return
  }
  const problem = messagesRequestProblem(call.body)
  if (problem) {
    ctx.schemaErrors.push(`received POST /v1/messages: ${problem}`)
    sendError(res, 400, 'invalid_request_error', problem)
    return
  }
  const request = call.body as Record<string, unknown>
  const model = request.model as string
  if (!ctx.models.includes(model)) {
    sendError(res, 404, 'not_found_error', `model: ${model}`)
    return
  }

  const system = request.system === undefined ? '' : (systemText(request.system) ?? '')
  const title = ownAnswer(system, lastUserText(request.messages))
  let parsed: ReturnType<typeof parseDirectives>
  try {
    // A title request quotes the conversation: its directives are not meant for this request.
    parsed = title === null ? parseDirectives(lastUserText(request.messages)) : { directives: {}, rest: '' }
  } catch (error) {
    if (!(error instanceof DirectiveError)) throw error
    sendError(res, 400, 'invalid_request_error', `fake provider: ${error.message}`)
    return
  }
  const { directives, rest } = parsed
  // As on the OpenAI side: a queued fault is used only by a request that would be answered, ahead of #fault.
  const fault = title === null ? (ctx.nextFault() ?? directives.fault) : undefined
  if (fault?.kind === 'http') {
    const retryAfter = fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS
    const headers: OutgoingHttpHeaders = fault.status === 429 ? { 'retry-after': String(retryAfter) } : {}
    const { type, message } = faultError(fault.status)
    sendError(res, fault.status, type, message, headers)
    return
  }

  const ending = directives.ending
  const thinkingOn =
    (isRecord(request.thinking) && request.thinking.type === 'enabled') || ending === 'reasoning-only'
  const thinking = thinkingOn ? thinkingText(rest) : null
  const answer = answerText({
    title,
    ending,
    userText: rest,
    words: directives.words,
    ...(directives.received && { received: receivedReport(system, request.messages) }),
    utf8: fault?.kind === 'utf8',
  })
  const plan: Plan = {
    id: `msg_fake${randomBytes(12).toString('hex')}`,
    model,
    thinking,
    answer,
    stream: request.stream === true,
    delayMs: directives.delayMs ?? 0,
    fault,
    ending,
    cacheRead: 7,
    inputTokens: estimateTokens([system, promptText(request.messages)].filter((t) => t).join('\n')),
    outputTokens: estimateTokens((thinking ?? '') + answer),
  }
  // Small frames must leave as separate TCP segments for the utf8 fault to split characters on the wire.
  req.socket.setNoDelay(true)
  await ctx.track(() => (plan.stream ? streamMessage(res, plan) : messageAtOnce(res, plan)))
}

/** A signature for a thinking block: opaque to clients, deterministic here. */
function signatureOf(thinking: string): string {
  return createHash('sha256').update(thinking).digest('base64')
}

function messageShell(plan: Plan) {
  return {
    id: plan.id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
  }
}

async function streamMessage(res: ServerResponse, plan: Plan): Promise<void> {
  const { fault } = plan
  const signal = closedSignal(res)
  const splitUtf8 = fault?.kind === 'utf8'
  const randomCuts = fault?.kind === 'split' ? seededRandom(fault.seed) : undefined
  startEventStream(res)

  const raw = (type: string, data: string): Promise<boolean> =>
    writeFrame(res, shapeFrame(`event: ${type}\ndata: ${data}\n\n`, fault), signal, splitUtf8, randomCuts)
  const event = (value: { type: string } & Record<string, unknown>): Promise<boolean> =>
    raw(value.type, JSON.stringify(value))

  if (fault?.kind === 'slow' && !(await pause(fault.ms, signal))) return
  const started = await event({
    type: 'message_start',
    message: {
      ...messageShell(plan),
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: plan.inputTokens, output_tokens: 1 },
    },
  })
  if (!started || !(await event({ type: 'ping' }))) return

  // Deltas of both blocks count together for pacing (#delay) and pings.
  let sent = 0
  const delta = async (index: number, value: Record<string, unknown>): Promise<boolean> => {
    const wait = plan.delayMs > 0 || sent % YIELD_EVERY_CHUNKS === YIELD_EVERY_CHUNKS - 1
    if (sent > 0 && wait && !(await pause(plan.delayMs, signal))) return false
    sent++
    if (!(await event({ type: 'content_block_delta', index, delta: value }))) return false
    return sent % PING_EVERY_CHUNKS !== 0 || event({ type: 'ping' })
  }

  let index = 0
  if (plan.thinking !== null) {
    if (
      !(await event({
        type: 'content_block_start',
        index,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      }))
    )
      return
    for (const piece of chunkAnswer(plan.thinking)) {
      if (!(await delta(index, { type: 'thinking_delta', thinking: piece }))) return
    }
    if (!(await delta(index, { type: 'signature_delta', signature: signatureOf(plan.thinking) }))) return
    if (!(await event({ type: 'content_block_stop', index }))) return
    index++
  }

  if (fault?.kind === 'redacted') {
    const block = {
      type: 'redacted_thinking',
      data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP',
    }
    if (!(await event({ type: 'content_block_start', index, content_block: block }))) return
    if (!(await event({ type: 'content_block_stop', index }))) return
    index++
  }
  if (plan.ending === 'tool') {
    const block = { type: 'tool_use', id: 'toolu_fake_1', name: TOOL_NAME, input: {} }
    if (!(await event({ type: 'content_block_start', index, content_block: block }))) return
    if (!(await delta(index, { type: 'input_json_delta', partial_json: TOOL_ARGUMENTS }))) return
    if (!(await event({ type: 'content_block_stop', index }))) return
    return finish(res, event, plan)
  }
  if (plan.answer === '') return finish(res, event, plan)
  if (!(await event({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } })))
    return
  const whole = chunkAnswer(plan.answer)
  const pieces = plan.ending === 'length' ? whole.slice(0, Math.ceil(whole.length / 2)) : whole
  // Cut before the last piece at the latest, so a cut answer is always visibly incomplete.
  const cutAt =
    fault?.kind === 'drop' || fault?.kind === 'truncate' || fault?.kind === 'stream-error'
      ? Math.min(fault.afterChunks ?? DEFAULT_DROP_AFTER_CHUNKS, Math.max(0, pieces.length - 1))
      : -1
  const malformedAt = fault?.kind === 'malformed' ? Math.min(MALFORMED_AFTER_CHUNKS, pieces.length) : -1
  for (let i = 0; i <= pieces.length; i++) {
    if (i === malformedAt && !(await raw('content_block_delta', '{not json'))) return
    if (i === cutAt) {
      if (fault?.kind === 'stream-error') {
        // The real API ends the stream after an error event; no message_stop follows.
        if (await raw('error', JSON.stringify(anthropicError('overloaded_error', 'Overloaded')))) res.end()
      } else {
        await cutShort(res, fault?.kind === 'drop' ? 'drop' : 'truncate')
      }
      return
    }
    const piece = pieces[i]
    if (piece === undefined) break
    if (!(await delta(index, { type: 'text_delta', text: piece }))) return
  }
  if (!(await event({ type: 'content_block_stop', index }))) return
  await finish(res, event, plan)
}

const ANTHROPIC_STOP: Record<string, string> = {
  length: 'max_tokens',
  'reasoning-only': 'max_tokens',
  refusal: 'refusal',
  tool: 'tool_use',
  content_filter: 'refusal',
  empty: 'end_turn',
}

/** The last message_delta carries the final, cumulative usage (it may revise message_start's input count). */
async function finish(
  res: ServerResponse,
  event: (value: { type: string } & Record<string, unknown>) => Promise<boolean>,
  plan: Plan,
): Promise<void> {
  const finished = await event({
    type: 'message_delta',
    delta: { stop_reason: ANTHROPIC_STOP[plan.ending ?? ''] ?? 'end_turn', stop_sequence: null },
    usage: {
      input_tokens: plan.inputTokens,
      output_tokens: plan.outputTokens,
      cache_read_input_tokens: plan.cacheRead,
      cache_creation_input_tokens: 0,
    },
  })
  if (!finished || !(await event({ type: 'message_stop' }))) return
  res.end()
}

/** `stream` false or absent: one message JSON body, with the faults that make sense for it. */
async function messageAtOnce(res: ServerResponse, plan: Plan): Promise<void> {
  const { fault } = plan
  const signal = closedSignal(res)
  if (fault?.kind === 'slow' && !(await pause(fault.ms, signal))) return
  if (fault?.kind === 'drop') {
    res.destroy()
    return
  }
  if (fault?.kind === 'stream-error') {
    // Without a stream there is nowhere to put an error event: the API answers with the error status.
    sendError(res, 529, 'overloaded_error', 'Overloaded')
    return
  }
  const content: Record<string, unknown>[] = []
  if (plan.thinking !== null) {
    content.push({ type: 'thinking', thinking: plan.thinking, signature: signatureOf(plan.thinking) })
  }
  content.push({ type: 'text', text: plan.answer })
  const message = {
    ...messageShell(plan),
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: plan.inputTokens, output_tokens: plan.outputTokens },
  }
  const text = JSON.stringify(message)
  if (fault?.kind === 'utf8' || fault?.kind === 'truncate' || fault?.kind === 'malformed') {
    // No content-length: these bodies are written in pieces (or cut short) with chunked encoding.
    res.writeHead(200, { 'content-type': 'application/json' })
    if (fault.kind === 'malformed') res.end('{not json')
    else if (fault.kind === 'truncate') res.end(text.slice(0, Math.floor(text.length / 2)))
    else if (await writeFrame(res, text, signal, true)) res.end()
    return
  }
  sendJson(res, 200, message)
}
