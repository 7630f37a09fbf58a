import { describe, expect, it } from 'vitest'
import { ProviderError } from '../../providers/provider-error'
import { BreakerBoard } from '../breaker-board'
import { answer, request, run, scripted } from '../test-kit'
import { breakerStage } from './breaker'

const down = () => new ProviderError('server', 'Fake had a problem (503).', { status: 503 })

describe('breakerStage', () => {
  it('pauses a model after repeated failures: the next request fails at once, touching nothing', async () => {
    let now = 0
    const board = new BreakerBoard(
      null,
      () => {},
      () => now,
    )
    const stage = breakerStage(board, () => now)
    const failing = scripted({ fail: down() })
    for (let i = 0; i < 5; i++) await run(stage(request(), failing.next))
    expect(failing.calls).toHaveLength(5)
    now = 10_000
    const { error } = await run(stage(request(), failing.next))
    expect(failing.calls).toHaveLength(5)
    expect(error).toMatchObject({
      kind: 'paused',
      message: 'm1 is paused after repeated failures. Trying again in 20 s.',
    })
    expect(board.health()).toEqual([{ providerId: 'p1', model: 'm1', paused: true, retryAt: 30_000 }])

    // After the cooldown one probe goes through; its success closes the breaker.
    now = 30_000
    const healthy = scripted({ events: answer() })
    const probe = await run(stage(request(), healthy.next))
    expect(probe.error).toBeNull()
    expect(board.health()).toEqual([])
  })

  it("counts only the provider's failures: a wrong key, a bad request or a Stop leave it closed", async () => {
    const board = new BreakerBoard(null)
    const stage = breakerStage(board)
    for (const failure of [
      new ProviderError('auth', 'x', { status: 401 }),
      new ProviderError('bad-request', 'x', { status: 400 }),
      new ProviderError('not-found', 'x', { status: 404 }),
      new ProviderError('aborted', 'x'),
    ]) {
      for (let i = 0; i < 6; i++) await run(stage(request(), scripted({ fail: failure }).next))
    }
    expect(board.health()).toEqual([])
  })

  it('keeps models apart: one paused model does not pause another on the same provider', async () => {
    const board = new BreakerBoard(null)
    const stage = breakerStage(board)
    for (let i = 0; i < 5; i++) await run(stage(request(), scripted({ fail: down() }).next))
    const base = request().target
    if (!base) throw new Error('the test request has a target')
    const other = request({ target: { ...base, model: 'm2' } })
    const { error } = await run(stage(other, scripted({ events: answer() }).next))
    expect(error).toBeNull()
  })
})
