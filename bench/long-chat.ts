/// <reference lib="dom" />
// Opening a long chat in Chromium through the built web host: a 10,000-message chat against a
// 100-message one in the same run (the baseline), and start-up with 1,000 chats. For each: time to the
// latest message on screen, then to that answer formatted as Markdown (the formatter may arrive after
// the text, which shows plain until then), long tasks over 50 ms until the Markdown, renderer heap,
// elements in the page; then scrolling the long chat up, as a hard flick (120 px a frame for 600
// frames) and as a stress (a screen a frame, from its end to its start). Prints figures and ratios;
// asserts nothing.
//
//   npm run build && npm run bench:long-chat      (CHROMIUM=/usr/bin/chromium)
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { ChatStore } from '../src/main/core/store/chat-store'
import { openDatabase } from '../src/main/core/store/database'
import { median } from './stats'

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const RUNS = Number(process.env.RUNS ?? 3)
const ANSWER = [
  'Here is what I found about **that question**:',
  '',
  '- the first point, with `inline code`',
  '- a second point that runs a little longer so the line wraps on a narrow window',
  '',
  'And a closing sentence.',
].join('\n')

/** A data folder with one chat of `messages` messages (and `others` small chats beside it). */
function dataFolder(messages: number, others = 0): { dir: string; lastId: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-long-'))
  const { db } = openDatabase(join(dir, 'roundtable.db'))
  const store = new ChatStore(db)
  let lastId = ''
  db.transaction(() => {
    for (let c = 0; c < others; c++) {
      const chat = store.createChat(`Older chat ${c}`)
      let parent: string | null = null
      for (let m = 0; m < 100; m++)
        parent = store.addMessage({
          chatId: chat.id,
          parentId: parent,
          role: m % 2 ? 'assistant' : 'user',
          content: m % 2 ? ANSWER : `Question ${m}`,
          status: 'complete',
        }).id
    }
    const chat = store.createChat('The long chat')
    let parent: string | null = null
    for (let m = 0; m < messages; m++) {
      parent = store.addMessage({
        chatId: chat.id,
        parentId: parent,
        role: m % 2 ? 'assistant' : 'user',
        content: m % 2 ? `${ANSWER}\n\nAnswer ${m}.` : `Question number ${m}?`,
        status: 'complete',
      }).id
    }
    lastId = parent ?? ''
  })()
  db.close()
  return { dir, lastId }
}

async function startHost(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['out/main/serve.js', '--port', '0', '--data-dir', dataDir], {
    env: {
      ...process.env,
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_API_KEY: 'sk-bench',
      ROUNDTABLE_KEYCHAIN_SERVICE: `Roundtable-bench-${process.pid}`,
      ROUNDTABLE_LOCAL_PROBES: JSON.stringify({ ollama: null, lmstudio: null }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString()
      const match = /running at (http:\/\/\S+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the web host exited (${code}):\n${output}`)))
  })
  return { url, child }
}

interface Opening {
  toLatestMs: number
  toMarkdownMs: number
  longTasks: number
  longestTaskMs: number
  heapMB: number
  elements: number
}

/** When `selector` first has a box on screen, by the page's clock, checked every frame. */
async function firstShown(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction(
    (selector) => {
      const element = document.querySelector(selector)
      const box = element?.getBoundingClientRect()
      return box && box.width > 0 && box.height > 0 ? performance.now() : null
    },
    selector,
    { polling: 'raf', timeout: 60_000 },
  )
  return (await handle.jsonValue()) as number
}

async function open(page: Page, url: string, lastId: string): Promise<Opening> {
  await page.goto(url)
  const latest = `[data-message-id="${lastId}"]`
  // Both polled the same way, so the gap between them is the wait for the Markdown formatter.
  const toLatestMs = await firstShown(page, latest)
  const toMarkdownMs = await firstShown(page, `${latest} .markdown`)
  const facts = await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] }
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
    return {
      longTasks: w.longTasks.filter((d) => d > 50).length,
      longestTaskMs: Math.max(0, ...w.longTasks),
      heapMB: (memory?.usedJSHeapSize ?? 0) / 1e6,
      elements: document.getElementsByTagName('*').length,
    }
  })
  return { toLatestMs, toMarkdownMs, ...facts }
}

interface Scrolled {
  ms: number
  frames: number
  longTasks: number
  longestTaskMs: number
}

/**
 * Scrolls the conversation up by `stepPx` a frame (0: a whole screen a frame, a stress far past any
 * hand) until its start or `maxFrames`; long tasks on the way. Ends at the end again.
 */
async function scrollUp(page: Page, stepPx: number, maxFrames: number): Promise<Scrolled> {
  return page.evaluate(
    async ({ stepPx, maxFrames }) => {
      const w = window as unknown as { longTasks: number[] }
      w.longTasks.length = 0
      const list = document.querySelector('.message-list') as HTMLElement
      const start = performance.now()
      let frames = 0
      while (list.scrollTop > 0 && frames < maxFrames) {
        list.scrollTop -= stepPx || list.clientHeight
        frames++
        await new Promise((resolve) => requestAnimationFrame(resolve))
      }
      const result = {
        ms: performance.now() - start,
        frames,
        longTasks: w.longTasks.filter((d) => d > 50).length,
        longestTaskMs: Math.max(0, ...w.longTasks),
      }
      list.scrollTop = list.scrollHeight
      return result
    },
    { stepPx, maxFrames },
  )
}

const scenarios = [
  { name: '100 messages (baseline)', messages: 100, others: 0 },
  { name: '10,000 messages', messages: 10_000, others: 0 },
  { name: '1,000 chats, 100,000 messages', messages: 100, others: 999 },
]

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
})
const results: Record<string, Opening[]> = {}
let flicked: Scrolled | null = null
let scrolled: Scrolled | null = null
try {
  for (const scenario of scenarios) {
    const { dir, lastId } = dataFolder(scenario.messages, scenario.others)
    const host = await startHost(dir)
    try {
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
        const page = await context.newPage()
        await page.addInitScript(() => {
          const w = window as unknown as { longTasks: number[] }
          w.longTasks = []
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) w.longTasks.push(entry.duration)
          }).observe({ type: 'longtask', buffered: true })
        })
        results[scenario.name] ??= []
        results[scenario.name]?.push(await open(page, host.url, lastId))
        if (scenario.messages === 10_000 && run === RUNS - 1) {
          // A hard flick held for ten seconds: 120 px a frame is about 7,000 px a second.
          flicked = await scrollUp(page, 120, 600)
          scrolled = await scrollUp(page, 0, Number.POSITIVE_INFINITY)
        }
        await context.close()
      }
    } finally {
      host.child.kill()
      rmSync(dir, { recursive: true, force: true })
    }
  }
} finally {
  await browser.close()
}

console.log(`bench/long-chat: Chromium, the built web host, ${RUNS} runs each, median`)
console.log(
  'scenario                          to latest ms  to Markdown ms  long tasks  longest ms  heap MB  elements',
)
const baseline = results[scenarios[0]?.name ?? '']
for (const scenario of scenarios) {
  const runs = results[scenario.name] ?? []
  const pick = (key: keyof Opening) => median(runs.map((r) => r[key]))
  console.log(
    `${scenario.name.padEnd(33)} ${pick('toLatestMs').toFixed(0).padStart(11)}  ${pick('toMarkdownMs').toFixed(0).padStart(14)}  ${pick('longTasks').toFixed(0).padStart(10)}  ${pick('longestTaskMs').toFixed(0).padStart(10)}  ${pick('heapMB').toFixed(1).padStart(7)}  ${pick('elements').toFixed(0).padStart(8)}`,
  )
}
if (baseline) {
  const ratio = (name: string) =>
    median((results[name] ?? []).map((r) => r.toLatestMs)) / median(baseline.map((r) => r.toLatestMs))
  console.log(
    `\nto latest, against 100 messages: 10,000 messages ${ratio('10,000 messages').toFixed(2)}x; 1,000 chats ${ratio('1,000 chats, 100,000 messages').toFixed(2)}x`,
  )
}
const scrollLine = (what: string, s: Scrolled) =>
  console.log(
    `${what}: ${s.frames} frames in ${s.ms.toFixed(0)} ms, ${s.longTasks} long tasks over 50 ms (longest ${s.longestTaskMs.toFixed(0)} ms)`,
  )
if (flicked) scrollLine('scrolling the 10,000-message chat up 120 px a frame', flicked)
if (scrolled) scrollLine('scrolling it from end to start a screen a frame', scrolled)
console.log(
  'goals: under 300 ms to the latest messages, no long task over 50 ms, heap under 150 MB; start under 500 ms with 1,000 chats',
)
