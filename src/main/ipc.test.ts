import type { IpcMainInvokeEvent } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { callNames, type Handlers } from '../shared/contract'
import { registerContract } from './ipc'

type Listener = (event: IpcMainInvokeEvent, input: unknown) => unknown

function fakeIpcMain() {
  const channels = new Map<string, Listener>()
  return {
    channels,
    handle: vi.fn((channel: string, listener: Listener) => {
      channels.set(channel, listener)
    }),
    removeHandler: vi.fn((channel: string) => {
      channels.delete(channel)
    }),
  }
}

const handlers = Object.fromEntries(
  callNames.map((name) => [name, vi.fn(async () => `${name} done`)]),
) as unknown as Handlers
const event = {} as IpcMainInvokeEvent

describe('registerContract', () => {
  it('registers exactly one channel per contract call and removes them all again', () => {
    const ipc = fakeIpcMain()
    const unregister = registerContract(ipc, handlers, () => true)
    expect([...ipc.channels.keys()].sort()).toEqual(callNames.map((name) => `call:${name}`).sort())
    unregister()
    expect(ipc.channels.size).toBe(0)
  })

  it('validates input before a handler sees it', async () => {
    const ipc = fakeIpcMain()
    registerContract(ipc, handlers, () => true)
    const send = ipc.channels.get('call:sendMessage') as Listener
    expect(await send(event, { chatId: 'c', text: '   ' })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'The message is empty.' },
    })
    expect(handlers.sendMessage).not.toHaveBeenCalled()
    expect(await send(event, { chatId: 'c', text: 'hi' })).toEqual({ ok: true, value: 'sendMessage done' })
  })

  it('refuses calls from a sender that is not the app window, without running the handler', async () => {
    const ipc = fakeIpcMain()
    registerContract(ipc, handlers, () => false)
    const result = (await (ipc.channels.get('call:listChats') as Listener)(event, undefined)) as {
      ok: boolean
    }
    expect(result.ok).toBe(false)
    expect(handlers.listChats).not.toHaveBeenCalled()
  })
})
