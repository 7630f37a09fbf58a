// Scores every candidate of one request, purely from figures handed in: no clock, no I/O, so the same
// figures always give the same ranking. Each part is 0 (worst) to 1 (best) relative to the other
// candidates; a model with no figure for a part gets the median of those that have one, so an untried
// model neither wins by default nor is buried.
import type { Exclusion, RouteCandidate, RoutingWeights, ScoreParts } from '../../../shared/routing'
import type { WindowFigures } from './rolling-window'

export interface CandidateFigures {
  providerId: string
  model: string
  window: WindowFigures
  inFlight: number
  limit: number
  /** US dollars for this request at the model's prices; null: prices unknown. */
  estimatedCost: number | null
  /** Leaderboard rating (Bradley–Terry, 1500 average); null: never compared. */
  rating: number | null
  comparisons: number
  excluded: Exclusion | null
}

/** 400 rating points are a factor of ten in odds: the same scale turns a rating into a share. */
const RATING_SCALE = 400
const AVERAGE_RATING = 1500

export function scoreCandidates(
  figures: readonly CandidateFigures[],
  weights: RoutingWeights,
): RouteCandidate[] {
  const eligible = figures.filter((f) => f.excluded === null)
  const ttfts = known(eligible.map((f) => f.window.firstTokenMs))
  const speeds = known(eligible.map((f) => f.window.tokensPerSecond))
  const costs = known(eligible.map((f) => f.estimatedCost))
  // Sorted only when some candidate lacks the figure: usually every one has it.
  const ttftFill = lazily(() => median(ttfts))
  const speedFill = lazily(() => median(speeds))
  const costFill = lazily(() => median(costs))
  const fastest = ttfts.length > 0 ? Math.min(...ttfts) : null
  const quickest = speeds.length > 0 ? Math.max(...speeds) : null
  const cheapest = costs.length > 0 ? Math.min(...costs) : null
  const total = weights.latency + weights.load + weights.cost + weights.quality

  const scored = figures.map((f): RouteCandidate => {
    const facts = {
      firstTokenMs: f.window.firstTokenMs,
      tokensPerSecond: f.window.tokensPerSecond,
      samples: f.window.samples,
      inFlight: f.inFlight,
      limit: f.limit,
      estimatedCost: f.estimatedCost,
      rating: f.rating,
      comparisons: f.comparisons,
    }
    if (f.excluded !== null)
      return {
        providerId: f.providerId,
        model: f.model,
        excluded: f.excluded,
        parts: null,
        score: null,
        facts,
      }
    const ttft = f.window.firstTokenMs ?? ttftFill()
    const speed = f.window.tokensPerSecond ?? speedFill()
    const cost = f.estimatedCost ?? costFill()
    // First token and speed kept apart: half each of the latency part, when known.
    const ttftPart = ttft === null || fastest === null ? 0.5 : ratio(fastest, ttft)
    const speedPart = speed === null || quickest === null ? 0.5 : ratio(speed, quickest)
    const parts: ScoreParts = {
      latency: (ttftPart + speedPart) / 2,
      load: clamp(1 - f.inFlight / Math.max(1, f.limit)),
      cost: cost === null || cheapest === null ? 0.5 : ratio(cheapest, cost),
      quality: 1 / (1 + 10 ** (-((f.rating ?? AVERAGE_RATING) - AVERAGE_RATING) / RATING_SCALE)),
      health: f.window.successRate,
    }
    const weighted =
      (weights.latency * parts.latency +
        weights.load * parts.load +
        weights.cost * parts.cost +
        weights.quality * parts.quality) /
      total
    return {
      providerId: f.providerId,
      model: f.model,
      excluded: null,
      parts,
      score: weighted * parts.health,
      facts,
    }
  })
  // Best first; ties keep the profile's order (sort is stable); excluded last.
  return scored.sort((a, b) => (b.score ?? -1) - (a.score ?? -1))
}

/** small / large, as a share: 1 for the best, less for the rest; a zero is the best there is. */
function ratio(small: number, large: number): number {
  if (large <= 0) return 1
  return clamp(small / large)
}

function lazily<T>(compute: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value
  }
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value))
}

function known(values: ReadonlyArray<number | null>): number[] {
  return values.filter((value): value is number => value !== null)
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
