// What the preload exposes on `window.roundtable`: one function per contract call and a subscription
// restricted to contract events. It returns results as data; `createApi` turns them back into throws.
import type { CallName, EventName, EventPayload } from './contract'
import type { CallResult } from './errors'

export const BRIDGE_KEY = 'roundtable'

export interface RoundtableBridge {
  invoke: { [N in CallName]: (input: unknown) => Promise<CallResult<unknown>> }
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export const callChannel = (name: CallName) => `call:${name}`
export const eventChannel = (name: EventName) => `event:${name}`
