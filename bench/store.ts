// What the page check (PRAGMA quick_check, run on a worker after start-up) costs on data files of growing size, against two
// baselines measured in the same run on the same file: opening it (without the check) and reading
// every message once. Prints medians and ratios; asserts nothing.
//
//   npm run bench:store      (SIZES_MB=20,200 by default)
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ChatStore } from '../src/main/core/store/chat-store'
import { openDatabase } from '../src/main/core/store/database'
import { findDamage } from '../src/main/core/store/page-check'

const SIZES_MB = (process.env.SIZES_MB ?? '20,200').split(',').map(Number)
const RUNS = 5
const MESSAGE = 'A typical answer of a few hundred characters, with some **markdown** and code. '.repeat(12)

function build(path: string, megabytes: number): number {
  const { db } = openDatabase(path)
  const store = new ChatStore(db)
  const perChat = 100
  const messages = Math.ceil((megabytes * 1024 * 1024) / (MESSAGE.length + 200))
  const insertChats = db.transaction((count: number) => {
    for (let c = 0; c < count; c++) {
      const chat = store.createChat(`Chat ${c}`)
      let parent: string | null = null
      for (let m = 0; m < perChat; m++) {
        parent = store.addMessage({
          chatId: chat.id,
          parentId: parent,
          role: m % 2 ? 'assistant' : 'user',
          content: MESSAGE,
          status: 'complete',
        }).id
      }
    }
  })
  insertChats(Math.ceil(messages / perChat))
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return messages
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function time(action: () => void): number {
  const start = performance.now()
  action()
  return performance.now() - start
}

const dir = mkdtempSync(join(tmpdir(), 'rt-bench-store-'))
try {
  console.log(`bench/store: quick_check against opening and a full read, ${RUNS} runs each, median`)
  for (const size of SIZES_MB) {
    const path = join(dir, `size-${size}.db`)
    const messages = build(path, size)
    const bytes = statSync(path).size
    const opens: number[] = []
    const checks: number[] = []
    const scans: number[] = []
    for (let run = 0; run < RUNS; run++) {
      let db: ReturnType<typeof openDatabase>['db'] | null = null
      opens.push(
        time(() => {
          db = openDatabase(path).db
        }),
      )
      const opened = db as unknown as ReturnType<typeof openDatabase>['db']
      checks.push(time(() => findDamage(opened)))
      scans.push(time(() => opened.prepare('SELECT sum(length(content)) FROM messages').get()))
      opened.close()
    }
    const [open, check, scan] = [median(opens), median(checks), median(scans)]
    console.log(
      `\n${(bytes / 1024 / 1024).toFixed(0)} MB (${messages.toLocaleString('en')} messages)\n` +
        `  open ${open.toFixed(1)} ms, quick_check ${check.toFixed(1)} ms, read every message ${scan.toFixed(1)} ms\n` +
        `  quick_check / open ${(check / open).toFixed(2)}, quick_check / full read ${(check / scan).toFixed(2)}`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
