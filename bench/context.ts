// What keeping a long chat within a model's window costs, through the reads worker's tokenizer, beside
// the quickest streamed request to the fake provider in the same run. Prints medians and ratios;
// asserts nothing.
//
//   npm run bench:context      (MESSAGES=10000 WINDOW=128000 ROUNDS=20 by default)
//
// 1. Reading the chat's path with its text (what a send reads anyway).
// 2. The first measure of the chat: gpt-tokenizer's encoding loads on the worker, and the newest
//    messages are counted until the window is full.
// 3. The measure of every later send: the messages are remembered, only the new question is counted.
// 4. A streamed request to the fake provider on loopback, read to its end.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { conversationOf } from '../src/main/core/chat/conversation'
import { ContextWindow } from '../src/main/core/context/context-window'
import { TokenCalibration } from '../src/main/core/context/token-calibration'
import { TokenCounter } from '../src/main/core/context/token-counter'
import { OffThreadReader } from '../src/main/core/reads/off-thread-reader'
import { ChatStore } from '../src/main/core/store/chat-store'
import { openDatabase } from '../src/main/core/store/database'
import { SummaryStore } from '../src/main/core/store/summary-store'
import type { ModelInfo } from '../src/shared/providers'
import { streamedRequestTimes } from './fake-request'
import { median, percentile } from './stats'

const MESSAGES = Number(process.env.MESSAGES ?? 10_000)
const WINDOW = Number(process.env.WINDOW ?? 128_000)
const ROUNDS = Number(process.env.ROUNDS ?? 20)

const WORDS = (
  'the a of to and in that is for it with as was on be at by this have from or one had not but what all ' +
  'database index query latency kernel compiler network protocol server cache memory thread stream token ' +
  'model answer branch garden river mountain recipe travel music history physics chemistry biology'
).split(' ')

function text(index: number): string {
  const length = 30 + ((index * 7919) % 170)
  return Array.from({ length }, (_, i) => WORDS[(index * 31 + i * 17) % WORDS.length]).join(' ')
}

function fill(path: string): string {
  const { db } = openDatabase(path)
  const chatId = randomUUID()
  const now = Date.now()
  db.prepare('INSERT INTO chats (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
    chatId,
    'A long chat',
    now,
    now,
  )
  const insert = db.prepare(
    `INSERT INTO messages (id, chat_id, parent_id, role, content, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'complete', ?, ?)`,
  )
  // The path follows each message's kept child from the chat's root.
  const keep = db.prepare('UPDATE messages SET active_child_id = ? WHERE id = ?')
  let parent: string | null = null
  db.transaction(() => {
    for (let m = 0; m < MESSAGES; m++) {
      const id = randomUUID()
      insert.run(id, chatId, parent, m % 2 === 0 ? 'user' : 'assistant', text(m), now + m, now + m)
      if (parent) keep.run(id, parent)
      else db.prepare('UPDATE chats SET active_root_id = ? WHERE id = ?').run(id, chatId)
      parent = id
    }
  })()
  db.prepare('UPDATE chats SET head_message_id = ? WHERE id = ?').run(parent, chatId)
  db.close()
  return chatId
}

const dir = mkdtempSync(join(tmpdir(), 'rt-bench-context-'))
const path = join(dir, 'roundtable.db')
const chatId = fill(path)
const { db } = openDatabase(path)
const reader = new OffThreadReader(
  db,
  path,
  new URL('../src/main/core/reads/read-worker.ts', import.meta.url),
)
const store = new ChatStore(db)
const info: ModelInfo = {
  id: 'gpt-4o',
  displayName: null,
  contextWindow: WINDOW,
  maxOutputTokens: 16_384,
  inputPrice: 2.5,
  outputPrice: 10,
  vision: false,
  reasoning: false,
  source: 'preset',
}
const window = new ContextWindow({
  counter: new TokenCounter((encoding, texts) => reader.countTokens(encoding, texts)),
  calibration: new TokenCalibration(),
  summaries: new SummaryStore(db),
  modelInfo: () => info,
  strategyOf: () => 'window',
})

const reads: number[] = []
let conversation = conversationOf(store.branch(chatId))
for (let i = 0; i < 5; i++) {
  const start = performance.now()
  conversation = conversationOf(store.branch(chatId))
  reads.push(performance.now() - start)
}
const input = (draft: string) => ({
  chatId,
  providerId: 'p',
  model: 'gpt-4o',
  system: 'You are a helpful assistant.',
  params: {},
  messages: [...conversation.messages, { role: 'user' as const, content: draft }],
  sources: conversation.sources,
})
const coldStart = performance.now()
const first = await window.measure(input('The first question.'))
const coldMs = performance.now() - coldStart
const warm: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  const start = performance.now()
  await window.measure(input(`Question number ${i}: ${text(i)}`))
  warm.push(performance.now() - start)
}
// What a preview reads on the worker instead: the newest part of the chat, enough for the window.
const tails: number[] = []
for (let i = 0; i < 5; i++) {
  const start = performance.now()
  await reader.conversation(chatId, WINDOW * 8)
  tails.push(performance.now() - start)
}
const request = await streamedRequestTimes(ROUNDS)
await reader.close()
db.close()
rmSync(dir, { recursive: true, force: true })

const warmMs = median(warm)
const baseline = median(request)
console.log(
  `context: a ${MESSAGES.toLocaleString('en')}-message chat, a ${WINDOW.toLocaleString('en')}-token window (gpt-4o, o200k_base)`,
)
console.log(
  `  sends ${first.use.sent.toLocaleString('en')} messages, ${first.use.inputTokens.toLocaleString('en')} tokens; leaves out ${first.use.leftOut.toLocaleString('en')}`,
)
console.log(`  reading the path with its text (a send does): median ${median(reads).toFixed(1)} ms`)
console.log(
  `  the newest part a preview reads, on the worker (waited for, not blocking): median ${median(tails).toFixed(1)} ms`,
)
console.log(`  first measure (encoding loads, the window's messages counted): ${coldMs.toFixed(0)} ms`)
console.log(
  `  each later send (messages remembered): median ${warmMs.toFixed(2)} ms, p95 ${percentile(warm, 0.95).toFixed(2)} ms`,
)
console.log(`baseline: one streamed fake-provider request on loopback: median ${baseline.toFixed(2)} ms`)
console.log(`  a later send's measure is ${(warmMs / baseline).toFixed(2)}× that request`)
