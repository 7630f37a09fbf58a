// Three simulated models of different speed and failure rate behind the real route and breaker stages,
// the real breaker board and the real trace builder, on a simulated clock and a seeded random source:
// the router settles on the best model, routes around its outage, and goes back to it once it recovers.
import { describe, expect, it } from 'vitest'
import { BreakerBoard } from '../pipeline/breaker-board'
import { compose } from '../pipeline/compose'
import type { Next, Stage } from '../pipeline/events'
import { breakerStage } from '../pipeline/stages/breaker'
import { routeStage } from '../pipeline/stages/route'
import { request } from '../pipeline/test-kit'
import { ProviderError } from '../providers/provider-error'
import { TraceBuilder } from '../traces/trace-builder'
import { Router } from './router'
import { models, profileOf, seededRandom, TestWorld } from './test-world'

interface Behaviour {
  firstTokenMs: number
  tokensPerSecond: number
  failureRate: number
}

const BEHAVIOUR: Record<string, Behaviour> = {
  // The best: quick and nearly always there.
  quick: { firstTokenMs: 150, tokensPerSecond: 90, failureRate: 0.02 },
  // Slower but never fails.
  steady: { firstTokenMs: 450, tokensPerSecond: 45, failureRate: 0 },
  // Fastest when it answers, but fails two times in five.
  flaky: { firstTokenMs: 100, tokensPerSecond: 110, failureRate: 0.4 },
}
const TOKENS = 100
const BETWEEN_REQUESTS_MS = 2_000

function simulation() {
  const world = new TestWorld(models('quick', 'steady', 'flaky'), 7)
  const router = new Router(world)
  const board = new BreakerBoard(null, () => {}, world.now)
  world.paused = (target) => board.refuses(target)
  const faults = seededRandom(99)
  const down = new Set<string>()
  const profile = profileOf({ weights: { latency: 1, load: 0, cost: 0, quality: 0 } })

  const provider: Next = async function* (req) {
    const model = req.target?.model ?? ''
    const behaviour = BEHAVIOUR[model]
    if (!behaviour) throw new Error(`no such model ${model}`)
    world.clock += 50
    if (down.has(model) || faults() < behaviour.failureRate) throw new ProviderError('server', '503')
    world.clock += behaviour.firstTokenMs - 50
    yield { type: 'first-token', afterMs: behaviour.firstTokenMs }
    yield { type: 'delta', text: 'x'.repeat(TOKENS * 4) }
    world.clock += (TOKENS / behaviour.tokensPerSecond) * 1_000
    yield { type: 'usage', usage: { input: 10, output: TOKENS } }
    yield { type: 'finish', reason: 'stop' }
  }
  // What the target stage does in the app: the model the route stage chose becomes the target.
  const target: Stage = async function* (req, next) {
    const want = req.want
    if (!want) throw new Error('the route stage sets the model')
    yield { type: 'target', providerId: want.providerId, providerName: want.providerId, model: want.model }
    yield* next({ ...req, target: { ...want, providerName: want.providerId, provider: {} as never } })
  }
  const pipeline = compose(
    [
      routeStage(() => router.decide(profile, { chatId: 'c1', promptTokens: 10 })),
      target,
      breakerStage(board, world.now),
    ],
    provider,
  )

  /** One request through the pipeline; its trace goes to the router, as the trace stage does. */
  async function ask(): Promise<{ model: string | null; ok: boolean; tried: string[] }> {
    world.clock += BETWEEN_REQUESTS_MS
    const req = request({ target: null })
    const builder = new TraceBuilder(req, () => null, world.now, world.clock)
    let ok = true
    let trace: ReturnType<TraceBuilder['end']>
    try {
      for await (const event of pipeline(req)) builder.observe(event)
      trace = builder.end()
    } catch (failure) {
      ok = false
      trace = builder.end({ failure })
    }
    if (trace) router.observe(trace)
    return { model: trace?.model ?? null, ok, tried: trace?.route?.hops.map((hop) => hop.model) ?? [] }
  }
  return { ask, down, board }
}

async function run(sim: ReturnType<typeof simulation>, requests: number) {
  const results = []
  for (let i = 0; i < requests; i++) results.push(await sim.ask())
  return results
}

const share = (results: Array<{ model: string | null }>, model: string) =>
  results.filter((r) => r.model === model).length / results.length

describe('routing simulation (simulated clock, seeded randomness)', () => {
  it('converges on the best model, routes around its outage, and comes back after it recovers', async () => {
    const sim = simulation()

    const learning = await run(sim, 200)
    const settled = learning.slice(-100)
    expect(share(settled, 'quick')).toBeGreaterThan(0.85)
    // Every request was answered: failures fell back to another model.
    expect(learning.filter((r) => !r.ok)).toHaveLength(0)

    sim.down.add('quick')
    const outage = await run(sim, 60)
    expect(outage.every((r) => r.ok)).toBe(true)
    // Once its breaker opens, quick is tried only by the breaker's occasional probe: nearly every
    // answer comes at once from another model.
    expect(share(outage.slice(-30), 'quick')).toBe(0)
    expect(outage.slice(-30).filter((r) => r.tried.includes('quick')).length).toBeLessThanOrEqual(3)

    sim.down.delete('quick')
    const recovered = await run(sim, 150)
    expect(recovered.every((r) => r.ok)).toBe(true)
    expect(share(recovered.slice(-50), 'quick')).toBeGreaterThan(0.85)
  })

  it('is deterministic: the same seeds give the same choices', async () => {
    const first = await run(simulation(), 80)
    const second = await run(simulation(), 80)
    expect(second).toEqual(first)
  })
})
