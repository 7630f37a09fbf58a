import { describe, expect, it } from 'vitest'
import type { ChatProvider } from '../../providers/types'
import { answer, request, run, scripted } from '../test-kit'
import { type ResolvedTarget, targetStage } from './target'

const provider = { id: 'p9', name: 'Chosen', baseURL: 'http://127.0.0.1:1' } as ChatProvider
const chosen: ResolvedTarget = { provider, model: 'm9', system: 'Be brief.', params: { temperature: 0.2 } }

describe('targetStage', () => {
  it("chooses inside the pipeline, says what it chose, and hands the chat's system prompt and parameters on", async () => {
    const { next, calls } = scripted({ events: answer() })
    const { events } = await run(targetStage(async () => chosen)(request({ target: null }), next))
    expect(events[0]).toEqual({ type: 'target', providerId: 'p9', providerName: 'Chosen', model: 'm9' })
    expect(calls[0]).toMatchObject({
      system: 'Be brief.',
      params: { temperature: 0.2 },
      target: { providerId: 'p9', model: 'm9', provider },
    })
  })

  it("keeps a title request's own instructions", async () => {
    const { next, calls } = scripted({ events: answer() })
    await run(
      targetStage(async () => chosen)(
        request({ purpose: 'title', system: 'Name it.', params: { maxTokens: 60 } }),
        next,
      ),
    )
    expect(calls[0]).toMatchObject({ system: 'Name it.', params: { maxTokens: 60 } })
  })

  it('goes no further when stopped while choosing', async () => {
    const controller = new AbortController()
    const { next, calls } = scripted({ events: answer() })
    const slow = async () => {
      controller.abort()
      return chosen
    }
    const { error } = await run(targetStage(slow)(request({ signal: controller.signal }), next))
    expect(error).toMatchObject({ kind: 'aborted' })
    expect(calls).toHaveLength(0)
  })
})

describe('targetStage and Cancel', () => {
  it('a Cancel while the lookup is still running ends the request at once', async () => {
    const controller = new AbortController()
    const { next, calls } = scripted({ events: answer() })
    const never = () => new Promise<ResolvedTarget>(() => {})
    const running = run(targetStage(never)(request({ signal: controller.signal }), next))
    setTimeout(() => controller.abort(), 5)
    const { error } = await running
    expect(error).toMatchObject({ kind: 'aborted' })
    expect(calls).toHaveLength(0)
  })
})
