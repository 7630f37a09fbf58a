import type { RoundtableBridge } from '../../../shared/bridge'
import type { Transport } from '../../../shared/client'

export function ipcTransport(bridge: RoundtableBridge): Transport {
  return {
    invoke: (name, input) => bridge.invoke[name](input),
    subscribe: (event, listener) => bridge.on(event, listener),
  }
}
