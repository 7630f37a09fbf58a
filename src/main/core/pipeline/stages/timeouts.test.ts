import { describe, expect, it } from 'vitest'
import { ProviderError } from '../../providers/provider-error'
import type { Next, PipelineEvent } from '../events'
import { DEFAULT_REQUEST_POLICY } from '../policy'
import { request, run } from '../test-kit'
import { timeoutStage } from './timeouts'

const policy = (overrides: Partial<typeof DEFAULT_REQUEST_POLICY>) => () => ({
  ...DEFAULT_REQUEST_POLICY,
  ...overrides,
})

/** A downstream that plays events with pauses between them, and ends (aborted) when its signal aborts. */
function paced(steps: Array<PipelineEvent | number>): Next {
  return async function* (req) {
    for (const step of steps) {
      if (typeof step === 'number') {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, step)
          req.signal.addEventListener('abort', () => {
            clearTimeout(timer)
            reject(new ProviderError('aborted', 'stopped'))
          })
        })
      } else yield step
    }
  }
}

describe('timeoutStage', () => {
  it('names the connect timeout when the provider does not answer the request', async () => {
    const { error } = await run(timeoutStage(policy({ connectTimeoutMs: 30 }))(request(), paced([1_000])))
    expect(error).toMatchObject({ kind: 'timeout', message: 'Fake did not answer within 30 ms.' })
  })

  it('names the first-token timeout once the provider answered but sends nothing', async () => {
    const { events, error } = await run(
      timeoutStage(policy({ connectTimeoutMs: 1_000, firstTokenTimeoutMs: 30 }))(
        request(),
        paced([{ type: 'connected' }, 1_000]),
      ),
    )
    expect(events).toEqual([{ type: 'connected' }])
    expect(error).toMatchObject({ kind: 'timeout', message: 'Fake sent no first token within 30 ms.' })
  })

  it('names the idle timeout mid-answer, after the text that arrived', async () => {
    const { events, error } = await run(
      timeoutStage(policy({ idleTimeoutMs: 30 }))(
        request(),
        paced([{ type: 'connected' }, { type: 'delta', text: 'a' }, 5, { type: 'delta', text: 'b' }, 1_000]),
      ),
    )
    expect(events.filter((e) => e.type === 'delta')).toHaveLength(2)
    expect(error).toMatchObject({ kind: 'timeout', message: 'Fake went silent for 30 ms mid-answer.' })
  })

  it('names the total limit for an answer that keeps trickling', async () => {
    const steps: Array<PipelineEvent | number> = [{ type: 'connected' }]
    for (let i = 0; i < 50; i++) steps.push({ type: 'delta', text: 'x' }, 10)
    const { error } = await run(
      timeoutStage(policy({ idleTimeoutMs: 200, totalTimeoutMs: 60 }))(request(), paced(steps)),
    )
    expect(error).toMatchObject({ kind: 'timeout', message: 'The answer took longer than the 60 ms limit.' })
  })

  it('lets a prompt answer through untouched, and a Stop through as a Stop', async () => {
    const done = await run(
      timeoutStage(policy({ connectTimeoutMs: 50 }))(
        request(),
        paced([{ type: 'connected' }, { type: 'delta', text: 'ok' }, { type: 'finish', reason: 'stop' }]),
      ),
    )
    expect(done.error).toBeNull()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 10)
    const stopped = await run(
      timeoutStage(policy({}))(request({ signal: controller.signal }), paced([1_000])),
    )
    expect(stopped.error).toMatchObject({ kind: 'aborted' })
  })
})
