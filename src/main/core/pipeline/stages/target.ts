// Chooses the provider and model (and the chat's system prompt and parameters) inside the pipeline, so
// a later routing stage can change them before the first token. The chat service learns the choice
// from the `target` event and records the model that actually answered.
import type { GenerationParams } from '../../../../shared/providers'
import { stopped } from '../../providers/provider-error'
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
    // Looking up can take a while (a key from the keychain, a model list): Cancel must not wait for it.
    const chosen = await untilStopped(resolve(request), request.signal)
    const { provider, model } = chosen
    yield { type: 'target', providerId: provider.id, providerName: provider.name, model }
    // The app's own requests (a title, a summary) carry their own instructions; an answer takes the chat's.
    const own = request.purpose === 'title' || request.purpose === 'summary'
    yield* next({
      ...request,
      system: own ? request.system : chosen.system,
      params: own ? request.params : chosen.params,
      target: { providerId: provider.id, providerName: provider.name, model, provider },
    })
  }
}

function untilStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(stopped())
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(stopped())
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        if (signal.aborted) reject(stopped())
        else resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
