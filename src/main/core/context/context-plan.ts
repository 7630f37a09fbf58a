// Which messages of a conversation one request sends, given the model's window: pure arithmetic on
// token counts, so it is the same before sending (the composer's meter and preview) and when sending.
import type { ContextStrategy } from '../../../shared/context'

/** The framing each message costs beyond its text (role and separators), and the reply's priming. */
export const TOKENS_PER_MESSAGE = 4
export const REPLY_PRIMING_TOKENS = 3
/** Room kept for the answer when neither the chat nor the model says how long one may be. */
export const DEFAULT_ANSWER_ROOM = 4_096
/** The most a summary may take of the input, and of the window's input share. */
export const SUMMARY_ROOM = 1_024
const SUMMARY_SHARE = 0.2
/**
 * When a summary is made or extended, the recent messages kept after it take at most this share of
 * the room: the turns that follow then fit for a while without summarizing again each time.
 */
export const REFILL_SHARE = 0.6

export interface PlannedMessage {
  role: 'user' | 'assistant'
  /** Null: not counted (far older than what could fit); such a message is never sent. */
  tokens: number | null
}

export interface PlanInput {
  window: number
  answerRoom: number
  systemTokens: number
  /** Oldest first; the last is the message being answered. */
  messages: readonly PlannedMessage[]
  strategy: ContextStrategy
  /** A stored summary of the messages up to and including `through` (an index into `messages`). */
  summary: { through: number; tokens: number } | null
}

export interface ContextPlan {
  /** The first message sent (an index into the input's messages). */
  keepFrom: number
  /** Whether the stored summary is sent in place of the messages before `keepFrom`. */
  useSummary: boolean
  /**
   * Summarize older messages: the messages to fold into a new summary first (extending the stored
   * one when `useSummary`), `[from, to)`, after which the new summary stands for all before `to`.
   */
  summarize: { from: number; to: number } | null
  /** The input's tokens as planned (a summary yet to be written counted at its room). */
  inputTokens: number
  /** False: the last message with the system prompt does not fit, even alone. */
  fits: boolean
}

/**
 * Room for the answer: the chat's own limit (the person chose it, up to the whole window), else the
 * model's, at most a quarter of the window.
 */
export function answerRoomFor(
  window: number,
  chatMaxTokens?: number,
  modelMaxOutput?: number | null,
): number {
  if (chatMaxTokens !== undefined) return Math.min(chatMaxTokens, window)
  return Math.min(modelMaxOutput ?? DEFAULT_ANSWER_ROOM, Math.floor(window / 4))
}

export function summaryRoomFor(window: number, answerRoom: number): number {
  return Math.min(SUMMARY_ROOM, Math.floor((window - answerRoom) * SUMMARY_SHARE))
}

export function planContext(input: PlanInput): ContextPlan {
  const { messages } = input
  const last = messages.length - 1
  const room = input.window - input.answerRoom
  const base = input.systemTokens + REPLY_PRIMING_TOKENS
  const cost = (index: number) => {
    const tokens = messages[index]?.tokens
    return tokens === null || tokens === undefined ? Number.POSITIVE_INFINITY : tokens + TOKENS_PER_MESSAGE
  }
  // The sum of the messages from `from` to the end.
  const tail = (from: number) => {
    let sum = 0
    for (let index = from; index <= last; index += 1) sum += cost(index)
    return sum
  }
  // The earliest start whose messages, to the end, fit `budget`; the last message always stays.
  const earliestFitting = (budget: number, notBefore = 0) => {
    let sum = cost(last)
    let from = last
    while (from - 1 >= notBefore && sum + cost(from - 1) <= budget) {
      from -= 1
      sum += cost(from)
    }
    return startAtQuestion(from)
  }
  // The conversation sent begins with a question: some providers refuse one that begins with an answer.
  const startAtQuestion = (from: number) => {
    let start = from
    while (start < last && messages[start]?.role === 'assistant') start += 1
    return start
  }
  const plan = (keepFrom: number, extra: number, rest: Partial<ContextPlan> = {}): ContextPlan => {
    const inputTokens = base + extra + tail(keepFrom)
    return {
      keepFrom,
      useSummary: false,
      summarize: null,
      inputTokens,
      fits: base + extra + cost(last) <= room,
      ...rest,
    }
  }

  if (last < 0)
    return { keepFrom: 0, useSummary: false, summarize: null, inputTokens: base, fits: base <= room }
  if (base + tail(0) <= room) return plan(0, 0)
  if (input.strategy === 'window') return plan(earliestFitting(room - base), 0)

  // Nothing is worth summarizing when the last message alone does not fit: it fails, unsent.
  const window = () => plan(earliestFitting(room - base), 0)
  if (base + cost(last) > room) return window()
  const summary = input.summary && input.summary.through < last ? input.summary : null
  const withStored = (keepFrom: number) => summary !== null && base + summary.tokens + tail(keepFrom) <= room
  if (summary && withStored(startAtQuestion(summary.through + 1))) {
    return plan(startAtQuestion(summary.through + 1), summary.tokens, { useSummary: true })
  }
  const summaryRoom = summaryRoomFor(input.window, input.answerRoom)
  // A summary beside the last message would not fit: the most recent turns are all there is room for.
  if (base + summaryRoom + cost(last) > room) return window()
  const refill = Math.floor((room - base - summaryRoom) * REFILL_SHARE)
  const from = summary ? summary.through + 1 : 0
  const keepFrom = earliestFitting(Math.max(refill, 0), from)
  if (keepFrom <= from) {
    // Nothing more can fall out: the stored summary goes with what follows it if both fit, else the
    // sliding window (a summary larger than its room must not push the input past the window).
    return withStored(keepFrom) ? plan(keepFrom, summary?.tokens ?? 0, { useSummary: true }) : window()
  }
  return plan(keepFrom, summaryRoom, {
    useSummary: summary !== null,
    summarize: { from, to: keepFrom },
  })
}
