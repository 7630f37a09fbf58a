// Keeping a conversation within a model's context window: the shapes every process shares. Defined once
// as zod schemas where they cross a boundary as input; the rest are the replies' types.
import { z } from 'zod'
import { MAX_MESSAGE_CHARS } from './limits'

/** **Sliding window**: the most recent turns that fit. **Summarize older messages**: what falls out is summarized. */
export const contextStrategySchema = z.enum(['window', 'summarize'])
export type ContextStrategy = z.infer<typeof contextStrategySchema>

/** Who writes the summaries of what falls out of a window: the model answering, or one chosen in Settings. */
export const summarySettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('chat-model') }),
  z.object({
    mode: z.literal('model'),
    providerId: z.string().min(1).max(200),
    model: z.string().min(1).max(500),
  }),
])
export type SummarySettings = z.infer<typeof summarySettingsSchema>

/** A stored summary of a chat's path from its start through one message. */
export interface ContextSummary {
  id: string
  chatId: string
  throughMessageId: string
  content: string
  /** Messages of the path it covers. */
  covered: number
  /** Older messages that were left out, not summarized (they did not fit the summarizing model). */
  leftOut: number
  model: string | null
  createdAt: number
}

/**
 * What one request sends of the conversation, for one model: the figures the composer's meter and
 * the preview show before sending, and what a trace keeps of the request afterwards.
 */
export interface ContextUse {
  providerId: string
  model: string
  strategy: ContextStrategy
  /** The model's window in tokens; null: not known (nothing is left out, nothing can be checked). */
  window: number | null
  /** Tokens kept free for the answer. */
  answerRoom: number
  /** The input's tokens: system prompt, summary, kept messages and their framing. */
  inputTokens: number
  /** Whether the counts come from the model's own tokenizer, or from a close one (an estimate). */
  exact: boolean
  /** False: even the last message alone does not fit (it is not sent; the answer says why). */
  fits: boolean
  /** Messages of the chat's path sent, and left out (older than the first sent). */
  sent: number
  leftOut: number
  /** The first message of the path that is sent; null: all are, or none is known. */
  firstSentId: string | null
  /** The stored summary that stands for the messages left out; null: none is used. */
  summary: { id: string; throughMessageId: string; covered: number } | null
  /** Summarize older messages: how many more messages a send would summarize first. */
  toSummarize: number
  /** US dollars for the input at the model's price; null: the price is unknown. */
  estimatedInputCost: number | null
}

/** A draft is measured up to the longest message that can be sent. */
export const MAX_PREVIEW_DRAFT = MAX_MESSAGE_CHARS
