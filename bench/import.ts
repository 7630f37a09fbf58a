// Import chats on a large ChatGPT export: 1,000 conversations of 100 messages (100,000 messages)
// written to disk, imported through the core (read piece by piece, staged, added in one transaction),
// against two baselines on the same file in the same run: reading it whole, and JSON.parse of it whole
// (what a naive import would do before writing anything). Prints times, peak RSS and heap; asserts nothing.
//
//   npm run bench:import      (CONVERSATIONS=1000 TURNS=50 by default)
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../src/main/core/store/database'
import { ChatImports } from '../src/main/core/transfer/chat-import'
import { largeChatgptExport } from '../test/fixtures/chatgpt-export'

const CONVERSATIONS = Number(process.env.CONVERSATIONS ?? 1000)
const TURNS = Number(process.env.TURNS ?? 50)
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

const dir = mkdtempSync(join(tmpdir(), 'roundtable-bench-import-'))
try {
  const file = join(dir, 'conversations.json')
  const fd = openSync(file, 'w')
  for (const piece of largeChatgptExport(CONVERSATIONS, TURNS)) writeSync(fd, piece)
  closeSync(fd)
  const size = statSync(file).size
  console.log(`export: ${CONVERSATIONS} conversations, ${CONVERSATIONS * TURNS * 2} messages, ${mb(size)}`)

  // The import first, while the process is small, so its peak is its own.
  const dataDir = join(dir, 'data')
  const { db } = openDatabase(join(dataDir, 'roundtable.sqlite'))
  const imports = new ChatImports({ db, dataDir, sink: { emit: () => undefined } })
  let peakHeap = 0
  let peakRss = 0
  const sample = () => {
    const usage = process.memoryUsage()
    peakHeap = Math.max(peakHeap, usage.heapUsed)
    peakRss = Math.max(peakRss, usage.rss)
  }
  const sampler = setInterval(sample, 20)
  const before = process.memoryUsage()
  let started = performance.now()
  const report = await imports.importFile(file)
  const importMs = performance.now() - started
  sample()
  clearInterval(sampler)
  db.close()
  console.log(
    `import:      ${(importMs / 1000).toFixed(2)} s, ${report.chats} chats, ${report.messages} messages; ` +
      `peak heap ${mb(peakHeap)} (from ${mb(before.heapUsed)}), peak RSS ${mb(peakRss)} (from ${mb(before.rss)})`,
  )

  started = performance.now()
  const text = readFileSync(file, 'utf8')
  const readMs = performance.now() - started
  started = performance.now()
  const parsed = JSON.parse(text) as unknown[]
  const parseMs = performance.now() - started
  const parsedHeap = process.memoryUsage().heapUsed
  console.log(`read whole:  ${(readMs / 1000).toFixed(2)} s`)
  console.log(
    `JSON.parse:  ${(parseMs / 1000).toFixed(2)} s for ${parsed.length} conversations; heap ${mb(parsedHeap)} holding it`,
  )
  console.log(
    `ratio: import / (read + JSON.parse) = ${(importMs / (readMs + parseMs)).toFixed(1)}x; ` +
      `import's peak heap / JSON.parse's heap = ${(peakHeap / parsedHeap).toFixed(2)}`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
