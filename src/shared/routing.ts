// Routing profiles (Auto in the model picker) and what a routed request records: each shape is a zod
// schema and the type inferred from it, so the store, the contract and the renderer read one definition.
import { z } from 'zod'

const target = z
  .object({ providerId: z.string().min(1).max(100), model: z.string().min(1).max(300) })
  .strict()

/** How much each score counts, 0 to 10; only their proportions matter. */
export const routingWeightsSchema = z
  .object({
    latency: z.number().min(0).max(10),
    load: z.number().min(0).max(10),
    cost: z.number().min(0).max(10),
    quality: z.number().min(0).max(10),
  })
  .strict()
  .refine((w) => w.latency + w.load + w.cost + w.quality > 0, 'Give at least one weight more than 0.')
export type RoutingWeights = z.infer<typeof routingWeightsSchema>

export const MAX_ROUTING_CANDIDATES = 64
export const MAX_FALLBACKS = 10
export const MAX_EXPLORATION = 0.5
/** Small: enough for a new model to get figures of its own within a few dozen answers. */
export const DEFAULT_EXPLORATION = 0.05

/** What a person edits in Settings → Routing. */
export const routingProfileDraftSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the profile a name.').max(100),
    /** Empty: every enabled model. */
    candidates: z.array(target).max(MAX_ROUTING_CANDIDATES),
    weights: routingWeightsSchema,
    /** Tried first, in this order, when the chosen model fails before its first token. */
    fallbacks: z.array(target).max(MAX_ROUTING_CANDIDATES),
    /** Hops after the first model at most. */
    maxFallbacks: z.number().int().min(0).max(MAX_FALLBACKS),
    /** Keep answering a chat with the model chosen for it while that model stays eligible. */
    sticky: z.boolean(),
    /** The share of requests that try a little-known model instead of the best (0 to 0.5). */
    exploration: z.number().min(0).max(MAX_EXPLORATION),
  })
  .strict()
export type RoutingProfileDraft = z.infer<typeof routingProfileDraftSchema>

export const routingProfileSchema = routingProfileDraftSchema.extend({
  id: z.string().min(1).max(100),
  /** Shipped with the app: can be edited, not deleted. */
  builtIn: z.boolean(),
})
export type RoutingProfile = z.infer<typeof routingProfileSchema>

const profile = (id: string, name: string, weights: RoutingWeights, sticky = false): RoutingProfile => ({
  id,
  name,
  builtIn: true,
  candidates: [],
  weights,
  fallbacks: [],
  maxFallbacks: 2,
  sticky,
  exploration: DEFAULT_EXPLORATION,
})

/** Ready on first run; their candidates are every enabled model until the person lists some. */
export const BUILT_IN_PROFILES: readonly RoutingProfile[] = [
  profile('fast', 'Fast', { latency: 6, load: 2, cost: 1, quality: 1 }),
  profile('cheap', 'Cheap', { latency: 1, load: 1, cost: 7, quality: 1 }),
  profile('best', 'Best', { latency: 1, load: 1, cost: 0, quality: 8 }, true),
  profile('balanced', 'Balanced', { latency: 3, load: 2, cost: 2, quality: 3 }),
]

/** Each score of one candidate, 0 (worst) to 1 (best); `health` scales the weighted sum. */
export const scorePartsSchema = z
  .object({
    latency: z.number(),
    load: z.number(),
    cost: z.number(),
    quality: z.number(),
    health: z.number(),
  })
  .strict()
export type ScoreParts = z.infer<typeof scorePartsSchema>

/** Why a model could not be chosen for this request. */
export const EXCLUSIONS = ['context', 'vision', 'breaker', 'disabled'] as const
export type Exclusion = (typeof EXCLUSIONS)[number]

export const routeCandidateSchema = target.extend({
  /** Null: eligible. */
  excluded: z.enum(EXCLUSIONS).nullable(),
  parts: scorePartsSchema.nullable(),
  score: z.number().nullable(),
  /** The figures behind the parts, for the explanation: null where unknown. */
  facts: z
    .object({
      firstTokenMs: z.number().nullable(),
      tokensPerSecond: z.number().nullable(),
      samples: z.number(),
      inFlight: z.number(),
      limit: z.number(),
      estimatedCost: z.number().nullable(),
      rating: z.number().nullable(),
      comparisons: z.number(),
    })
    .strict(),
})
export type RouteCandidate = z.infer<typeof routeCandidateSchema>

/** How the first model was picked: the best score, the chat's earlier choice, or exploring a little-known one. */
export const ROUTE_REASONS = ['best-score', 'sticky', 'exploring'] as const

export const routeHopSchema = target.extend({
  outcome: z.enum(['answered', 'failed', 'pending']),
  errorKind: z.string().nullable(),
})
export type RouteHop = z.infer<typeof routeHopSchema>

/** What a routed request records in its trace (`Trace.route`). */
export const routeTraceSchema = z
  .object({
    profileId: z.string(),
    profileName: z.string(),
    reason: z.enum(ROUTE_REASONS),
    estimatedTokens: z.number(),
    weights: z.object({ latency: z.number(), load: z.number(), cost: z.number(), quality: z.number() }),
    /** Every candidate, best first; excluded ones last. */
    candidates: z.array(routeCandidateSchema),
    /** Each model asked, in order: the first is the choice, the rest are fallbacks. */
    hops: z.array(routeHopSchema),
  })
  .strict()
export type RouteTrace = z.infer<typeof routeTraceSchema>

/** What an answer keeps of its routing: enough for its facts line ("Auto chose …"). */
export const answerRouteSchema = z
  .object({
    profileName: z.string(),
    /** Models that failed before this one answered, in order. */
    failed: z.array(target.extend({ errorKind: z.string().nullable() })),
  })
  .strict()
export type AnswerRoute = z.infer<typeof answerRouteSchema>

export function answerRouteOf(route: RouteTrace): AnswerRoute {
  return {
    profileName: route.profileName,
    failed: route.hops
      .filter((hop) => hop.outcome === 'failed')
      .map(({ providerId, model, errorKind }) => ({ providerId, model, errorKind })),
  }
}
