// Builds the renderer's `api` over any transport (the preload bridge or the web host), so both hosts
// present exactly the same surface.
import type { Api, CallName, EventName, EventPayload } from './contract'
import { ApiError, type CallResult } from './errors'

export interface Transport {
  invoke(name: CallName, input: unknown): Promise<CallResult<unknown>>
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/**
 * Every property but `on` is a call of that name. The set of names is the contract's, checked by the
 * `Api` type; at run time none is listed, so the page does not load the contract (and with it zod and
 * every schema) only to learn the names. A name the contract lacks is refused by the other side: the
 * preload bridge has no such function, the web host no such route, and the promise rejects.
 */
export function createApi(transport: Transport): Api {
  const subscribe = transport.subscribe.bind(transport)
  const calls = new Map<string, (input?: unknown) => Promise<unknown>>()
  const callFor = (name: string) => {
    let call = calls.get(name)
    if (!call) {
      call = async (input?: unknown) => {
        const result = await transport.invoke(name as CallName, input)
        if (!result.ok) throw new ApiError(result.error)
        return result.value
      }
      calls.set(name, call)
    }
    return call
  }
  return new Proxy({} as Api, {
    get(_target, name) {
      if (name === 'on') return subscribe
      // `then` answered would make the api look like a promise to anything that awaits or returns it.
      if (typeof name !== 'string' || name === 'then') return undefined
      return callFor(name)
    },
  })
}
