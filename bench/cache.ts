// What the response cache costs and saves, in one run. Prints medians and ratios; asserts nothing.
//
//   npm run bench:cache      (REQUESTS=100, ENTRIES=5000 by default)
//
// 1. The whole app path (contract dispatch, chat service, pipeline, SQLite, batched events) from
//    sendMessage to the final batch the renderer is sent: a fresh request to the fake provider on
//    loopback (a miss: looked up, asked, kept) against the same question answered from the cache.
// 2. The cache stage alone around a downstream that answers at once: a miss (key, lookup, keeping the
//    answer) and a lookup alone, against the same downstream without the stage (Cache: Off), on a
//    cache already holding ENTRIES answers.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { cacheKey } from '../src/main/core/cache/cache-key'
import { dispatchCall } from '../src/main/core/dispatch'
import type { Next, PipelineEvent, PipelineRequest } from '../src/main/core/pipeline/events'
import { cacheStage } from '../src/main/core/pipeline/stages/cache'
import type { ChatProvider } from '../src/main/core/providers/types'
import { openDatabase } from '../src/main/core/store/database'
import { ResponseCache } from '../src/main/core/store/response-cache'
import type { SentMessage, StreamBatch } from '../src/shared/types'
import { startHarness } from '../test/support/core-harness'
import { median, percentile } from './stats'

const REQUESTS = Number(process.env.REQUESTS ?? 100)
const ENTRIES = Number(process.env.ENTRIES ?? 5_000)
const WARMUP = 10
const STAGE_RUNS = 2_000
// A typical answer (about 300 words) and a conversation of ten turns before the question.
const ANSWER_WORDS = 300
const TURN =
  'A question or an answer of a few hundred characters, with some **markdown** and `code`. '.repeat(4)

async function appPath(): Promise<{ fresh: number[]; hit: number[] }> {
  const harness = await startHarness({ fake: { validate: false } })
  const waiting = new Map<string, (end: { at: number; cached: boolean }) => void>()
  // Batches reach the harness's sink; watched here as the renderer would see them, and not kept.
  const batches = harness.batches
  const original = batches.push.bind(batches)
  batches.push = (...items: StreamBatch[]) => {
    const at = performance.now()
    for (const batch of items)
      if (batch.final) waiting.get(batch.messageId)?.({ at, cached: batch.final.cached === true })
    return original()
  }

  async function ask(text: string): Promise<{ ms: number; cached: boolean }> {
    const chat = await harness.core.handlers.createChat(undefined)
    await harness.core.handlers.updateChatSettings({ chatId: chat.id, params: { temperature: 0 } })
    let resolve: (end: { at: number; cached: boolean }) => void = () => {}
    const done = new Promise<{ at: number; cached: boolean }>((r) => {
      resolve = r
    })
    const start = performance.now()
    const result = await dispatchCall(harness.core.handlers, 'sendMessage', { chatId: chat.id, text })
    if (!result.ok) throw new Error(result.error.message)
    const { assistantMessage } = result.value as SentMessage
    // The stream starts after sendMessage returns: no batch of this answer can have gone yet.
    waiting.set(assistantMessage.id, resolve)
    const end = await done
    waiting.delete(assistantMessage.id)
    return { ms: end.at - start, cached: end.cached }
  }

  const fresh: number[] = []
  const hit: number[] = []
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    // A new question each round (a miss), then the same question again (a hit).
    const question = `bench question ${i} #words=${ANSWER_WORDS}`
    const first = await ask(question)
    const second = await ask(question)
    if (first.cached || !second.cached) throw new Error('the cache did not answer as expected')
    if (i < WARMUP) continue
    fresh.push(first.ms)
    hit.push(second.ms)
  }
  const sent = harness.fake.requests.filter((r) => r.method === 'POST').length
  if (sent !== WARMUP + REQUESTS) throw new Error(`expected one request per question, the fake got ${sent}`)
  await harness.close()
  return { fresh, hit }
}

async function stageAlone(): Promise<{ off: number[]; miss: number[]; lookup: number[]; hit: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-bench-cache-'))
  const { db } = openDatabase(join(dir, 'roundtable.db'))
  const cache = new ResponseCache(db, () => ({ ttlDays: 7, maxMegabytes: 200 }))
  // The chat the requests come from: the cache keeps no entry for a chat that does not exist.
  db.prepare("INSERT INTO chats (id, title, created_at, updated_at) VALUES ('c1', 'Bench', 0, 0)").run()
  const text = Array.from({ length: ANSWER_WORDS }, (_, i) => `word${i}`).join(' ')
  const answer = { text, thinking: '', tools: [], usage: { input: 900, output: 400 }, finishReason: 'stop' }
  const provider = { id: 'p1', name: 'Bench', baseURL: 'http://127.0.0.1:1/v1' } as ChatProvider
  const target = { providerId: 'p1', providerName: 'Bench', model: 'm1', provider }
  const source = { providerId: 'p1', model: 'm1' }
  const history = Array.from({ length: 20 }, (_, i) => ({
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content: `${TURN} (${i})`,
  }))
  const request = (question: string): PipelineRequest => ({
    chatId: 'c1',
    messages: [...history, { role: 'user', content: question }],
    system: 'Be helpful.',
    params: { temperature: 0 },
    target,
    cache: { mode: 'auto' },
    headers: {},
    signal: new AbortController().signal,
  })
  const keyOf = (question: string) => {
    const r = request(question)
    return cacheKey({ providerId: 'p1', baseURL: provider.baseURL, model: 'm1', ...r })
  }
  db.transaction(() => {
    for (let i = 0; i < ENTRIES; i++) cache.put(keyOf(`kept ${i}`), source, answer)
  })()

  // What the provider would send, at once: the answer in 60 pieces.
  const pieces = text.match(/.{1,40}/gs) ?? [text]
  const downstream: Next = async function* () {
    yield { type: 'connected' }
    for (const piece of pieces) yield { type: 'delta', text: piece }
    yield { type: 'usage', usage: answer.usage }
    yield { type: 'finish', reason: 'stop' }
  }
  const stage = cacheStage({ cache, isEnabled: () => true })
  const drain = async (events: AsyncIterable<PipelineEvent>) => {
    for await (const _ of events);
  }

  const off: number[] = []
  const miss: number[] = []
  const lookup: number[] = []
  const hit: number[] = []
  for (let i = 0; i < STAGE_RUNS; i++) {
    const question = `new question ${i}`
    let start = performance.now()
    await drain(downstream({ ...request(question), cache: { mode: 'off' } }))
    off.push(performance.now() - start)
    start = performance.now()
    await drain(stage(request(question), downstream))
    miss.push(performance.now() - start)
    start = performance.now()
    cache.get(keyOf(`absent ${i}`), source)
    lookup.push(performance.now() - start)
    start = performance.now()
    await drain(stage(request(question), downstream))
    hit.push(performance.now() - start)
  }
  db.close()
  rmSync(dir, { recursive: true, force: true })
  return { off, miss, lookup, hit }
}

async function main(): Promise<void> {
  console.log(
    `bench/cache: ${REQUESTS} questions through the app (${ANSWER_WORDS}-word answers), then the stage alone ` +
      `${STAGE_RUNS} times on a cache of ${ENTRIES.toLocaleString('en')} answers`,
  )
  const app = await appPath()
  const f = median(app.fresh)
  const h = median(app.hit)
  console.log('\nwhole answer, sendMessage to the final batch (fake provider on loopback)')
  console.log(`  fresh request   median ${ms(f)}, p90 ${ms(percentile(app.fresh, 0.9))}`)
  console.log(
    `  cache hit       median ${ms(h)}, p90 ${ms(percentile(app.hit, 0.9))}  (hit/fresh ratio ${(h / f).toFixed(3)}, ${(f / h).toFixed(1)}x faster)`,
  )

  const stage = await stageAlone()
  const o = median(stage.off)
  const m = median(stage.miss)
  console.log('\ncache stage alone (downstream answers at once)')
  console.log(`  without the stage (Off)  median ${ms(o)}`)
  console.log(
    `  miss: key, lookup, keep  median ${ms(m)}  (added ${ms(m - o)}, p90 added ${ms(percentile(stage.miss, 0.9) - o)}; ratio ${(m / o).toFixed(2)})`,
  )
  console.log(
    `  lookup that misses       median ${ms(median(stage.lookup))}, p90 ${ms(percentile(stage.lookup, 0.9))}`,
  )
  console.log(
    `  hit, whole answer        median ${ms(median(stage.hit))}, p90 ${ms(percentile(stage.hit, 0.9))}  (hit/Off ratio ${(median(stage.hit) / o).toFixed(2)})`,
  )
  console.log(`\n  the miss adds ${(((m - o) / f) * 100).toFixed(2)}% to a fresh request on loopback`)
}

const ms = (value: number) => `${value.toFixed(3)} ms`

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
