// Who wins: every time the person kept one model's answer over another's, or voted one answer of a
// question above another, is a comparison; a Bradley–Terry fit turns them into ratings with intervals.
import type { LeaderboardPeriod, LeaderboardRow } from '../../../shared/types'
import type { ProviderRegistry } from '../providers/registry'
import type { ChatStore } from '../store/chat-store'
import { fitBradleyTerry } from './bradley-terry'

const DAY_MS = 24 * 60 * 60 * 1_000
const PERIOD_DAYS: Record<LeaderboardPeriod, number | null> = { '7d': 7, '30d': 30, all: null }

/** One key per model at one provider (the same model id at two providers is two contestants). */
const keyOf = (provider: string, model: string) => JSON.stringify([provider, model])

export function leaderboard(
  store: ChatStore,
  registry: ProviderRegistry,
  period: LeaderboardPeriod,
  now = Date.now(),
): LeaderboardRow[] {
  const days = PERIOD_DAYS[period]
  const since = days === null ? 0 : now - days * DAY_MS
  const comparisons = store.comparisons(since).map(({ winner, loser }) => ({
    winner: keyOf(winner.provider, winner.model),
    loser: keyOf(loser.provider, loser.model),
  }))
  const votes = new Map(store.votesByModel(since).map((v) => [keyOf(v.provider, v.model), v]))
  const standings = fitBradleyTerry(comparisons, { models: [...votes.keys()] })
  return standings.map((standing) => {
    const [providerId, model] = JSON.parse(standing.model) as [string, string]
    const entry = registry.entry(providerId)
    const info = entry ? registry.models(entry).find((m) => m.id === model) : undefined
    const voted = votes.get(standing.model)
    return {
      providerId,
      model,
      providerName: entry?.name ?? providerId,
      modelName: info?.displayName ?? model,
      rating: standing.rating,
      low: standing.low,
      high: standing.high,
      wins: standing.wins,
      losses: standing.losses,
      up: voted?.up ?? 0,
      down: voted?.down ?? 0,
    }
  })
}
