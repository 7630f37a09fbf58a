// The pipeline's vocabulary: what a request carries through the stages, and what flows back out.
// Every stage speaks it; the chat service turns it into saved text, live status and (later) traces.
import type { ContextUse } from '../../../shared/context'
import type { CacheMode, GenerationParams } from '../../../shared/providers'
import type { RouteTrace } from '../../../shared/routing'
import type { AnswerTarget, RequestPurpose } from '../../../shared/types'
import type { ProviderErrorKind } from '../providers/provider-error'
import type { ChatProvider, ProviderMessage, TokenUsage } from '../providers/types'

/** Where a request goes: chosen inside the pipeline, so routing can change it before the first token. */
export interface Target {
  providerId: string
  providerName: string
  model: string
  provider: ChatProvider
}

export interface PipelineRequest {
  chatId: string
  /** An answer in the chat, or the app's own request about it (which keeps its own instructions). */
  purpose?: RequestPurpose
  /**
   * The stored message each of `messages` comes from, in order: the context stage keeps a long
   * conversation within the model's window by them. None: the messages are sent as they are.
   */
  sources?: readonly string[]
  messages: ProviderMessage[]
  system: string | null
  params: GenerationParams
  /**
   * Set by the target stage. A later stage (routing) may replace it before the first token, and then
   * yields a `target` event of its own, so the answer records the model that actually answered.
   */
  target: Target | null
  /** The model the person asked for (side by side, a column's retry); none: the chat's own choice. */
  want?: AnswerTarget
  /** The answer this request writes (absent for the app's own requests, such as titles): traces point at it. */
  messageId?: string
  /**
   * Whether the response cache may answer: the chat's Cache setting, and `bypass` for Regenerate (ask
   * the provider afresh; the fresh answer is still kept for next time).
   */
  cache?: { mode: CacheMode; bypass?: boolean }
  /** Extra headers a stage adds to the provider request (an interceptor's job, e.g. tracing ids). */
  headers: Record<string, string>
  signal: AbortSignal
}

export type PipelineEvent =
  | { type: 'target'; providerId: string; providerName: string; model: string }
  /** Waiting for a free slot at the provider: `ahead` requests are before this one. */
  | { type: 'queued'; ahead: number }
  | { type: 'attempt'; phase: 'started'; attempt: number; of: number }
  | {
      type: 'attempt'
      phase: 'failed'
      attempt: number
      of: number
      errorKind: ProviderErrorKind
      message: string
      /** Null when no attempt follows. */
      retryInMs: number | null
    }
  /** The provider answered the request (response headers arrived); the model may still be thinking. */
  | { type: 'connected' }
  | { type: 'first-token'; afterMs: number }
  | { type: 'delta'; text: string }
  | { type: 'thinking'; text: string }
  /** The model asked to call a tool; Roundtable offers none yet, so the answer says so. */
  | { type: 'tool-call'; name: string }
  | { type: 'usage'; usage: TokenUsage }
  | { type: 'finish'; reason: string }
  /** The answer came whole from the response cache: nothing was sent to the provider. */
  | { type: 'cache-hit' }
  /** What the request sends of the conversation, once it is known (the context stage). */
  | { type: 'context'; context: ContextUse }
  /** Earlier messages are being summarized before the request is sent (Summarize older messages). */
  | { type: 'summarizing' }
  /** A routed request: the decision, then again after each hop (the whole route each time). */
  | { type: 'route'; route: RouteTrace }

export type Next = (request: PipelineRequest) => AsyncIterable<PipelineEvent>

/**
 * One step of the pipeline. It may change the request before passing it on, call `next` more than
 * once (retry), not at all (an open breaker), and observe or add to every event coming back.
 */
export type Stage = (request: PipelineRequest, next: Next) => AsyncIterable<PipelineEvent>

/** Whether an event is text the person sees: after the first one, nothing may be retried or rerouted. */
export function isContent(
  event: PipelineEvent,
): event is Extract<PipelineEvent, { type: 'delta' | 'thinking' }> {
  return event.type === 'delta' || event.type === 'thinking'
}
