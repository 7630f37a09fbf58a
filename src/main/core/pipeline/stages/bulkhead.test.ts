import { describe, expect, it } from 'vitest'
import type { ProviderError } from '../../providers/provider-error'
import { Bulkheads } from '../bulkhead'
import type { Next, PipelineEvent } from '../events'
import { request, run } from '../test-kit'
import { bulkheadStage } from './bulkhead'

/** A downstream held open until released, so slots stay taken. */
function held() {
  const releases: Array<() => void> = []
  const next: Next = async function* () {
    await new Promise<void>((resolve) => releases.push(resolve))
    yield { type: 'finish', reason: 'stop' }
  }
  return { next, releaseNext: () => releases.shift()?.(), started: () => releases.length }
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1))
}

describe('bulkheadStage', () => {
  it('lets N through, queues the rest in order, and tells each how many are ahead as the queue moves', async () => {
    const bulkheads = new Bulkheads(() => 2)
    const stage = bulkheadStage(bulkheads)
    const downstream = held()
    const seen: PipelineEvent[][] = [[], [], [], []]
    const runs = seen.map(async (events) => {
      for await (const event of stage(request(), downstream.next)) events.push(event)
    })
    await until(() => downstream.started() === 2 && seen[3]?.length === 1)
    expect(bulkheads.inFlight('p1')).toBe(2)
    expect(seen[2]).toEqual([{ type: 'queued', ahead: 0 }])
    expect(seen[3]).toEqual([{ type: 'queued', ahead: 1 }])
    downstream.releaseNext()
    await until(() => seen[3]?.length === 2)
    expect(seen[3]).toEqual([
      { type: 'queued', ahead: 1 },
      { type: 'queued', ahead: 0 },
    ])
    for (let i = 0; i < 4; i++) {
      await until(() => downstream.started() > 0)
      downstream.releaseNext()
    }
    await Promise.all(runs)
    expect(bulkheads.inFlight('p1')).toBe(0)
  })

  it('says so at once when the queue is full', async () => {
    const bulkheads = new Bulkheads(() => 1, 1)
    const stage = bulkheadStage(bulkheads)
    const downstream = held()
    const first = run(stage(request(), downstream.next))
    const second = run(stage(request(), downstream.next))
    await until(() => downstream.started() === 1)
    const third = await run(stage(request(), downstream.next))
    expect(third.error).toMatchObject({ kind: 'queue-full' })
    expect((third.error as ProviderError).message).toMatch(/1 requests are already waiting for Fake/)
    downstream.releaseNext()
    await until(() => downstream.started() === 1)
    downstream.releaseNext()
    await Promise.all([first, second])
  })

  it('a reader that walks away while queued gives its place up, and a raised limit reaches the queue in order', async () => {
    let limit = 1
    const bulkheads = new Bulkheads(() => limit)
    const stage = bulkheadStage(bulkheads)
    const downstream = held()
    const first = run(stage(request(), downstream.next))
    await until(() => downstream.started() === 1)
    const leaving = stage(request(), downstream.next)[Symbol.asyncIterator]()
    expect(await leaving.next()).toEqual({ done: false, value: { type: 'queued', ahead: 0 } })
    await leaving.return?.(undefined)
    const second = run(stage(request(), downstream.next))
    const third = run(stage(request(), downstream.next))
    await new Promise((resolve) => setTimeout(resolve, 5))
    limit = 3
    downstream.releaseNext()
    // Both waiting requests go now (the limit is 3), before anyone who comes later.
    await until(() => downstream.started() === 2)
    expect(downstream.started()).toBe(2)
    downstream.releaseNext()
    downstream.releaseNext()
    await Promise.all([first, second, third])
    expect(bulkheads.inFlight('p1')).toBe(0)
  })

  it('a Stop while queued leaves the queue and gives up nothing it did not have', async () => {
    const bulkheads = new Bulkheads(() => 1)
    const stage = bulkheadStage(bulkheads)
    const downstream = held()
    const first = run(stage(request(), downstream.next))
    await until(() => downstream.started() === 1)
    const controller = new AbortController()
    const waiting = run(stage(request({ signal: controller.signal }), downstream.next))
    await new Promise((resolve) => setTimeout(resolve, 5))
    controller.abort()
    expect((await waiting).error).toMatchObject({ kind: 'aborted' })
    downstream.releaseNext()
    await first
    expect(bulkheads.inFlight('p1')).toBe(0)
  })
})
