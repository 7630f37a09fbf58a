import type { ProviderView } from '../../../shared/providers'

/** The enabled providers' models as options of a select, each valued `[providerId, modelId]` as JSON. */
export function ModelOptions({
  providers,
  label,
}: {
  providers: ProviderView[]
  label: (name: string) => string
}) {
  return providers
    .filter((provider) => provider.enabled)
    .map((provider) => (
      <optgroup key={provider.id} label={label(provider.name)}>
        {provider.models.map((model) => (
          <option key={model.id} value={modelValue(provider.id, model.id)}>
            {model.displayName ?? model.id}
          </option>
        ))}
      </optgroup>
    ))
}

export function modelValue(providerId: string, model: string): string {
  return JSON.stringify([providerId, model])
}

export function fromModelValue(value: string): { providerId: string; model: string } {
  const [providerId, model] = JSON.parse(value) as [string, string]
  return { providerId, model }
}

/** Whether a model chosen once is still among the enabled providers' models. */
export function isListed(providers: ProviderView[], chosen: { providerId: string; model: string }): boolean {
  return providers.some(
    (provider) =>
      provider.enabled &&
      provider.id === chosen.providerId &&
      provider.models.some((m) => m.id === chosen.model),
  )
}
