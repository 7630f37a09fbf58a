// Model and provider names as the person set them up (the id where the model or provider is gone).
import type { ModelInfo, ProviderView } from '../../../shared/providers'
import type { AnswerTarget } from '../../../shared/types'
import { i18n } from '../i18n/i18n'

export interface ModelLabel {
  model: string
  provider: string
  info: ModelInfo | undefined
}

export function labelOf(
  providers: ProviderView[],
  providerId: string | null,
  model: string | null,
): ModelLabel {
  const provider = providers.find((p) => p.id === providerId)
  const info = provider?.models.find((m) => m.id === model)
  return {
    model: info?.displayName ?? model ?? i18n.t('compare:label.assistant'),
    // A provider deleted since: its answers keep their text, and say where they came from.
    provider: provider?.name ?? (providerId ? i18n.t('compare:label.removedProvider') : ''),
    info,
  }
}

/** `gpt-4o · OpenAI · 0.2°` for a chip or a menu. */
export function targetText(providers: ProviderView[], target: AnswerTarget): string {
  const label = labelOf(providers, target.providerId, target.model)
  const temperature =
    target.temperature === undefined ? '' : i18n.t('compare:label.temperature', { value: target.temperature })
  return `${label.model} · ${label.provider}${temperature}`
}

export interface Askable {
  target: AnswerTarget
  text: string
}

/** Every model the person can ask, across the enabled providers. */
export function askableTargets(providers: ProviderView[]): Askable[] {
  return providers
    .filter((provider) => provider.enabled)
    .flatMap((provider) =>
      provider.models.map((model) => ({
        target: { providerId: provider.id, model: model.id },
        text: `${model.displayName ?? model.id} · ${provider.name}`,
      })),
    )
}
