// A chat that routes by a profile of the person's own, as Settings → Routing would save one: never
// exploring, two fallbacks at most, not sticky, so each test reads the router's choice plainly.
import type { RoutingProfile, RoutingProfileDraft, RoutingWeights } from '../../src/shared/routing'
import type { Harness } from './core-harness'

export async function routeChatBy(
  h: Harness,
  chatId: string,
  profile: { name: string; providerId: string; models: string[]; weights: RoutingWeights },
): Promise<RoutingProfile[]> {
  const draft: RoutingProfileDraft = {
    name: profile.name,
    candidates: profile.models.map((model) => ({ providerId: profile.providerId, model })),
    weights: profile.weights,
    fallbacks: [],
    maxFallbacks: 2,
    sticky: false,
    exploration: 0,
  }
  const profiles = await h.core.handlers.saveRoutingProfile({ profile: draft })
  const saved = profiles.find((p) => p.name === profile.name)
  if (!saved) throw new Error('saved')
  await h.core.handlers.updateChatSettings({ chatId, routingProfileId: saved.id })
  return profiles
}
