// Chooses the provider and model (and the chat's system prompt and parameters) inside the pipeline, so
// a later routing stage can change them before the first token. The chat service learns the choice
// from the `target` event and records the model that actually answered.
import type { GenerationParams } from '../../../../shared/providers'
import { ProviderError } from '../../providers/provider-error'
import type { ChatProvider } from '../../providers/types'
import type { PipelineRequest, Stage } from '../events'

export interface ResolvedTarget {
  provider: ChatProvider
  model: string
  system: string | null
  params: GenerationParams
}

export function targetStage(resolve: (request: PipelineRequest) => Promise<ResolvedTarget>): Stage {
  return async function* target(request, next) {
    const chosen = await resolve(request)
    // Stopped (or closing) while the target was looked up: go no further.
    if (request.signal.aborted) throw new ProviderError('aborted', 'The request was stopped.')
    const { provider, model } = chosen
    yield { type: 'target', providerId: provider.id, providerName: provider.name, model }
    // A title request carries its own instructions; an answer takes the chat's.
    const own = request.purpose === 'title'
    yield* next({
      ...request,
      system: own ? request.system : chosen.system,
      params: own ? request.params : chosen.params,
      target: { providerId: provider.id, providerName: provider.name, model, provider },
    })
  }
}
