// Auto for the app: the router on the real world (providers, bulkheads, breakers, the Leaderboard),
// the profiles a person edits, and the decision the pipeline's route stage asks for.
import type { RoutingProfile, RoutingProfileDraft } from '../../../shared/routing'
import { estimateTokens } from '../chat/token-estimate'
import { leaderboard } from '../judge/leaderboard'
import type { BreakerBoard } from '../pipeline/breaker-board'
import type { Bulkheads } from '../pipeline/bulkhead'
import type { PipelineRequest } from '../pipeline/events'
import { DEFAULT_MAX_CONCURRENT, type ProviderRegistry } from '../providers/registry'
import type { AppSettingsStore } from '../settings/app-settings'
import type { ChatStore } from '../store/chat-store'
import type { RoutingStore } from '../store/routing-store'
import type { TraceStore } from '../traces/trace-store'
import { ModelMap } from './model-map'
import { type RoutableModel, type RouteDecision, Router } from './router'

/** Ratings change only when the person compares answers: fitted again at most this often. */
const RATINGS_FOR_MS = 60_000
const MODELS_FOR_MS = 1_000
/** What the router starts from: the last day of answers, at most this many. */
const SEED_WINDOW_MS = 24 * 60 * 60_000
const SEED_LIMIT = 2_000

export interface RoutingDeps {
  profiles: RoutingStore
  chats: ChatStore
  registry: ProviderRegistry
  settings: AppSettingsStore
  breakers: BreakerBoard
  bulkheads: Bulkheads
  traces: TraceStore
  now?: () => number
  random?: () => number
}

export class RoutingService {
  readonly router: Router
  private ratings: { at: number; byModel: ModelMap<{ rating: number; comparisons: number }> } | null = null
  /** Providers' models change rarely: listed again at most once a second (whether each is on is read live). */
  private models: { at: number; list: RoutableModel[] } | null = null

  constructor(private readonly deps: RoutingDeps) {
    const now = deps.now ?? Date.now
    this.router = new Router({
      now,
      random: deps.random ?? Math.random,
      models: () => this.enabledModels(now()),
      providerEnabled: (providerId) => deps.registry.entry(providerId)?.enabled === true,
      inFlight: (providerId) => deps.bulkheads.inFlight(providerId),
      limit: (providerId) => deps.registry.entry(providerId)?.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
      paused: (target) => deps.breakers.refuses(target),
      ratings: () => this.currentRatings(now()),
    })
    this.router.seed(deps.traces.recentAnswers(now() - SEED_WINDOW_MS, SEED_LIMIT))
  }

  list(): RoutingProfile[] {
    return this.deps.profiles.list()
  }

  save(draft: RoutingProfileDraft, id?: string): RoutingProfile[] {
    return this.deps.profiles.save(draft, id)
  }

  delete(id: string): RoutingProfile[] {
    return this.deps.profiles.delete(id)
  }

  /**
   * The decision for a chat's answer when the chat routes by a profile; null otherwise. `peek`: for
   * the composer's preview, which must not spend the router's exploration draw.
   */
  plan(request: PipelineRequest, peek = false): RouteDecision | null {
    const chat = this.deps.chats.chatSettings(request.chatId)
    const profile = chat?.routingProfileId ? this.deps.profiles.get(chat.routingProfileId) : null
    if (!chat || !profile) return null
    // The system prompt is the chat's, added by the target stage after routing: counted here too.
    const system = estimateTokens(chat.systemPrompt ?? this.deps.settings.get().defaultSystemPrompt)
    let messages = 0
    for (const message of request.messages) messages += estimateTokens(message.content)
    const last = request.messages.at(-1)
    return this.router.decide(
      profile,
      {
        chatId: request.chatId,
        promptTokens: system + messages,
        requiredTokens: system + (last ? estimateTokens(last.content) : 0),
        ...(chat.params.maxTokens !== undefined && { maxTokens: chat.params.maxTokens }),
      },
      peek,
    )
  }

  private enabledModels(now: number): RoutableModel[] {
    if (this.models && now - this.models.at < MODELS_FOR_MS) return this.models.list
    const { registry } = this.deps
    const list = registry
      .entries()
      .filter((entry) => entry.enabled)
      .flatMap((entry) =>
        registry.models(entry).map((info) => ({ providerId: entry.id, model: info.id, info })),
      )
    this.models = { at: now, list }
    return list
  }

  private currentRatings(now: number) {
    if (this.ratings && now - this.ratings.at < RATINGS_FOR_MS) return this.ratings.byModel
    const rows = leaderboard(this.deps.chats, this.deps.registry, 'all', now)
    const byModel = ModelMap.of(
      rows.map((row) => [row, { rating: row.rating, comparisons: row.wins + row.losses }] as const),
    )
    this.ratings = { at: now, byModel }
    return byModel
  }
}
