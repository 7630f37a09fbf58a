// Chooses the model of a routed request and the order of its fallbacks. It learns from every finished
// trace (fed live by the trace stage, seeded from the traces table at start) and reads load, breakers
// and ratings from the world it is given, so it runs the same under a simulated clock and random source.
import type { ModelInfo } from '../../../shared/providers'
import type { RouteTrace, RoutingProfile } from '../../../shared/routing'
import type { AnswerTarget, Trace } from '../../../shared/types'
import { answerRoomFor } from '../context/context-plan'
import { ModelMap } from './model-map'
import { RollingWindow } from './rolling-window'
import { type CandidateFigures, scoreCandidates } from './scores'

/** Fewer samples than this is little-known. */
export const FEW_SAMPLES = 3
/** Tokens an answer is assumed to take when the chat sets no limit: for its cost, not its fit. */
export const ANSWER_TOKENS_GUESS = 500

/** Failures that say something about the model's health (not a wrong key or a Stop). */
const HEALTH_FAILURES = new Set([
  'server',
  'unreachable',
  'timeout',
  'rate-limited',
  'truncated',
  'malformed',
  'paused',
])

export interface RoutableModel extends AnswerTarget {
  info: ModelInfo | null
}

export interface RouterWorld {
  now(): number
  /** In [0, 1); seeded in tests. */
  random(): number
  /** Every model known at every enabled provider: a profile without candidates routes among these. */
  models(): RoutableModel[]
  /** A listed candidate need not be known (a model a server lists only when asked), only enabled. */
  providerEnabled(providerId: string): boolean
  inFlight(providerId: string): number
  limit(providerId: string): number
  /** Whether the breaker would refuse the model now. */
  paused(target: AnswerTarget): boolean
  /** Leaderboard ratings by model. */
  ratings(): ModelMap<{ rating: number; comparisons: number }>
}

export interface RouteQuestion {
  chatId: string
  /** Estimated tokens of the whole prompt (system and messages): its cost, up to what a window takes. */
  promptTokens: number
  /**
   * Estimated tokens that must be sent whatever the window (the system prompt and the message being
   * answered): a model whose window cannot hold these is out. Older turns are the context stage's to
   * trim, so a long chat does not rule out every model. Omitted: the whole prompt.
   */
  requiredTokens?: number
  /** The answer's token limit, when the chat sets one. */
  maxTokens?: number
  /** The request carries images: only vision models fit. Messages carry text only today. */
  needsVision?: boolean
}

export interface RouteDecision {
  route: RouteTrace
  /** The chosen model first, then its fallbacks in order. */
  order: AnswerTarget[]
}

export class Router {
  private readonly windows = new ModelMap<RollingWindow>()
  private readonly stickyChoice = new Map<string, AnswerTarget>()
  /** The last list of models and its map: the same list is not mapped again. */
  private known: { list: readonly RoutableModel[]; map: ModelMap<RoutableModel> } | null = null

  constructor(private readonly world: RouterWorld) {}

  /** Learns from a finished request: its speed if it answered, a failure for each model that failed. */
  observe(trace: Trace): void {
    if (trace.purpose !== 'answer' || trace.cacheHit || !trace.providerId || !trace.model) return
    const route = trace.route
    for (const hop of route?.hops ?? []) {
      if (hop.outcome === 'failed' && hop.errorKind !== null && HEALTH_FAILURES.has(hop.errorKind))
        this.window(hop).add({ at: trace.startedAt, ok: false, firstTokenMs: null, tokensPerSecond: null })
    }
    const target = { providerId: trace.providerId, model: trace.model }
    if (trace.status === 'complete' || trace.status === 'interrupted') {
      this.window(target).add({
        at: trace.startedAt,
        ok: trace.status === 'complete',
        firstTokenMs: trace.firstTokenMs,
        tokensPerSecond: trace.tokensPerSecond,
      })
      if (route && trace.chatId && trace.status === 'complete') this.stickyChoice.set(trace.chatId, target)
    } else if (
      !route &&
      trace.status === 'error' &&
      trace.errorKind &&
      HEALTH_FAILURES.has(trace.errorKind)
    ) {
      this.window(target).add({ at: trace.startedAt, ok: false, firstTokenMs: null, tokensPerSecond: null })
    }
  }

  /** Past traces, oldest first, as if they had just been observed. */
  seed(traces: readonly Trace[]): void {
    for (const trace of [...traces].sort((a, b) => a.startedAt - b.startedAt)) this.observe(trace)
  }

  /**
   * `peek`: what would be chosen now, for the composer's preview: no exploration draw is spent, so a
   * preview never shifts the sequence the real decisions draw from.
   */
  decide(profile: RoutingProfile, question: RouteQuestion, peek = false): RouteDecision {
    const now = this.world.now()
    const models = this.world.models()
    const listed = profile.candidates.length > 0 ? profile.candidates : models
    const enabled = profile.candidates.length > 0 ? this.mapOf(models) : null
    const ratings = this.world.ratings()
    // A person's list may name a model twice; the providers' list cannot.
    const seen = enabled ? new ModelMap<true>() : null
    const figures: CandidateFigures[] = []
    for (const candidate of listed) {
      if (seen) {
        if (seen.has(candidate)) continue
        seen.set(candidate, true)
      }
      const model = enabled ? enabled.get(candidate) : (candidate as RoutableModel)
      const info = model?.info ?? null
      const answerTokens = question.maxTokens ?? ANSWER_TOKENS_GUESS
      const contextWindow = info?.contextWindow ?? null
      const answerRoom =
        contextWindow === null ? 0 : answerRoomFor(contextWindow, question.maxTokens, info?.maxOutputTokens)
      // A long chat is trimmed to the window before it is sent: it costs at most what the window holds.
      const inputTokens =
        contextWindow === null
          ? question.promptTokens
          : Math.min(question.promptTokens, Math.max(contextWindow - answerRoom, 0))
      const rated = ratings.get(candidate)
      figures.push({
        providerId: candidate.providerId,
        model: candidate.model,
        window: this.window(candidate).figures(now),
        inFlight: this.world.inFlight(candidate.providerId),
        limit: this.world.limit(candidate.providerId),
        estimatedCost:
          info && info.inputPrice !== null && info.outputPrice !== null
            ? (inputTokens * info.inputPrice + answerTokens * info.outputPrice) / 1_000_000
            : null,
        rating: rated?.rating ?? null,
        comparisons: rated?.comparisons ?? 0,
        excluded: !this.world.providerEnabled(candidate.providerId)
          ? 'disabled'
          : contextWindow !== null &&
              (question.requiredTokens ?? question.promptTokens) + answerRoom > contextWindow
            ? 'context'
            : question.needsVision && !info?.vision
              ? 'vision'
              : this.world.paused(candidate)
                ? 'breaker'
                : null,
      })
    }
    const candidates = scoreCandidates(figures, profile.weights)
    const eligible = candidates.filter((c) => c.excluded === null)
    const { chosen, reason } = this.pick(profile, question.chatId, eligible, peek)
    const order: AnswerTarget[] = []
    const most = 1 + profile.maxFallbacks
    // The profile's fallbacks may name models that are out; the eligible ones are in by definition.
    const allowed = profile.fallbacks.length > 0 ? ModelMap.of(eligible.map((c) => [c, true] as const)) : null
    const taken = new ModelMap<true>()
    const take = (target: AnswerTarget, eligibleAlready: boolean) => {
      if (order.length >= most || taken.has(target) || (!eligibleAlready && !allowed?.has(target))) return
      taken.set(target, true)
      order.push({ providerId: target.providerId, model: target.model })
    }
    if (chosen) take(chosen, true)
    for (const fallback of profile.fallbacks) take(fallback, false)
    for (const candidate of eligible) {
      if (order.length >= most) break
      take(candidate, true)
    }
    const { latency, load, cost, quality } = profile.weights
    return {
      order,
      route: {
        profileId: profile.id,
        profileName: profile.name,
        reason,
        estimatedTokens: question.promptTokens,
        weights: { latency, load, cost, quality },
        candidates,
        hops: [],
      },
    }
  }

  private pick(
    profile: RoutingProfile,
    chatId: string,
    eligible: RouteDecision['route']['candidates'],
    peek: boolean,
  ): { chosen: AnswerTarget | undefined; reason: RouteTrace['reason'] } {
    const best = eligible[0]
    if (profile.sticky) {
      const kept = this.stickyChoice.get(chatId)
      const still = kept && eligible.find((c) => c.providerId === kept.providerId && c.model === kept.model)
      if (still) return { chosen: still, reason: 'sticky' }
    }
    // Drawn on every decision, so the random sequence does not depend on which models are known.
    const draw = peek ? 1 : this.world.random()
    if (draw < profile.exploration) {
      const little = eligible
        .filter((c) => c !== best && c.facts.samples < FEW_SAMPLES)
        .sort((a, b) => a.facts.samples - b.facts.samples)[0]
      if (little) return { chosen: little, reason: 'exploring' }
    }
    return { chosen: best, reason: 'best-score' }
  }

  private window(target: AnswerTarget): RollingWindow {
    let window = this.windows.get(target)
    if (!window) {
      window = new RollingWindow()
      this.windows.set(target, window)
    }
    return window
  }

  private mapOf(list: readonly RoutableModel[]): ModelMap<RoutableModel> {
    if (this.known?.list !== list) this.known = { list, map: ModelMap.of(list.map((m) => [m, m] as const)) }
    return this.known.map
  }
}
