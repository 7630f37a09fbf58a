// Builds the renderer's `api` from the contract over any transport (the preload bridge or the web host),
// so both hosts present exactly the same surface.
import { type Api, type CallName, callNames, type EventName, type EventPayload } from './contract'
import { ApiError, type CallResult } from './errors'

export interface Transport {
  invoke(name: CallName, input: unknown): Promise<CallResult<unknown>>
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export function createApi(transport: Transport): Api {
  const api: Record<string, unknown> = {
    on: transport.subscribe.bind(transport),
  }
  for (const name of callNames) {
    api[name] = async (input?: unknown) => {
      const result = await transport.invoke(name, input)
      if (!result.ok) throw new ApiError(result.error)
      return result.value
    }
  }
  return api as Api
}
