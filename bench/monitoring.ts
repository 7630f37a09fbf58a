// Monitoring's queries on 100,000 traces, run on the monitoring worker while answers stream, against a
// baseline measured in the same run: the same four streams with no queries. Prints p50/p95 per query
// and the streams' time to first token both ways; asserts nothing.
//
//   npm run bench:monitoring      (TRACES=100000 by default)
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { TraceStore } from '../src/main/core/traces/trace-store'
import type { MonitoringRange, Trace } from '../src/shared/types'
import { type Harness, startHarness } from '../test/support/core-harness'
import { percentile } from './stats'

const TRACES = Number(process.env.TRACES ?? 100_000)
const ROUNDS = Number(process.env.ROUNDS ?? 5)
const STREAMS = 4
const DAY = 86_400_000
const MODELS = ['fake-small', 'fake-large', 'gpt-4o', 'claude-sonnet', 'llama-3', 'deepseek-chat']

function fill(h: Harness): void {
  const store = new TraceStore(h.core.db)
  const now = Date.now()
  const batch: Trace[] = []
  for (let i = 0; i < TRACES; i++) {
    const failed = i % 17 === 0
    batch.push({
      id: randomUUID(),
      chatId: null,
      messageId: null,
      purpose: i % 25 === 0 ? 'title' : 'answer',
      providerId: `provider-${i % 3}`,
      providerName: `Provider ${i % 3}`,
      model: MODELS[i % MODELS.length] ?? 'm',
      route: null,
      status: failed ? 'error' : 'complete',
      errorKind: failed ? 'server' : null,
      finishReason: failed ? null : 'stop',
      startedAt: now - Math.floor((i / TRACES) * 30 * DAY),
      queueMs: i % 5 === 0 ? 40 : null,
      firstTokenMs: failed ? null : 200 + (i % 900),
      durationMs: 1_000 + (i % 4_000),
      tokensIn: 300 + (i % 700),
      tokensOut: 100 + (i % 1_500),
      tokensEstimated: false,
      tokensPerSecond: 20 + (i % 80),
      cost: 0.0004 + (i % 100) / 100_000,
      cacheHit: i % 40 === 0,
      context: null,
      attempts: [
        {
          attempt: 1,
          status: failed ? 'failed' : 'ok',
          errorKind: failed ? 'server' : null,
          error: null,
          retryInMs: null,
          startedMs: 0,
        },
      ],
    })
    if (batch.length === 5_000) store.write(batch.splice(0))
  }
  store.write(batch)
}

async function streams(h: Harness): Promise<number[]> {
  const sent = await Promise.all(
    Array.from({ length: STREAMS }, async (_, i) => {
      const chat = await h.core.handlers.createChat(undefined)
      return h.core.handlers.sendMessage({ chatId: chat.id, text: `Stream ${i} #words=300 #delay=3` })
    }),
  )
  await h.core.chats.settle()
  const firstTokens: number[] = []
  for (const message of sent) {
    const thread = await h.core.handlers.openChat({ chatId: message.chat.id })
    const answer = thread.messages.find((m) => m.id === message.assistantMessage.id)
    if (answer?.firstTokenMs !== null && answer?.firstTokenMs !== undefined)
      firstTokens.push(answer.firstTokenMs)
  }
  return firstTokens
}

const h = await startHarness()
try {
  const filling = performance.now()
  fill(h)
  console.log(
    `bench/monitoring: ${TRACES.toLocaleString('en')} traces written in ${Math.round(performance.now() - filling)} ms`,
  )

  const timings: Record<string, number[]> = {}
  const measure = async (name: string, query: () => unknown) => {
    const start = performance.now()
    await query()
    timings[name] ??= []
    timings[name].push(performance.now() - start)
  }
  const queries = async () => {
    for (const range of ['24h', '7d', '30d'] as MonitoringRange[]) {
      await measure(`report ${range}`, () => h.core.handlers.getMonitoring({ range }))
      await measure(`log ${range}`, () => h.core.handlers.listRequests({ range }))
    }
    await measure('log 30d, one model, failed', () =>
      h.core.handlers.listRequests({ range: '30d', model: 'gpt-4o', status: 'error' }),
    )
  }
  // Warm: the worker starts, SQLite's pages are read once.
  await queries()
  for (const name of Object.keys(timings)) timings[name] = []

  const baseline: number[] = []
  const loaded: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(...(await streams(h)))
    let querying = true
    const hammer = (async () => {
      while (querying) await queries()
    })()
    loaded.push(...(await streams(h)))
    querying = false
    await hammer
  }

  console.log(`\nqueries on the worker, during ${STREAMS} streams (${ROUNDS} rounds)`)
  console.log('query                          runs    p50 ms    p95 ms')
  for (const [name, values] of Object.entries(timings))
    console.log(
      `${name.padEnd(30)} ${String(values.length).padStart(4)} ${percentile(values, 0.5).toFixed(1).padStart(9)} ${percentile(values, 0.95).toFixed(1).padStart(9)}`,
    )
  const all = Object.values(timings).flat()
  console.log(
    `all queries                    ${String(all.length).padStart(4)} ${percentile(all, 0.5).toFixed(1).padStart(9)} ${percentile(all, 0.95).toFixed(1).padStart(9)}   (goal: p95 < 50 ms)`,
  )
  const b50 = percentile(baseline, 0.5)
  const l50 = percentile(loaded, 0.5)
  const b95 = percentile(baseline, 0.95)
  const l95 = percentile(loaded, 0.95)
  console.log(`\ntime to first token of ${STREAMS} streams       p50 ms    p95 ms`)
  console.log(
    `without queries (baseline)        ${b50.toFixed(0).padStart(6)}    ${b95.toFixed(0).padStart(6)}`,
  )
  console.log(
    `with queries running              ${l50.toFixed(0).padStart(6)}    ${l95.toFixed(0).padStart(6)}`,
  )
  console.log(
    `ratio                             ${(l50 / b50).toFixed(2).padStart(6)}    ${(l95 / b95).toFixed(2).padStart(6)}`,
  )
} finally {
  await h.close()
}
