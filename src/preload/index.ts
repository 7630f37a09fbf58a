// The whole preload: the contract's calls and events over IPC, nothing else. No ipcRenderer, no
// generic invoke, no Node reaches the page.
// zod must be configured before any schema is built (see zod-jitless.ts).
import '../shared/zod-jitless'
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron'
import { BRIDGE_KEY, callChannel, eventChannel, type RoundtableBridge } from '../shared/bridge'
import { callNames, isEventName } from '../shared/contract'
import type { CallResult } from '../shared/errors'

const invoke = Object.fromEntries(
  callNames.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(callChannel(name), input) as Promise<CallResult<unknown>>,
  ]),
) as RoundtableBridge['invoke']

const bridge: RoundtableBridge = {
  invoke,
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}".`)
    const channel = eventChannel(event)
    const forward = (_event: IpcRendererEvent, payload: unknown) =>
      listener(payload as Parameters<typeof listener>[0])
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  },
}

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge)
