import { describe, expect, it } from 'vitest'
import { createApi, type Transport } from './client'
import { ApiError, type CallResult } from './errors'

function recording(result: CallResult<unknown>) {
  const invoked: [string, unknown][] = []
  const subscribed: string[] = []
  const transport: Transport = {
    invoke: async (name, input) => {
      invoked.push([name, input])
      return result
    },
    subscribe: (event) => {
      subscribed.push(event)
      return () => {}
    },
  }
  return { api: createApi(transport), invoked, subscribed }
}

describe('createApi', () => {
  it('turns a property into the call of that name and hands back its value', async () => {
    const { api, invoked } = recording({ ok: true, value: [{ id: 'c1' }] })
    await expect(api.listChats()).resolves.toEqual([{ id: 'c1' }])
    await api.openChat({ chatId: 'c1' })
    expect(invoked).toEqual([
      ['listChats', undefined],
      ['openChat', { chatId: 'c1' }],
    ])
  })

  it('throws a failed call as an ApiError with its code and message', async () => {
    const { api } = recording({ ok: false, error: { code: 'not-found', message: 'No such chat.' } })
    const error = await api.openChat({ chatId: 'gone' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'not-found', message: 'No such chat.' })
  })

  it('gives the same function for a name every time', () => {
    const { api } = recording({ ok: true, value: null })
    expect(api.listChats).toBe(api.listChats)
  })

  it('subscribes through the transport', () => {
    const { api, subscribed, invoked } = recording({ ok: true, value: null })
    api.on('stream', () => {})
    expect(subscribed).toEqual(['stream'])
    expect(invoked).toEqual([])
  })

  it('is not mistaken for a promise', async () => {
    const { api, invoked } = recording({ ok: true, value: null })
    expect(await Promise.resolve(api)).toBe(api)
    expect(invoked).toEqual([])
  })
})
