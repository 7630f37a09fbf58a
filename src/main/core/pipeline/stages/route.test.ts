import { describe, expect, it } from 'vitest'
import type { RouteTrace } from '../../../../shared/routing'
import { ProviderError } from '../../providers/provider-error'
import type { RouteDecision } from '../../router/router'
import type { PipelineEvent } from '../events'
import { answer, request, run, scripted } from '../test-kit'
import { routeStage } from './route'

const a = { providerId: 'p', model: 'a' }
const b = { providerId: 'p', model: 'b' }
const c = { providerId: 'p', model: 'c' }

function decision(...order: Array<typeof a>): RouteDecision {
  return {
    order,
    route: {
      profileId: 'fast',
      profileName: 'Fast',
      reason: 'best-score',
      estimatedTokens: 1,
      weights: { latency: 1, load: 0, cost: 0, quality: 0 },
      candidates: [],
      hops: [],
    },
  }
}

const routed = { target: null }
const lastRoute = (events: PipelineEvent[]): RouteTrace | undefined =>
  events.filter((e): e is Extract<PipelineEvent, { type: 'route' }> => e.type === 'route').at(-1)?.route

describe('the route stage', () => {
  it('sends the request to the chosen model and records one answered hop', async () => {
    const down = scripted({ events: answer('hi') })
    const { events, error } = await run(routeStage(() => decision(a, b))(request(routed), down.next))
    expect(error).toBeNull()
    expect(down.calls.map((r) => r.want)).toEqual([a])
    expect(lastRoute(events)?.hops).toEqual([{ ...a, outcome: 'answered', errorKind: null }])
  })

  it('falls back to the next candidate when one fails before its first token (a breaker’s refusal too)', async () => {
    const down = scripted(
      { events: [{ type: 'connected' }], fail: new ProviderError('server', '503') },
      { fail: new ProviderError('paused', 'paused') },
      { events: answer('from c') },
    )
    const { events, error } = await run(routeStage(() => decision(a, b, c))(request(routed), down.next))
    expect(error).toBeNull()
    expect(down.calls.map((r) => r.want?.model)).toEqual(['a', 'b', 'c'])
    expect(lastRoute(events)?.hops.map((h) => [h.model, h.outcome, h.errorKind])).toEqual([
      ['a', 'failed', 'server'],
      ['b', 'failed', 'paused'],
      ['c', 'answered', null],
    ])
    expect(events.filter((e) => e.type === 'delta')).toEqual([{ type: 'delta', text: 'from c' }])
  })

  it('never falls back after the first token: the failure is the answer’s', async () => {
    const cut = new ProviderError('truncated', 'cut')
    const down = scripted({ events: [{ type: 'delta', text: 'par' }], fail: cut }, { events: answer() })
    const { events, error } = await run(routeStage(() => decision(a, b))(request(routed), down.next))
    expect(error).toBe(cut)
    expect(down.calls).toHaveLength(1)
    expect(lastRoute(events)?.hops).toEqual([{ ...a, outcome: 'answered', errorKind: null }])
  })

  it('stops after the last candidate, or at once for a Stop or a bad request', async () => {
    const failing = new ProviderError('server', '500')
    const all = scripted({ fail: failing })
    expect((await run(routeStage(() => decision(a, b))(request(routed), all.next))).error).toBe(failing)
    expect(all.calls).toHaveLength(2)

    const bad = scripted({ fail: new ProviderError('bad-request', '400') })
    await run(routeStage(() => decision(a, b))(request(routed), bad.next))
    expect(bad.calls).toHaveLength(1)

    const controller = new AbortController()
    controller.abort()
    const stopped = scripted({ fail: new ProviderError('aborted', 'stopped') })
    await run(
      routeStage(() => decision(a, b))(request({ ...routed, signal: controller.signal }), stopped.next),
    )
    expect(stopped.calls).toHaveLength(1)
  })

  it('leaves alone a request with its own model (side by side), a title, or a chat without a profile', async () => {
    for (const own of [{ want: c }, { purpose: 'title' as const }, {}]) {
      const down = scripted({ events: answer() })
      const plan = Object.keys(own).length === 0 ? () => null : () => decision(a)
      const { events } = await run(routeStage(plan)(request({ ...routed, ...own }), down.next))
      expect(events.some((e) => e.type === 'route')).toBe(false)
      expect(down.calls[0]?.want).toEqual('want' in own ? c : undefined)
    }
  })
})
