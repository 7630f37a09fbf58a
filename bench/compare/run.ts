// Eight side-by-side columns, each streaming a ~1,500-token markdown answer at full speed from the fake
// provider, in Chromium: long tasks, frame gaps and the page's heap for the app's own columns (`ours`)
// against the naive way (`baseline`: the whole message re-rendered on every token), in the same run.
// A benchmark: prints medians, ratios and whether the goals are met; asserts nothing.
//
//   npm run bench:compare
//
// RUNS=3 runs of `ours` and BASELINE_RUNS=2 of the baseline by default, alternating (each baseline run
// takes a minute or more: every token re-renders a whole message). FEED=page makes `ours` read the
// streams on the page's own thread instead of a worker; CHROMIUM=/usr/bin/chromium.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import http2 from 'node:http2'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium } from 'playwright-core'
import { build, type Plugin } from 'vite'
import { chunkAnswer, fillerWords } from '../../test/fake-provider/answers.ts'
import { startFakeProvider } from '../../test/fake-provider/server.ts'
import { MarkdownWrapper } from './markdown.ts'
import type { Mode, PageResult } from './result.ts'

const HERE = fileURLToPath(new URL('.', import.meta.url))
const REPO = resolve(HERE, '../..')
const PAGE_DIR = join(HERE, 'page')
const API_MODULE = join(REPO, 'src/renderer/src/api')
const API_STUB = join(PAGE_DIR, 'api-stub.ts')

const RUNS = Number(process.env.RUNS ?? 3)
const BASELINE_RUNS = Number(process.env.BASELINE_RUNS ?? 2)
const COLUMNS = 8
const TARGET_TOKENS = 1_500
const CHARS_PER_TOKEN = 4
const RUN_TIMEOUT_MS = 300_000
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const FEED = process.env.FEED === 'page' ? 'page' : 'worker'
const PROFILE = process.env.PROFILE ?? ''
const TRACE = process.env.TRACE ?? ''
const MB = 1024 * 1024

// Goals for `ours` (from the issue), and what counts as the baseline showing the problem.
const GOAL_P95_MS = 20
const GOAL_HEAP_MB = 150

/** The fewest filler words whose markdown (as the page wraps it) reaches the target length. */
function wordsForTarget(): { words: number; chars: number; deltas: number } {
  const measure = (n: number) => {
    const wrapper = new MarkdownWrapper()
    const deltas = chunkAnswer(fillerWords(n))
    const text = deltas.map((delta) => wrapper.push(delta)).join('') + wrapper.finish()
    return { words: n, chars: text.length, deltas: deltas.length }
  }
  let low = 1
  let high = 10_000
  while (low < high) {
    const mid = Math.floor((low + high) / 2)
    if (measure(mid).chars >= TARGET_TOKENS * CHARS_PER_TOKEN) high = mid
    else low = mid + 1
  }
  return measure(low)
}

/**
 * The bench build resolves the renderer's `api` module (which reaches for a transport: the preload's
 * bridge, else the web host's WebSocket) to a stub; `used` says whether it ever matched.
 */
function stubApi(): { plugin: Plugin; used: () => boolean } {
  let used = false
  const plugin: Plugin = {
    name: 'bench-stub-api',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.')) return null
      const target = resolve(importer, '..', source).replace(/\.tsx?$/, '')
      if (target !== API_MODULE) return null
      used = true
      return API_STUB
    },
  }
  return { plugin, used: () => used }
}

async function buildPage(outDir: string): Promise<void> {
  const stub = stubApi()
  await build({
    configFile: false,
    root: PAGE_DIR,
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [react(), stub.plugin],
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
      // A profile names functions only when the code keeps its names.
      minify: PROFILE === '',
    },
  })
  if (!stub.used)
    throw new Error(`the bench build never met ${API_MODULE}: how the renderer imports it changed`)
}

/** A throwaway self-signed certificate: HTTP/2 needs TLS in a browser, and HTTP/1.1 allows only six
 * connections per origin, which would queue two of the eight streams. */
function certificate(dir: string): { key: Buffer; cert: Buffer } {
  const keyPath = join(dir, 'key.pem')
  const certPath = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  )
  return { key: readFileSync(keyPath), cert: readFileSync(certPath) }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}
// Connection-level headers HTTP/2 forbids.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection'])

/** The built page, and /v1/* passed through to the fake: one origin, so no CORS. */
async function startServer(
  root: string,
  fakePort: number,
  tls: { key: Buffer; cert: Buffer },
): Promise<http2.Http2SecureServer> {
  const server = http2.createSecureServer({ ...tls, allowHTTP1: true }, (req, res) => {
    const url = new URL(req.url, 'https://127.0.0.1')
    if (url.pathname.startsWith('/v1/')) {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !name.startsWith(':')),
      )
      const upstream = http.request(
        { host: '127.0.0.1', port: fakePort, method: req.method, path: req.url, headers },
        (answer) => {
          const out = Object.fromEntries(
            Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
          )
          res.writeHead(answer.statusCode ?? 502, out)
          answer.pipe(res)
        },
      )
      upstream.on('error', () => res.destroy())
      res.on('close', () => upstream.destroy())
      req.pipe(upstream)
      return
    }
    const file = resolve(root, `.${url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)}`)
    if (!file.startsWith(root + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    res.end(readFileSync(file))
  })
  server.listen(0, '127.0.0.1')
  await new Promise<void>((done) => server.once('listening', done))
  return server
}

function isResult(value: unknown): value is PageResult {
  return typeof value === 'object' && value !== null && 'mode' in value
}

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

interface Row {
  label: string
  value: (r: PageResult) => number
  digits: number
  goal?: (ours: number) => boolean
  goalText?: string
}

const ROWS: Row[] = [
  {
    label: 'long tasks > 50 ms',
    value: (r) => r.longTasks,
    digits: 0,
    goal: (v) => v === 0,
    goalText: '== 0',
  },
  { label: 'longest task (ms)', value: (r) => r.longTaskMaxMs, digits: 0 },
  { label: 'long tasks, total (ms)', value: (r) => r.longTaskTotalMs, digits: 0 },
  { label: 'frame gap p50 (ms)', value: (r) => r.frameGapP50Ms, digits: 1 },
  {
    label: 'frame gap p95 (ms)',
    value: (r) => r.frameGapP95Ms,
    digits: 1,
    goal: (v) => v < GOAL_P95_MS,
    goalText: `< ${GOAL_P95_MS}`,
  },
  { label: 'frame gap max (ms)', value: (r) => r.frameGapMaxMs, digits: 1 },
  { label: 'frames', value: (r) => r.frames, digits: 0 },
  { label: 'first request → done (ms)', value: (r) => r.totalMs, digits: 0 },
  {
    label: 'heap at end (MB)',
    value: (r) => r.heapBytes / MB,
    digits: 1,
    goal: (v) => v < GOAL_HEAP_MB,
    goalText: `< ${GOAL_HEAP_MB}`,
  },
  {
    label: 'heap after GC (MB)',
    value: (r) => (r.heapAfterGcBytes ?? Number.NaN) / MB,
    digits: 1,
    goal: (v) => v < GOAL_HEAP_MB,
    goalText: `< ${GOAL_HEAP_MB}`,
  },
  { label: 'renders (batches / commits)', value: (r) => r.updates, digits: 0 },
  { label: 'idle frame gap p95 (ms)', value: (r) => r.idleFrameGapP95Ms, digits: 1 },
]

function printTable(results: Record<Mode, PageResult[]>): void {
  const cells: string[][] = [
    [
      'figure',
      `ours (median of ${RUNS})`,
      `baseline (median of ${BASELINE_RUNS})`,
      'baseline/ours',
      'ours: goal',
    ],
  ]
  const medians = (mode: Mode, row: Row) => median(results[mode].map(row.value))
  for (const row of ROWS) {
    const ours = medians('ours', row)
    const base = medians('baseline', row)
    const ratio =
      Number.isNaN(ours) || Number.isNaN(base)
        ? '–'
        : ours === 0
          ? base === 0
            ? '1.0x'
            : '∞'
          : `${(base / ours).toFixed(1)}x`
    const goal = row.goal ? `${row.goalText} ${row.goal(ours) ? 'met' : 'NOT met'}` : ''
    const shown = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(row.digits))
    cells.push([row.label, shown(ours), shown(base), ratio, goal])
  }
  const widths = cells[0]?.map((_, col) => Math.max(...cells.map((line) => (line[col] ?? '').length))) ?? []
  for (const [i, line] of cells.entries()) {
    console.log(
      line
        .map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
        .join('  '),
    )
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  }

  const ours = (row: Row) => medians('ours', row)
  const base = (row: Row) => medians('baseline', row)
  const [longRow, , , , p95Row, , , , heapRow, gcRow] = ROWS
  if (!longRow || !p95Row || !heapRow || !gcRow) return
  const met = [longRow, p95Row, heapRow, gcRow].every((row) => row.goal?.(ours(row)))
  const shows = base(longRow) > 0 || base(p95Row) > GOAL_P95_MS
  console.log(
    `\nours meets every goal (no long task, p95 gap < ${GOAL_P95_MS} ms, heap < ${GOAL_HEAP_MB} MB): ${met ? 'yes' : 'NO'}`,
  )
  console.log(
    `baseline shows the problem (long tasks, or p95 gap > ${GOAL_P95_MS} ms): ${shows ? 'yes' : 'NO'} ` +
      `(${base(longRow).toFixed(0)} long tasks, p95 ${base(p95Row).toFixed(1)} ms)`,
  )
}

async function main(): Promise<void> {
  const answer = wordsForTarget()
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-compare-'))
  const outDir = join(dir, 'page')
  // Without JSON Schema checks of every chunk, so the fake spends less of the two cores.
  const fake = await startFakeProvider({ validate: false })
  let server: http2.Http2SecureServer | undefined
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  })
  try {
    console.log(
      `bench/compare: ${COLUMNS} columns × #words=${answer.words} (${answer.chars} characters of markdown, ` +
        `~${Math.round(answer.chars / CHARS_PER_TOKEN)} tokens at ${CHARS_PER_TOKEN} chars/token, ` +
        `${answer.deltas} SSE deltas each), full speed; ` +
        `${RUNS} runs of ours (feed: ${FEED}) and ${BASELINE_RUNS} of the baseline, alternating; medians\n`,
    )
    const building = performance.now()
    await buildPage(outDir)
    server = await startServer(outDir, fake.port, certificate(dir))
    const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
    console.log(`page built in ${Math.round(performance.now() - building)} ms, served at ${origin}\n`)

    const results: Record<Mode, PageResult[]> = { ours: [], baseline: [] }
    const schedule: Mode[] = []
    for (let i = 0; i < Math.max(RUNS, BASELINE_RUNS); i++) {
      if (i < RUNS) schedule.push('ours')
      if (i < BASELINE_RUNS) schedule.push('baseline')
    }
    for (const mode of schedule) {
      // A fresh context and page each time: nothing carried over from the previous run.
      const context = await browser.newContext({
        ignoreHTTPSErrors: true,
        viewport: { width: 1600, height: 1000 },
      })
      try {
        const page = await context.newPage()
        const errors: string[] = []
        page.on('pageerror', (error) => errors.push(error.message))
        // PROFILE=<file>: a CPU profile of the first run of ours, to open in Chromium's DevTools.
        const profiling = PROFILE && mode === 'ours' && results.ours.length === 0
        const cdp = profiling ? await context.newCDPSession(page) : null
        // TRACE=<file>: a Chromium trace (style, layout, paint, scripts) of the first run of ours.
        const tracing = TRACE && mode === 'ours' && results.ours.length === 0
        if (tracing) await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline'] })
        if (cdp) {
          await cdp.send('Profiler.enable')
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
          await cdp.send('Profiler.start')
        }
        await page.goto(`${origin}/?mode=${mode}&words=${answer.words}&columns=${COLUMNS}&feed=${FEED}`)
        await page.waitForFunction('window.__result !== undefined', undefined, {
          timeout: RUN_TIMEOUT_MS,
          polling: 1_000,
        })
        if (tracing) {
          await browser.stopTracing()
          console.log(`Chromium trace of the first run of ours written to ${TRACE}`)
        }
        if (cdp && PROFILE) {
          const { profile } = await cdp.send('Profiler.stop')
          writeFileSync(PROFILE, JSON.stringify(profile))
          console.log(`CPU profile of the first run of ours written to ${PROFILE}`)
        }
        const result: unknown = await page.evaluate('window.__result')
        if (errors.length > 0) throw new Error(`${mode}: page error: ${errors.join('; ')}`)
        if (!isResult(result)) throw new Error(`${mode}: ${JSON.stringify(result)}`)
        if (result.apiCalls.length > 0)
          throw new Error(`${mode}: the page called api.${result.apiCalls.join(', api.')}`)
        const expected = answer.chars * COLUMNS
        if (result.chars !== expected)
          throw new Error(`${mode}: ${result.chars} characters shown, expected ${expected}`)
        results[mode].push(result)
        console.log(
          `${mode.padEnd(8)} run ${results[mode].length}: ${result.longTasks} long tasks (max ${result.longTaskMaxMs.toFixed(0)} ms), ` +
            `frame gap p95 ${result.frameGapP95Ms.toFixed(1)} ms, ${result.totalMs.toFixed(0)} ms, ` +
            `heap ${(result.heapBytes / MB).toFixed(1)} MB (${((result.heapAfterGcBytes ?? Number.NaN) / MB).toFixed(1)} after GC), ` +
            `${result.tokens} tokens, ` +
            `${result.updates} ${mode === 'ours' ? 'batches' : 'commits'}, ${result.streamsAtOnce} streams read at once`,
        )
      } finally {
        await context.close()
      }
    }
    console.log('')
    printTable(results)
  } finally {
    await browser.close()
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()))
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
