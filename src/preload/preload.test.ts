// The preload under a stand-in for Electron's modules: what reaches the page is one function per
// contract call and a subscription limited to contract events, nothing else.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { RoundtableBridge } from '../shared/bridge'
import { callNames } from '../shared/contract'

const exposed = new Map<string, unknown>()
const ipcRenderer = {
  invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
  on: vi.fn(),
  removeListener: vi.fn(),
}

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer,
}))

let bridge: RoundtableBridge

beforeAll(async () => {
  await import('./index')
  bridge = exposed.get('roundtable') as RoundtableBridge
})

describe('the preload bridge', () => {
  it('exposes only `roundtable`, with one function per contract call', () => {
    expect([...exposed.keys()]).toEqual(['roundtable'])
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on'])
    expect(Object.keys(bridge.invoke).sort()).toEqual([...callNames].sort())
  })

  it('sends each call on its own contract channel', async () => {
    const result = await bridge.invoke.renameChat({ chatId: 'a', title: 'b' })
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('call:renameChat', { chatId: 'a', title: 'b' })
    expect(result).toEqual({
      ok: true,
      value: { channel: 'call:renameChat', input: { chatId: 'a', title: 'b' } },
    })
  })

  it('subscribes to contract events only, passes the payload without the IPC event, and unsubscribes', () => {
    const listener = vi.fn()
    const unsubscribe = bridge.on('stream', listener)
    const [channel, forward] = ipcRenderer.on.mock.calls[0] as [
      string,
      (event: unknown, payload: unknown) => void,
    ]
    expect(channel).toBe('event:stream')
    forward({ sender: 'ipc internals' }, { messageId: 'm' })
    expect(listener).toHaveBeenCalledWith({ messageId: 'm' })
    unsubscribe()
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('event:stream', forward)
    expect(() => bridge.on('anything' as 'stream', listener)).toThrow(/Unknown event/)
  })
})
