// A world for router tests: models with prices and windows, load, breakers and ratings as plain data,
// a clock the test moves and a seeded random source.
import type { ModelInfo } from '../../../shared/providers'
import type { RoutingProfile } from '../../../shared/routing'
import type { AnswerTarget, Trace } from '../../../shared/types'
import { ModelMap } from './model-map'
import type { RoutableModel, RouterWorld } from './router'

/** A string per model, for sets in tests. */
export const keyOf = (target: AnswerTarget): string => `${target.providerId}\u0000${target.model}`

export function modelInfo(id: string, overrides: Partial<ModelInfo> = {}): ModelInfo {
  return {
    id,
    displayName: null,
    contextWindow: 128_000,
    maxOutputTokens: null,
    inputPrice: 1,
    outputPrice: 2,
    vision: false,
    reasoning: false,
    source: 'manual',
    ...overrides,
  }
}

/** Park–Miller: small, seeded, the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed % 2_147_483_647 || 1
  return () => {
    state = (state * 48_271) % 2_147_483_647
    return (state - 1) / 2_147_483_646
  }
}

export class TestWorld implements RouterWorld {
  clock = 1_000_000
  load = new Map<string, number>()
  pausedModels = new Set<string>()
  rated = new ModelMap<{ rating: number; comparisons: number }>()
  draws: number[] = []
  private readonly seeded: () => number

  constructor(
    public list: RoutableModel[],
    seed = 42,
  ) {
    this.seeded = seededRandom(seed)
  }

  now = () => this.clock
  /** Scripted draws first (to force or forbid exploring), then the seeded sequence. */
  random = () => this.draws.shift() ?? this.seeded()
  models = () => this.list
  providerEnabled = (providerId: string) => this.list.some((model) => model.providerId === providerId)
  inFlight = (providerId: string) => this.load.get(providerId) ?? 0
  limit = () => 4
  paused = (target: AnswerTarget) => this.pausedModels.has(keyOf(target))
  ratings = () => this.rated
}

export const models = (...ids: string[]): RoutableModel[] =>
  ids.map((id) => ({ providerId: `p-${id}`, model: id, info: modelInfo(id) }))

export function profileOf(overrides: Partial<RoutingProfile> = {}): RoutingProfile {
  return {
    id: 'test',
    name: 'Test',
    builtIn: false,
    candidates: [],
    weights: { latency: 1, load: 1, cost: 1, quality: 1 },
    fallbacks: [],
    maxFallbacks: 2,
    sticky: false,
    exploration: 0.05,
    ...overrides,
  }
}

/** The trace of one answer, as the trace stage would hand it over. */
export function answered(
  target: AnswerTarget,
  at: number,
  figures: {
    firstTokenMs?: number
    tokensPerSecond?: number
    status?: Trace['status']
    errorKind?: string
  } = {},
): Trace {
  return {
    id: `t-${at}-${target.model}`,
    chatId: 'c1',
    messageId: null,
    purpose: 'answer',
    providerId: target.providerId,
    providerName: target.providerId,
    model: target.model,
    route: null,
    status: figures.status ?? 'complete',
    errorKind: figures.errorKind ?? null,
    finishReason: 'stop',
    startedAt: at,
    queueMs: null,
    firstTokenMs: figures.firstTokenMs ?? null,
    durationMs: 1_000,
    tokensIn: 10,
    tokensOut: 100,
    tokensEstimated: false,
    tokensPerSecond: figures.tokensPerSecond ?? null,
    cost: null,
    cacheHit: false,
    context: null,
    attempts: [],
  }
}
