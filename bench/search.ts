// Search over 100,000 messages in 1,000 chats (English and Chinese mixed), through the reads worker,
// beside a LIKE scan of the same data on the same file in the same run. Prints p50/p95 per query kind;
// asserts nothing.
//
//   npm run bench:search      (MESSAGES=100000 CHATS=1000 ROUNDS=20 by default)
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { OffThreadReader } from '../src/main/core/reads/off-thread-reader'
import { openDatabase } from '../src/main/core/store/database'
import { likePattern, parseQuery } from '../src/shared/search-query'
import { percentile } from './stats'

const MESSAGES = Number(process.env.MESSAGES ?? 100_000)
const CHATS = Number(process.env.CHATS ?? 1_000)
const ROUNDS = Number(process.env.ROUNDS ?? 20)
const DAY = 86_400_000

const ENGLISH = (
  'the a of to and in that is for it with as was on be at by this have from or one had not but what all ' +
  'were when we there can an your which their said if do will each about how up out them then she many ' +
  'database index query latency kernel compiler network protocol server cache memory thread stream token ' +
  'model answer branch garden river mountain recipe travel music history physics chemistry biology'
).split(' ')
const CHINESE =
  '分布式 数据库 的 设计 系统 网络 模型 学习 问题 方法 研究 我们 可以 因为 所以 时间 工作 东京 寿司 历史'.split(
    ' ',
  )

/** A deterministic pseudo-random sequence, so every run searches the same text. */
function rng(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

function sentence(next: () => number, chinese: boolean): string {
  const words = chinese ? CHINESE : ENGLISH
  const length = 12 + Math.floor(next() * 40)
  const out: string[] = []
  for (let i = 0; i < length; i++) out.push(words[Math.floor(next() * words.length)] as string)
  return out.join(chinese ? '' : ' ')
}

const QUERIES: Record<string, string[]> = {
  'common word': ['the', 'and', 'database'],
  'rare word': ['zebracorn', 'quokka'],
  'two words': ['kernel compiler', 'river garden'],
  'Chinese (3+ chars)': ['数据库', '分布式', '东京寿司'],
  'Chinese (2 chars, scan)': ['模型', '寿司'],
  'with filters': ['database role:user', 'kernel model:gpt after:2020-01-01'],
  'FTS syntax as text': ['"NEAR" -x*', 'a AND (b'],
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-search-'))
  const path = join(dir, 'roundtable.db')
  const { db } = openDatabase(path)
  const next = rng(42)
  const now = Date.now()
  const fillStart = performance.now()
  const chat = db.prepare(
    'INSERT INTO chats (id, title, created_at, updated_at, model) VALUES (?, ?, ?, ?, ?)',
  )
  const message = db.prepare(
    `INSERT INTO messages (id, chat_id, parent_id, role, content, status, model, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'complete', ?, ?, ?)`,
  )
  const perChat = Math.ceil(MESSAGES / CHATS)
  db.transaction(() => {
    let written = 0
    for (let c = 0; c < CHATS && written < MESSAGES; c++) {
      const chatId = randomUUID()
      const chinese = c % 3 === 0
      const at = now - Math.floor((c / CHATS) * 365 * DAY)
      chat.run(chatId, sentence(next, chinese).slice(0, 60), at, at, 'gpt-4o')
      let parent: string | null = null
      for (let m = 0; m < perChat && written < MESSAGES; m++, written++) {
        const id = randomUUID()
        const role = m % 2 === 0 ? 'user' : 'assistant'
        const rare = written % 20_000 === 7 ? ' zebracorn' : written % 33_333 === 3 ? ' quokka' : ''
        message.run(
          id,
          chatId,
          parent,
          role,
          sentence(next, chinese) + rare,
          role === 'assistant' ? 'gpt-4o' : null,
          at + m,
          at + m,
        )
        parent = id
      }
    }
  })()
  console.log(
    `${MESSAGES.toLocaleString('en')} messages in ${CHATS.toLocaleString('en')} chats written and indexed in ${Math.round(performance.now() - fillStart)} ms`,
  )

  const reader = new OffThreadReader(
    db,
    path,
    new URL('../src/main/core/reads/read-worker.ts', import.meta.url),
  )
  // The LIKE scan: the same words, every one somewhere in the text, newest first, the same number of hits.
  const likeScan = (query: string) => {
    const { terms } = parseQuery(query)
    if (terms.length === 0) return []
    const where = terms.map(() => `content LIKE ? ESCAPE '\\'`).join(' AND ')
    return db
      .prepare(`SELECT id FROM messages WHERE ${where} ORDER BY rowid DESC LIMIT 30`)
      .all(...terms.map(likePattern))
  }
  await reader.search('warm up')
  likeScan('warm up')

  console.log('\nquery kind                 search p50 / p95 (ms)   LIKE scan p50 / p95 (ms)   ratio p95')
  const all: { search: number[]; like: number[] } = { search: [], like: [] }
  for (const [kind, queries] of Object.entries(QUERIES)) {
    const search: number[] = []
    const like: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      for (const query of queries) {
        let start = performance.now()
        await reader.search(query)
        search.push(performance.now() - start)
        start = performance.now()
        likeScan(query)
        like.push(performance.now() - start)
      }
    }
    all.search.push(...search)
    all.like.push(...like)
    const s95 = percentile(search, 0.95)
    const l95 = percentile(like, 0.95)
    console.log(
      `${kind.padEnd(26)} ${percentile(search, 0.5).toFixed(1).padStart(8)} / ${s95.toFixed(1).padEnd(12)} ${percentile(like, 0.5).toFixed(1).padStart(10)} / ${l95.toFixed(1).padEnd(14)} ${(l95 / s95).toFixed(1)}x`,
    )
  }
  const s95 = percentile(all.search, 0.95)
  const l95 = percentile(all.like, 0.95)
  console.log(
    `${'all queries'.padEnd(26)} ${percentile(all.search, 0.5).toFixed(1).padStart(8)} / ${s95.toFixed(1).padEnd(12)} ${percentile(all.like, 0.5).toFixed(1).padStart(10)} / ${l95.toFixed(1).padEnd(14)} ${(l95 / s95).toFixed(1)}x`,
  )
  console.log(
    `\nsearch p95 ${s95.toFixed(1)} ms (target: under 30 ms), off the main thread: ${reader.offThread}`,
  )
  await reader.close()
  db.close()
  rmSync(dir, { recursive: true, force: true })
}

void main()
