// How much the app's request path adds on top of the bare openai SDK, and how it compares with the
// Vercel AI SDK's streamText (what peers such as Cherry Studio build on), against the fake provider on
// loopback in the same run. Prints medians and ratios; asserts nothing (tests assert behaviour).
//
//   npm run bench            (REQUESTS=200 by default)
//
// "pipeline" is the whole main-process path a chat message takes: contract dispatch, chat service,
// SQLite writes, the pipeline's stages (target, bulkhead, retry, breaker, timeouts), the openai SDK,
// SSE parsing, batched events. Time to first token is measured to the first batch the renderer would
// be sent; total time to the final batch.
import { performance } from 'node:perf_hooks'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { streamText } from 'ai'
import OpenAI from 'openai'
import { dispatchCall } from '../src/main/core/dispatch'
import type { SentMessage, StreamBatch } from '../src/shared/types'
import { startHarness, TEST_KEY } from '../test/support/core-harness'
import { median, percentile } from './stats'

const REQUESTS = Number(process.env.REQUESTS ?? 200)
const WARMUP = 20

interface Sample {
  ttft: number
  total: number
}

// The first two put the app's fixed cost against the fastest possible server (loopback, no model);
// the third against a first token after 50 ms, still quicker than any hosted model answers.
const scenarios = [
  { name: 'paced stream (100 words, 1 ms between chunks)', prompt: 'bench #words=100 #delay=1' },
  { name: 'unpaced stream (300 words, no delay)', prompt: 'bench #words=300' },
  {
    name: 'first token after 50 ms, then 100 words at 1 ms',
    prompt: 'bench #words=100 #delay=1 #fault=slow:50',
  },
]

async function main(): Promise<void> {
  const harness = await startHarness({ fake: { validate: false } })
  const sdk = new OpenAI({ apiKey: TEST_KEY, baseURL: harness.fake.baseURL, maxRetries: 0 })
  const aiProvider = createOpenAICompatible({
    name: 'fake',
    baseURL: harness.fake.baseURL,
    apiKey: TEST_KEY,
    includeUsage: true,
  })

  const waiting = new Map<string, { first?: number; resolve: (end: number) => void }>()
  // Batches reach the harness's sink; watch them as the renderer would.
  const batches = harness.batches
  const original = batches.push.bind(batches)
  batches.push = (...items: StreamBatch[]) => {
    const now = performance.now()
    for (const batch of items) {
      const entry = waiting.get(batch.messageId)
      if (!entry) continue
      if (entry.first === undefined && batch.append.length > 0) entry.first = now
      if (batch.final) entry.resolve(now)
    }
    return original()
  }

  async function viaPipeline(prompt: string): Promise<Sample> {
    const chat = await harness.core.handlers.createChat(undefined)
    const start = performance.now()
    let entry: { first?: number; resolve: (end: number) => void } = { resolve: () => {} }
    const done = new Promise<number>((resolve) => {
      entry = { resolve }
    })
    const result = await dispatchCall(harness.core.handlers, 'sendMessage', { chatId: chat.id, text: prompt })
    if (!result.ok) throw new Error(result.error.message)
    const { assistantMessage } = result.value as SentMessage
    // Events for this answer cannot have been emitted before sendMessage returned (the stream starts after).
    waiting.set(assistantMessage.id, entry)
    const end = await done
    waiting.delete(assistantMessage.id)
    return { ttft: (entry.first ?? end) - start, total: end - start }
  }

  async function viaSdk(prompt: string): Promise<Sample> {
    const start = performance.now()
    let first: number | undefined
    const stream = await sdk.chat.completions.create({
      model: 'fake-small',
      messages: [{ role: 'user', content: prompt }],
      stream: true,
      stream_options: { include_usage: true },
    })
    for await (const chunk of stream) {
      if (first === undefined && chunk.choices[0]?.delta?.content) first = performance.now()
    }
    const end = performance.now()
    return { ttft: (first ?? end) - start, total: end - start }
  }

  async function viaAiSdk(prompt: string): Promise<Sample> {
    const start = performance.now()
    let first: number | undefined
    const result = streamText({ model: aiProvider('fake-small'), prompt, maxRetries: 0 })
    for await (const text of result.textStream) {
      if (first === undefined && text) first = performance.now()
    }
    const end = performance.now()
    return { ttft: (first ?? end) - start, total: end - start }
  }

  console.log(
    `bench/pipeline: ${REQUESTS} requests per path per scenario, interleaved, after ${WARMUP} warm-up each`,
  )
  const paths = [viaSdk, viaPipeline, viaAiSdk]
  for (const scenario of scenarios) {
    for (let i = 0; i < WARMUP; i++) for (const path of paths) await path(scenario.prompt)
    const samples: Sample[][] = paths.map(() => [])
    for (let i = 0; i < REQUESTS; i++) {
      // Rotate which goes first so drift (GC, JIT, the other core) falls on all alike.
      for (let k = 0; k < paths.length; k++) {
        const index = (i + k) % paths.length
        samples[index]?.push(await (paths[index] as (prompt: string) => Promise<Sample>)(scenario.prompt))
      }
    }
    report(scenario.name, samples[0] ?? [], samples[1] ?? [], samples[2] ?? [])
  }
  await harness.close()
}

function report(name: string, bare: Sample[], ours: Sample[], aiSdk: Sample[]): void {
  const row = (metric: keyof Sample) => {
    const b = median(bare.map((s) => s[metric]))
    const o = median(ours.map((s) => s[metric]))
    const a = median(aiSdk.map((s) => s[metric]))
    const p90 = (samples: Sample[]) =>
      percentile(
        samples.map((s) => s[metric]),
        0.9,
      ).toFixed(2)
    return (
      `  ${metric.padEnd(6)} median sdk ${b.toFixed(2)} ms, pipeline ${o.toFixed(2)} ms (ratio ${(o / b).toFixed(3)}, added ${(o - b).toFixed(2)} ms), ` +
      `ai-sdk ${a.toFixed(2)} ms (pipeline/ai-sdk ${(o / a).toFixed(3)}) | p90 sdk ${p90(bare)}, pipeline ${p90(ours)}, ai-sdk ${p90(aiSdk)} ms`
    )
  }
  console.log(`\n${name}`)
  console.log(row('ttft'))
  console.log(row('total'))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
