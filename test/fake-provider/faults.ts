/**
 * Faults the fake provider can inject into a chat completion (OpenAI, Azure OpenAI or Anthropic
 * Messages alike), and the parser for the `#name=value` directives (and the `#reasoning` flag) a test,
 * or a person typing into the app, writes in the last user message to trigger them.
 */

/** Statuses `#fault=<status>` can answer with, each with an error body in the protocol's own style. */
export type HttpFaultStatus = 401 | 429 | 500 | 503 | 529

export type Fault =
  /** Answer with an error status instead of a completion. `retryAfterSeconds` only applies to 429 (default 1). */
  | { kind: 'http'; status: HttpFaultStatus; retryAfterSeconds?: number }
  /** Send `afterChunks` content chunks (default 3), then destroy the socket: no finish_reason, no [DONE], no chunked terminator. */
  | { kind: 'drop'; afterChunks?: number }
  /** Like drop, but end the HTTP response cleanly: the body is well-formed yet has no finish_reason and no [DONE]. */
  | { kind: 'truncate'; afterChunks?: number }
  /** Send headers at once, then wait `ms` before the first chunk. */
  | { kind: 'slow'; ms: number }
  /** Put multi-byte characters in the answer and write each frame in byte slices that split them. */
  | { kind: 'utf8' }
  /** Write every frame in random 1–12 byte pieces (seeded), so chunk boundaries fall anywhere. */
  | { kind: 'split'; seed: number }
  /** End every SSE line with CRLF instead of LF, as some proxies and servers do. */
  | { kind: 'crlf' }
  /** Put SSE comment lines (`: keep-alive`) between events, as servers do to keep a connection open. */
  | { kind: 'comments' }
  /** Anthropic only: a redacted_thinking block (encrypted reasoning) before the answer. */
  | { kind: 'redacted' }
  /** After a couple of valid chunks send `data: {not json`, then carry on and finish normally. */
  | { kind: 'malformed' }
  /**
   * After `afterChunks` content chunks (default 3) send an error inside the 200 stream, then end it:
   * Anthropic's `event: error` (overloaded_error), or OpenAI's `data: {"error": {...}}`.
   */
  | { kind: 'stream-error'; afterChunks?: number }

/**
 * How the answer ends, as real providers end them: cut at the token limit, stopped by a content filter,
 * refused, a tool call instead of text, nothing at all, or all the budget spent on reasoning.
 */
export const ENDINGS = ['length', 'content_filter', 'refusal', 'tool', 'empty', 'reasoning-only'] as const
export type Ending = (typeof ENDINGS)[number]

export interface Directives {
  /** `#ending=<kind>`: end the answer that way (see ENDINGS). */
  ending?: Ending
  /** Answer with exactly this many numbered filler words instead of the echo. */
  words?: number
  /** Milliseconds between content chunks. */
  delayMs?: number
  fault?: Fault
  /** `#reasoning` (OpenAI side): stream DeepSeek-style `reasoning_content` deltas before the answer. */
  reasoning?: boolean
  /** `#down=a,b`: these models answer 503 (an outage of one model, for routing's fallbacks); the rest answer. */
  down?: string[]
  /** `#received`: answer with what the request held (see receivedReport), to test what the app sends. */
  received?: boolean
}

/** A directive the fake cannot understand; the server answers 400 so a typo is loud, not silently ignored. */
export class DirectiveError extends Error {
  override name = 'DirectiveError'
}

export const DEFAULT_DROP_AFTER_CHUNKS = 3
export const DEFAULT_RETRY_AFTER_SECONDS = 1

// Generous caps: big enough for benchmarks, small enough that a typo cannot exhaust memory or hang a run.
const MAX_WORDS = 2_000_000
const MAX_MS = 10 * 60_000

// Only recognised names count as directives, and only at the start of a whitespace-separated token,
// so ordinary text such as "issue#words=3" or "#hashtag" passes through as text. `#reasoning` is a
// flag: a token of its own, without a value.
const DIRECTIVE = /(?<!\S)#(?:(words|delay|fault|ending|down)=(\S*)|(reasoning|received)(?!\S))/g
const DIRECTIVE_WITH_SPACE =
  /(?<!\S)#(?:(?:words|delay|fault|ending|down)=\S*|(?:reasoning|received)(?!\S))[ \t]*/g

function parseCount(name: string, value: string, max: number): number {
  if (!/^\d+$/.test(value)) throw new DirectiveError(`#${name} needs a whole number, got '${value}'`)
  const n = Number(value)
  if (n > max) throw new DirectiveError(`#${name}=${value} is over the limit of ${max}`)
  return n
}

/**
 * Parses the value of `#fault=...`, e.g. `429`, `429:5`, `drop`, `drop:2`, `stream-error`, `slow:800`,
 * `utf8`, `malformed`.
 */
export function parseFault(spec: string): Fault {
  const [head = '', arg, ...extra] = spec.split(':')
  if (extra.length > 0) throw new DirectiveError(`#fault=${spec} has too many ':' parts`)
  const noArg = (): void => {
    if (arg !== undefined) throw new DirectiveError(`#fault=${head} takes no ':' argument`)
  }
  switch (head) {
    case '429':
      return {
        kind: 'http',
        status: 429,
        retryAfterSeconds:
          arg === undefined ? DEFAULT_RETRY_AFTER_SECONDS : parseCount('fault=429', arg, 3600),
      }
    case '401':
    case '500':
    case '503':
    case '529':
      noArg()
      return { kind: 'http', status: Number(head) as HttpFaultStatus }
    case 'drop':
    case 'truncate':
    case 'stream-error':
      return {
        kind: head,
        afterChunks:
          arg === undefined ? DEFAULT_DROP_AFTER_CHUNKS : parseCount(`fault=${head}`, arg, MAX_WORDS),
      }
    case 'crlf':
    case 'comments':
    case 'redacted':
      noArg()
      return { kind: head }
    case 'split':
      if (arg === undefined) throw new DirectiveError('#fault=split needs a seed, e.g. #fault=split:7')
      return { kind: 'split', seed: parseCount('fault=split', arg, 2 ** 31) }
    case 'slow':
      if (arg === undefined) throw new DirectiveError('#fault=slow needs a duration, e.g. #fault=slow:500')
      return { kind: 'slow', ms: parseCount('fault=slow', arg, MAX_MS) }
    case 'utf8':
    case 'malformed':
      noArg()
      return { kind: head }
    default:
      throw new DirectiveError(
        `unknown fault '${spec}' (expected 401, 429[:s], 500, 503, 529, drop[:n], truncate[:n], stream-error[:n], slow:ms, utf8 or malformed)`,
      )
  }
}

/**
 * Pulls directives out of a user message. Returns them with the remaining text (directives removed),
 * so the echo answer is about what the user actually said. When a directive appears twice the last
 * one wins. Throws DirectiveError for a recognised directive with a bad value.
 */
export function parseDirectives(text: string): { directives: Directives; rest: string } {
  const directives: Directives = {}
  for (const match of text.matchAll(DIRECTIVE)) {
    if (match[3] === 'reasoning' || match[3] === 'received') {
      directives[match[3]] = true
      continue
    }
    const name = match[1]
    const value = match[2] ?? ''
    if (name === 'words') directives.words = parseCount('words', value, MAX_WORDS)
    else if (name === 'delay') directives.delayMs = parseCount('delay', value, MAX_MS)
    else if (name === 'down') {
      const models = value.split(',').filter((model) => model.length > 0)
      if (models.length === 0) throw new DirectiveError('#down needs model ids, e.g. #down=fake-large')
      directives.down = models
    } else if (name === 'ending') {
      if (!(ENDINGS as readonly string[]).includes(value))
        throw new DirectiveError(`#ending must be one of ${ENDINGS.join(', ')}, got '${value}'`)
      directives.ending = value as Ending
    } else directives.fault = parseFault(value)
  }
  // Eat the spaces after each directive too, so "say #delay=5 hi" echoes as "say hi".
  const rest = text.replace(DIRECTIVE_WITH_SPACE, '').trim()
  return { directives, rest }
}
