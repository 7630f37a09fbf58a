// Auto: for a chat that routes by a profile, asks the router for a model and its fallbacks, then sends
// the request to each in turn until one answers. A model that fails before its first token (after its
// own retries, or refused by its open breaker) hands over to the next; once any text has come, a
// failure is the answer's, never a reason to ask another model. Each hop is told as a `route` event,
// which the trace keeps and the answer shows.
import type { RouteHop } from '../../../../shared/routing'
import { ProviderError } from '../../providers/provider-error'
import type { RouteDecision } from '../../router/router'
import type { PipelineEvent, PipelineRequest, Stage } from '../events'

/**
 * Failures that are the person's to fix or choose, not the model's: asking another would not help.
 * (Too long for this model's window is not among them: a model with a larger one may hold it.)
 */
const NO_FALLBACK = new Set(['aborted', 'bad-request'])

export function routeStage(plan: (request: PipelineRequest) => RouteDecision | null): Stage {
  return async function* route(request, next) {
    const decision = (request.purpose ?? 'answer') !== 'answer' || request.want ? null : plan(request)
    if (!decision || decision.order.length === 0) {
      yield* next(request)
      return
    }
    const hops: RouteHop[] = []
    const told = (): PipelineEvent => ({
      type: 'route',
      route: { ...decision.route, hops: hops.map((h) => ({ ...h })) },
    })
    for (const [index, target] of decision.order.entries()) {
      const hop: RouteHop = { ...target, outcome: 'pending', errorKind: null }
      hops.push(hop)
      yield told()
      let started = false
      try {
        for await (const event of next({ ...request, want: target })) {
          if (!started && startsTheAnswer(event)) {
            started = true
            hop.outcome = 'answered'
            yield told()
          }
          yield event
        }
        if (!started) {
          hop.outcome = 'answered'
          yield told()
        }
        return
      } catch (error) {
        const kind = error instanceof ProviderError ? error.kind : 'other'
        if (!started) {
          hop.outcome = 'failed'
          hop.errorKind = kind
          yield told()
        }
        const last = index === decision.order.length - 1
        if (started || last || request.signal.aborted || NO_FALLBACK.has(kind)) throw error
      }
    }
  }
}

/** After any of these the answer is under way: nothing may be rerouted. */
function startsTheAnswer(event: PipelineEvent): boolean {
  return (
    event.type === 'first-token' ||
    event.type === 'delta' ||
    event.type === 'thinking' ||
    event.type === 'tool-call' ||
    event.type === 'cache-hit'
  )
}
