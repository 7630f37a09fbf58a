// What one Auto routing decision costs, beside the request it routes, in one run. Prints medians and
// the ratio; asserts nothing.
//
//   npm run bench:router      (CANDIDATES=50, DECISIONS=20000, REQUESTS=30 by default)
//
// 1. Router.decide over CANDIDATES models, each with a full rolling window of samples, a rating and
//    prices: the scores, exclusions, ordering and fallbacks, as the route stage asks for them.
// 2. One streamed chat request to the fake provider on loopback (real HTTP and SSE), read to its end:
//    the least any routed request costs.
import { performance } from 'node:perf_hooks'
import { ModelMap } from '../src/main/core/router/model-map'
import { WINDOW_SIZE } from '../src/main/core/router/rolling-window'
import { Router, type RouterWorld } from '../src/main/core/router/router'
import { answered, modelInfo, seededRandom } from '../src/main/core/router/test-world'
import type { RoutingProfile } from '../src/shared/routing'
import { BUILT_IN_PROFILES } from '../src/shared/routing'
import { streamedRequestTimes } from './fake-request'
import { median, percentile } from './stats'

const CANDIDATES = Number(process.env.CANDIDATES ?? 50)
const DECISIONS = Number(process.env.DECISIONS ?? 20_000)
const REQUESTS = Number(process.env.REQUESTS ?? 30)
const BATCH = 100

function decisions(): number[] {
  const random = seededRandom(1)
  const now = 10_000_000
  const list = Array.from({ length: CANDIDATES }, (_, i) => ({
    providerId: `provider-${i % 5}`,
    model: `model-${i}`,
    info: modelInfo(`model-${i}`, { inputPrice: 0.1 + random() * 10, outputPrice: 0.4 + random() * 30 }),
  }))
  const ratings = ModelMap.of(
    list.map((m) => [m, { rating: 1300 + random() * 400, comparisons: 10 }] as const),
  )
  const world: RouterWorld = {
    now: () => now,
    random,
    models: () => list,
    providerEnabled: () => true,
    inFlight: (providerId) => providerId.length % 3,
    limit: () => 4,
    paused: (target) => target.model === 'model-7',
    ratings: () => ratings,
  }
  const router = new Router(world)
  for (const model of list)
    for (let s = 0; s < WINDOW_SIZE; s++)
      router.observe(
        answered(model, now - s * 30_000, {
          firstTokenMs: 100 + random() * 900,
          tokensPerSecond: 20 + random() * 100,
        }),
      )
  const balanced = BUILT_IN_PROFILES.find((p) => p.id === 'balanced') as RoutingProfile
  const question = { chatId: 'bench', promptTokens: 2_000 }
  for (let i = 0; i < 1_000; i++) router.decide(balanced, question)
  const perDecisionUs: number[] = []
  for (let done = 0; done < DECISIONS; done += BATCH) {
    const start = performance.now()
    for (let i = 0; i < BATCH; i++) router.decide(balanced, question)
    perDecisionUs.push(((performance.now() - start) / BATCH) * 1_000)
  }
  return perDecisionUs
}

/** How fast this machine is now: a sort of 50 numbers, the kind of work a decision does a few times. */
function sortOf50(): number {
  const values = Array.from({ length: 50 }, (_, i) => Math.sin(i))
  const times: number[] = []
  for (let run = 0; run < 200; run++) {
    const start = performance.now()
    for (let i = 0; i < BATCH; i++) [...values].sort((a, b) => a - b)
    times.push(((performance.now() - start) / BATCH) * 1_000)
  }
  return median(times)
}

const sortUs = sortOf50()
const decision = decisions()
const request = await streamedRequestTimes(REQUESTS)
const decisionUs = median(decision)
const requestMs = median(request)
console.log(`router: one decision over ${CANDIDATES} candidates, Balanced profile, full windows`)
console.log(
  `  median ${decisionUs.toFixed(1)} µs, p95 ${percentile(decision, 0.95).toFixed(1)} µs (goal under 50 µs: ${decisionUs < 50 ? 'met' : 'missed'})`,
)
console.log(`fake-provider request it routes (loopback HTTP + SSE, read to the end)`)
console.log(`  median ${requestMs.toFixed(2)} ms, p95 ${percentile(request, 0.95).toFixed(2)} ms`)
console.log(
  `baseline: sorting 50 numbers takes ${sortUs.toFixed(2)} µs here (a decision is ${(decisionUs / sortUs).toFixed(1)} such sorts)`,
)
console.log(
  `routing adds ${((decisionUs / 1_000 / requestMs) * 100).toFixed(2)}% to the quickest request there is`,
)
