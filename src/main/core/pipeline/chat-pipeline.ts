// The request pipeline every chat request goes through, composed in this one place:
//
//   [trace] -> [route] -> target -> [context] -> [interceptors] -> cache -> breaker -> bulkhead -> retry -> timeouts -> provider
//
// The trace stage, outermost, watches every event of the request (it changes nothing). The target
// stage chooses provider and model (routing will refine it); the response cache answers from what it
// kept before anything queues or is sent (its key needs the target); the breaker refuses a paused
// model before it queues and counts each request once, retries included; the bulkhead holds a slot at
// the provider for the whole answer; the route stage (Auto) sets the model the target stage resolves
// and asks the next candidate when one fails before its first token; retry wraps each attempt, and the timeouts time one attempt.
// The context stage keeps the conversation within the chosen model's window (trimming or summarizing),
// after the target is known and before the cache key is made of what is sent.
// Interceptors are stages of their own (see the README).
import type { RouteDecision } from '../router/router'
import type { BreakerBoard } from './breaker-board'
import type { Bulkheads } from './bulkhead'
import { compose } from './compose'
import type { Next, PipelineRequest, Stage } from './events'
import type { RequestPolicy } from './policy'
import { breakerStage } from './stages/breaker'
import { bulkheadStage } from './stages/bulkhead'
import { type CacheStageDeps, cacheStage } from './stages/cache'
import { callProvider } from './stages/provider-call'
import { type RetryClock, realClock, retryStage } from './stages/retry'
import { routeStage } from './stages/route'
import { type ResolvedTarget, targetStage } from './stages/target'
import { timeoutStage } from './stages/timeouts'

export interface ChatPipelineParts {
  resolve: (request: PipelineRequest) => Promise<ResolvedTarget>
  policy: () => RequestPolicy
  breakers: BreakerBoard
  bulkheads: Bulkheads
  /** Stages run after the target is chosen and before the request queues: headers, logging, ... */
  interceptors?: readonly Stage[]
  /** Outermost, watching everything that comes back: the trace stage. */
  trace?: Stage
  /** The response cache; none: every request goes to the provider. */
  cache?: CacheStageDeps
  clock?: RetryClock
  /** Keeps a chat's conversation within the model's window; none: every message is sent. */
  context?: Stage
  /** Auto: the router's decision for a request; none, or null: the request's own target. */
  route?: (request: PipelineRequest) => RouteDecision | null
}

export function createChatPipeline(parts: ChatPipelineParts): Next {
  return compose(
    [
      ...(parts.trace ? [parts.trace] : []),
      ...(parts.route ? [routeStage(parts.route)] : []),
      targetStage(parts.resolve),
      ...(parts.context ? [parts.context] : []),
      ...(parts.interceptors ?? []),
      ...(parts.cache ? [cacheStage(parts.cache)] : []),
      breakerStage(parts.breakers),
      bulkheadStage(parts.bulkheads),
      retryStage(parts.policy, parts.clock ?? realClock),
      timeoutStage(parts.policy),
    ],
    callProvider,
  )
}
