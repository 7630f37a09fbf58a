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

/** Room for the answer: the chat's own limit, else the model's, never more than a quarter of the window. */
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

  const summary = input.summary && input.summary.through < last ? input.summary : null
  if (summary && base + summary.tokens + tail(summary.through + 1) <= room) {
    return plan(startAtQuestion(summary.through + 1), summary.tokens, { useSummary: true })
  }
  const summaryRoom = summaryRoomFor(input.window, input.answerRoom)
  const refill = Math.floor((room - base - summaryRoom) * REFILL_SHARE)
  const from = summary ? summary.through + 1 : 0
  const keepFrom = earliestFitting(Math.max(refill, 0), from)
  if (keepFrom <= from) {
    // Nothing more can fall out (the last message alone takes the room): send what fits.
    return plan(keepFrom, summary?.tokens ?? 0, { useSummary: summary !== null })
  }
  return plan(keepFrom, summaryRoom, {
    useSummary: summary !== null,
    summarize: { from, to: keepFrom },
  })
}
