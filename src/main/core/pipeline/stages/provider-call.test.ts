import { describe, expect, it } from 'vitest'
import type { ChatProvider, ChatRequest, StreamEvent } from '../../providers/types'
import { request, run } from '../test-kit'
import { callProvider } from './provider-call'

function providerOf(events: StreamEvent[], seen: ChatRequest[] = []): ChatProvider {
  return {
    id: 'p1',
    name: 'Fake',
    baseURL: 'http://127.0.0.1:1',
    async *streamChat(req) {
      seen.push(req)
      yield* events
    },
    listModels: async () => [],
  }
}

describe('callProvider', () => {
  it("speaks the provider's stream in pipeline events: connected, text, a tool call, usage, finish", async () => {
    const seen: ChatRequest[] = []
    const provider = providerOf(
      [
        { type: 'open' },
        { type: 'thinking', text: 'hm' },
        { type: 'delta', text: 'Hi' },
        { type: 'tool-call', name: 'search' },
        { type: 'done', finishReason: 'tool_calls', usage: { input: 3, output: 4, cacheRead: 1 } },
      ],
      seen,
    )
    const target = { providerId: 'p1', providerName: 'Fake', model: 'm1', provider }
    const { events } = await run(callProvider(request({ target, headers: { 'X-Trace': 't' } })))
    expect(events).toEqual([
      { type: 'connected' },
      { type: 'thinking', text: 'hm' },
      { type: 'delta', text: 'Hi' },
      { type: 'tool-call', name: 'search' },
      { type: 'usage', usage: { input: 3, output: 4, cacheRead: 1 } },
      { type: 'finish', reason: 'tool_calls' },
    ])
    // Headers an interceptor added reach the provider request.
    expect(seen[0]?.headers).toEqual({ 'X-Trace': 't' })
  })

  it('refuses to run without a target, and does not start when already stopped', async () => {
    expect((await run(callProvider(request({ target: null })))).error).toBeInstanceOf(Error)
    const controller = new AbortController()
    controller.abort()
    const provider = providerOf([{ type: 'open' }])
    const target = { providerId: 'p1', providerName: 'Fake', model: 'm1', provider }
    expect((await run(callProvider(request({ target, signal: controller.signal })))).error).toMatchObject({
      kind: 'aborted',
    })
  })
})
