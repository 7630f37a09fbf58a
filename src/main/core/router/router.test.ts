import { describe, expect, it } from 'vitest'
import { DEFAULT_EXPLORATION } from '../../../shared/routing'
import { Router } from './router'
import { answered, keyOf, modelInfo, models, profileOf, TestWorld } from './test-world'

const question = { chatId: 'c1', promptTokens: 100 }
const NO_EXPLORING = 0.99

function routerWith(world: TestWorld) {
  world.draws.push(...Array.from({ length: 50 }, () => NO_EXPLORING))
  return new Router(world)
}

describe('the router', () => {
  it('chooses the fastest known model and orders the rest as fallbacks, at most maxFallbacks', () => {
    const world = new TestWorld(models('a', 'b', 'c', 'd'))
    const router = routerWith(world)
    const [a, b, c, d] = world.list.map(({ providerId, model }) => ({ providerId, model }))
    if (!a || !b || !c || !d) throw new Error('four models')
    router.observe(answered(a, world.clock, { firstTokenMs: 900, tokensPerSecond: 20 }))
    router.observe(answered(b, world.clock, { firstTokenMs: 100, tokensPerSecond: 90 }))
    router.observe(answered(c, world.clock, { firstTokenMs: 300, tokensPerSecond: 60 }))
    router.observe(answered(d, world.clock, { firstTokenMs: 500, tokensPerSecond: 40 }))
    const decision = router.decide(
      profileOf({ weights: { latency: 1, load: 0, cost: 0, quality: 0 } }),
      question,
    )
    expect(decision.route.reason).toBe('best-score')
    expect(decision.order.map((t) => t.model)).toEqual(['b', 'c', 'd'])
    expect(decision.route.candidates.map((c) => c.model)).toEqual(['b', 'c', 'd', 'a'])
  })

  it('tries the profile’s fallbacks first, in their order', () => {
    const world = new TestWorld(models('a', 'b', 'c'))
    const router = routerWith(world)
    const decision = router.decide(
      profileOf({ fallbacks: [{ providerId: 'p-c', model: 'c' }], maxFallbacks: 1 }),
      question,
    )
    expect(decision.order.map((t) => t.model)).toEqual(['a', 'c'])
  })

  it('leaves out a model whose window cannot hold the prompt, one without vision for images, an open breaker, a model not enabled', () => {
    const world = new TestWorld([
      { providerId: 'p', model: 'small', info: modelInfo('small', { contextWindow: 50 }) },
      { providerId: 'p', model: 'blind', info: modelInfo('blind') },
      { providerId: 'p', model: 'paused', info: modelInfo('paused', { vision: true }) },
      { providerId: 'p', model: 'seeing', info: modelInfo('seeing', { vision: true }) },
    ])
    world.pausedModels.add(keyOf({ providerId: 'p', model: 'paused' }))
    const router = routerWith(world)
    const profile = profileOf({
      candidates: [
        ...world.list.map(({ providerId, model }) => ({ providerId, model })),
        { providerId: 'gone', model: 'x' },
      ],
    })
    const decision = router.decide(profile, { ...question, needsVision: true })
    const why = Object.fromEntries(decision.route.candidates.map((c) => [c.model, c.excluded]))
    expect(why).toEqual({ small: 'context', blind: 'vision', paused: 'breaker', seeing: null, x: 'disabled' })
    expect(decision.order).toEqual([{ providerId: 'p', model: 'seeing' }])
  })

  it('judges a long chat by what must be sent: older turns are trimmed, so they cost only what fits', () => {
    const world = new TestWorld([
      { providerId: 'p', model: 'small', info: modelInfo('small', { contextWindow: 8_000 }) },
      { providerId: 'p', model: 'large', info: modelInfo('large', { contextWindow: 128_000 }) },
    ])
    const router = routerWith(world)
    const long = { chatId: 'c1', promptTokens: 200_000, requiredTokens: 900 }
    const decision = router.decide(profileOf(), long)
    const small = decision.route.candidates.find((c) => c.model === 'small')
    const large = decision.route.candidates.find((c) => c.model === 'large')
    expect(small?.excluded).toBeNull()
    expect(large?.excluded).toBeNull()
    // Input at $1 a million, up to the window less the answer's room; 500 answer tokens at $2.
    expect(small?.facts.estimatedCost).toBeCloseTo((6_000 + 1_000) / 1_000_000)
    expect(large?.facts.estimatedCost).toBeCloseTo((123_904 + 1_000) / 1_000_000)
    expect(decision.order).toHaveLength(2)

    // What must be sent does not fit the small window (with its answer's room): only then is it out.
    const crowded = router.decide(profileOf(), { ...long, requiredTokens: 7_000 })
    expect(crowded.route.candidates.find((c) => c.model === 'small')?.excluded).toBe('context')
  })

  it('a peek for the preview spends no exploration draw', () => {
    const world = new TestWorld(models('known', 'new'))
    const router = new Router(world)
    world.draws.push(DEFAULT_EXPLORATION / 2)
    router.decide(profileOf(), question, true)
    expect(world.draws).toHaveLength(1)
    expect(router.decide(profileOf(), question).route.reason).toBe('exploring')
  })

  it('explores a little-known model on a small share of requests, deterministically', () => {
    const world = new TestWorld(models('known', 'new'))
    const router = new Router(world)
    const known = { providerId: 'p-known', model: 'known' }
    for (let i = 0; i < 5; i++)
      router.observe(answered(known, world.clock, { firstTokenMs: 100, tokensPerSecond: 50 }))
    world.draws.push(DEFAULT_EXPLORATION / 2)
    const exploring = router.decide(profileOf(), question)
    expect(exploring.route.reason).toBe('exploring')
    expect(exploring.order[0]?.model).toBe('new')
    world.draws.push(NO_EXPLORING)
    expect(router.decide(profileOf(), question).order[0]?.model).toBe('known')
  })

  it('a profile without exploration never explores', () => {
    const world = new TestWorld(models('known', 'new'))
    const router = new Router(world)
    world.draws.push(0)
    expect(router.decide(profileOf({ exploration: 0 }), question).route.reason).toBe('best-score')
  })

  it('a sticky profile keeps the chat on the model it chose while that model stays eligible', () => {
    const world = new TestWorld(models('a', 'b'))
    const router = routerWith(world)
    const b = { providerId: 'p-b', model: 'b' }
    const profile = profileOf({ sticky: true })
    const first = router.decide(profile, question)
    router.observe({ ...answered(b, world.clock), route: { ...first.route, hops: [] } })
    expect(router.decide(profile, question)).toMatchObject({
      route: { reason: 'sticky' },
      order: [b, { model: 'a' }],
    })
    world.pausedModels.add(keyOf(b))
    expect(router.decide(profile, question).order).toEqual([{ providerId: 'p-a', model: 'a' }])
  })

  it('counts each failed hop of a routed request against its model', () => {
    const world = new TestWorld(models('a', 'b'))
    const router = routerWith(world)
    const a = { providerId: 'p-a', model: 'a' }
    const b = { providerId: 'p-b', model: 'b' }
    const decision = router.decide(profileOf(), question)
    for (let i = 0; i < 4; i++)
      router.observe({
        ...answered(b, world.clock),
        route: {
          ...decision.route,
          hops: [
            { ...a, outcome: 'failed', errorKind: 'server' },
            { ...b, outcome: 'answered', errorKind: null },
          ],
        },
      })
    const health = Object.fromEntries(
      router.decide(profileOf(), question).route.candidates.map((c) => [c.model, c.parts?.health]),
    )
    expect(health.a).toBeLessThan(0.5)
    expect(health.b).toBeGreaterThan(0.5)
  })
})
