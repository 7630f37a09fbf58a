// The bench page (built and driven by ../run.ts). `?mode=ours` renders the app's own side-by-side
// columns fed from the store the way the main process feeds it: deltas gathered by the main process's
// TextCoalescer and handed over about once a frame per stream as StreamBatch objects. By default a
// worker plays the main process (fetch, SSE, coalescing, one message per batch, like IPC);
// `&feed=page` does the same on the page's own thread. `?mode=baseline` is the naive way: the page
// parses the SSE itself, each column keeps its whole text in React state, sets it on every token and
// remounts the same Markdown component each time, so the whole message is parsed and rendered again
// per token. Both stream 8 concurrent fetches and measure the same things.

// zod must be configured before any schema is built (as in the preload), should this page load one.
import '../../../src/shared/zod-jitless'
import { type ReactNode, useLayoutEffect, useState } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { CompareColumnView } from '../../../src/renderer/src/compare/CompareColumn'
import { Markdown } from '../../../src/renderer/src/components/Markdown'
import { useChatStore } from '../../../src/renderer/src/store'
import { chatMessage } from '../../../src/shared/message-fixture'
import type { ChatMessage, StreamBatch } from '../../../src/shared/types'
import '../../../src/renderer/src/styles.css'
import { MarkdownWrapper } from '../markdown'
import type { Mode, PageResult } from '../result'
import { apiCalls } from './api-stub'
import {
  batchingSink,
  type FeedMessage,
  type FeedRequest,
  mostAtOnce,
  type Sink,
  type StreamTimes,
  stream,
  streamProtocols,
} from './sse'

declare global {
  interface Window {
    __result?: PageResult | { error: string }
  }
}

const params = new URLSearchParams(window.location.search)
const mode: Mode = params.get('mode') === 'baseline' ? 'baseline' : 'ours'
const words = Number(params.get('words') ?? '700')
const columns = Number(params.get('columns') ?? '8')
const feed = params.get('feed') === 'page' ? 'page' : 'worker'
const CHAT_ID = 'bench-chat'
const QUESTION_ID = 'bench-question'

// Long tasks are observed from the start; only those inside the measured window are counted.
const longTasks: PerformanceEntry[] = []
const observer = new PerformanceObserver((list) => {
  longTasks.push(...list.getEntries())
})
observer.observe({ type: 'longtask', buffered: true })

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/** Each read of performance.memory is a snapshot of that moment: read it afresh every time. */
function usedHeap(): number {
  return (
    (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
    Number.NaN
  )
}

function gaps(stamps: number[]): number[] {
  return stamps.slice(1).map((stamp, i) => stamp - (stamps[i] ?? stamp))
}

/** Characters of markdown handed to the columns, summed over them. */
let streamedChars = 0
function counted(text: string): string {
  streamedChars += text.length
  return text
}

// ---- ours: the app's store and CompareColumnView -------------------------------------------------

const answerIds = Array.from({ length: columns }, (_, i) => `bench-answer-${i + 1}`)
let batches = 0

function message(id: string, fields: Partial<ChatMessage>): ChatMessage {
  const now = Date.now()
  return chatMessage({
    id,
    chatId: CHAT_ID,
    parentId: null,
    provider: 'fake',
    model: 'fake-small',
    target: { providerId: 'fake', model: 'fake-small' },
    progress: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  })
}

function setUpStore(): void {
  const now = Date.now()
  const messages: Record<string, ChatMessage> = {
    [QUESTION_ID]: message(QUESTION_ID, {
      role: 'user',
      content: 'Write a long answer.',
      status: 'complete',
      provider: null,
      model: null,
      target: null,
    }),
  }
  answerIds.forEach((id, slot) => {
    messages[id] = message(id, { parentId: QUESTION_ID, slot })
  })
  useChatStore.setState({
    chats: [
      {
        id: CHAT_ID,
        title: 'Compare bench',
        empty: false,
        pinnedAt: null,
        expiresAt: null,
        createdAt: now,
        updatedAt: now,
      },
    ],
    currentChatId: CHAT_ID,
    view: 'chat',
    messageIds: [QUESTION_ID],
    messages,
    siblings: {},
    compare: {
      questionId: QUESTION_ID,
      separate: false,
      columns: answerIds.map((id) => ({ answerId: id, messageIds: [id] })),
    },
    compareSettings: {
      targets: answerIds.map(() => ({ providerId: 'fake', model: 'fake-small' })),
      layout: 'columns',
      syncScroll: false,
      blind: false,
    },
  })
}

function OursBoard() {
  const compare = useChatStore((state) => state.compare)
  if (!compare) return null
  return (
    <Shell>
      {compare.columns.map((column) => (
        <CompareColumnView key={column.answerId} column={column} blindName={null} />
      ))}
    </Shell>
  )
}

function receive(batch: StreamBatch): void {
  batches++
  useChatStore.getState().receive(batch)
}

/** `feed=page`: the streams read, and their batches made, on the page's own thread. */
async function feedOnPage(onFirstByte: () => void): Promise<StreamTimes[]> {
  const sinks = answerIds.map((id) => batchingSink(CHAT_ID, id, receive, counted))
  return Promise.all(sinks.map((sink, i) => stream(i, words, sink, onFirstByte)))
}

/** `feed=worker`: the streams read, and their batches made, by a worker, as by the main process. */
function feedFromWorker(
  worker: Worker,
  onFirstByte: () => void,
): { times: Promise<StreamTimes[]>; protocols: Promise<string[]> } {
  let protocols: (value: string[]) => void = () => {}
  const times = new Promise<StreamTimes[]>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FeedMessage>) => {
      const message = event.data
      if (message.type === 'first-byte') onFirstByte()
      else if (message.type === 'batch') receive(message.batch)
      else if (message.type === 'done') {
        streamedChars += message.chars
        resolve(message.times)
      } else if (message.type === 'protocols') {
        protocols(message.protocols)
        worker.terminate()
      } else reject(new Error(message.message))
    }
    worker.onerror = (event) => reject(new Error(`feed worker: ${event.message}`))
  })
  const request: FeedRequest = { chatId: CHAT_ID, answerIds, words }
  worker.postMessage(request)
  return { times, protocols: new Promise((resolve) => (protocols = resolve)) }
}

// ---- baseline: whole text in React state, set (and rendered) on every token ----------------------

interface NaiveState {
  text: string
  tokens: number
  done: boolean
}
type NaiveUpdate = (state: NaiveState) => NaiveState
const naiveSetters: ((update: NaiveUpdate) => void)[] = []
/** The text each column rendered last. */
const naiveTexts: string[] = []
let commits = 0

function NaiveColumn({ index }: { index: number }) {
  const [state, setState] = useState<NaiveState>({ text: '', tokens: 0, done: false })
  naiveSetters[index] = setState
  useLayoutEffect(() => {
    commits++
    naiveTexts[index] = state.text
  })
  const status = state.done ? 'complete' : 'streaming'
  return (
    <section className={`compare-column status-${status}`} aria-label={`fake-small ${index + 1}`}>
      <header className="compare-column-header">
        <div className="compare-column-title">
          <strong>fake-small</strong>
          <span className={`badge badge-${status}`}>{state.done ? 'Done' : 'Answering…'}</span>
        </div>
        <div className="compare-column-stats">~{Math.ceil(state.text.length / 4)} tokens</div>
      </header>
      <div className="compare-column-body">
        <div className="column-message column-message-assistant">
          {state.text.length > 0 && (
            // A new key per token: nothing is kept, the whole message is parsed and rendered afresh.
            <Markdown key={state.tokens} text={state.text} streaming={!state.done} incomplete={!state.done} />
          )}
        </div>
      </div>
    </section>
  )
}

function BaselineBoard() {
  return (
    <Shell>
      {answerIds.map((id, index) => (
        <NaiveColumn key={id} index={index} />
      ))}
    </Shell>
  )
}

function baselineSink(index: number): Sink {
  const wrapper = new MarkdownWrapper()
  // flushSync: one render per token, as the issue describes (React would otherwise batch the
  // setState calls of one network read into a single render).
  const apply = (update: NaiveUpdate) => flushSync(() => naiveSetters[index]?.(update))
  return {
    delta(text) {
      const append = counted(wrapper.push(text))
      apply((state) => ({ text: state.text + append, tokens: state.tokens + 1, done: false }))
    },
    end() {
      const tail = counted(wrapper.finish())
      apply((state) => ({ text: state.text + tail, tokens: state.tokens + 1, done: true }))
    },
  }
}

// ---- both ------------------------------------------------------------------------------------------

/** The app's layout around a side-by-side turn (App → .thread → MessageList → CompareView). */
function Shell({ children }: { children: ReactNode }) {
  return (
    <main className="thread" style={{ height: '100%' }}>
      <div className="message-list">
        <section className="compare" aria-label="Answers side by side">
          <div className="compare-board compare-columns">{children}</div>
        </section>
      </div>
    </main>
  )
}

function shownChars(): number {
  if (mode === 'ours') {
    const { messages } = useChatStore.getState()
    let chars = 0
    for (const id of answerIds) {
      const answer = messages[id]
      if (answer?.status !== 'complete')
        throw new Error(`${id} is ${answer?.status ?? 'missing'}, not complete`)
      chars += answer.content.length
    }
    return chars
  }
  return naiveTexts.reduce((sum, text) => sum + text.length, 0)
}

async function run(): Promise<PageResult> {
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html lost its #root element')
  if (mode === 'ours') setUpStore()
  createRoot(root).render(mode === 'ours' ? <OursBoard /> : <BaselineBoard />)
  // Started (and its script loaded) before anything is measured.
  const worker =
    mode === 'ours' && feed === 'worker'
      ? new Worker(new URL('./feed-worker.ts', import.meta.url), { type: 'module' })
      : null
  await nextFrame()
  await sleep(300)

  // What a frame gap looks like here with nothing to do.
  const idle: number[] = []
  for (let i = 0; i < 30; i++) idle.push(await nextFrame())

  const stamps: number[] = []
  let measuring = true
  const tick = (stamp: number) => {
    if (!measuring) return
    stamps.push(stamp)
    requestAnimationFrame(tick)
  }
  let firstByte: number | null = null
  const onFirstByte = () => {
    if (firstByte !== null) return
    firstByte = performance.now()
    requestAnimationFrame(tick)
  }

  const started = performance.now()
  let times: StreamTimes[]
  let protocols: Promise<string[]> | null = null
  if (mode === 'baseline') {
    times = await Promise.all(answerIds.map((_, i) => stream(i, words, baselineSink(i), onFirstByte)))
  } else if (!worker) {
    times = await feedOnPage(onFirstByte)
  } else {
    const fed = feedFromWorker(worker, onFirstByte)
    protocols = fed.protocols
    times = await fed.times
  }
  // Until what the last batch changed is on screen: the page may draw what arrived over several
  // frames, so the measurement runs until every column shows its answer complete, then one frame more.
  const allShown = () =>
    [...document.querySelectorAll('.compare-column')].every((column) =>
      column.classList.contains('status-complete'),
    )
  const giveUpAt = performance.now() + 30_000
  while (!allShown() && performance.now() < giveUpAt) await nextFrame()
  await nextFrame()
  measuring = false
  const ended = performance.now()
  await sleep(100)
  longTasks.push(...observer.takeRecords())

  for (const column of document.querySelectorAll('.compare-column')) {
    if (!column.classList.contains('status-complete')) throw new Error(`${column.ariaLabel} did not finish`)
  }
  const chars = shownChars()
  if (chars !== streamedChars) throw new Error(`${chars} characters shown, ${streamedChars} streamed`)
  const rendered = document.querySelectorAll('.compare-column .markdown')
  if (rendered.length !== columns) throw new Error(`${rendered.length} of ${columns} columns show markdown`)
  // HTTP/1.1 would allow only six connections to this origin and queue the other streams.
  const used = protocols ? await protocols : streamProtocols()
  if (used.length !== columns || used.some((protocol) => protocol !== 'h2'))
    throw new Error(`the streams did not all come over HTTP/2: ${used.join(', ')}`)

  const inWindow = longTasks.filter((t) => t.startTime + t.duration >= started && t.startTime <= ended)
  const frameGaps = gaps(stamps)
  const heapBytes = usedHeap()
  const gc = (globalThis as { gc?: () => void }).gc
  let heapAfterGcBytes: number | null = null
  if (gc) {
    gc()
    await sleep(50)
    gc()
    heapAfterGcBytes = usedHeap()
  }
  return {
    mode,
    feed: mode === 'ours' ? feed : 'page',
    columns,
    longTasks: inWindow.length,
    longTaskMaxMs: Math.max(0, ...inWindow.map((t) => t.duration)),
    longTaskTotalMs: inWindow.reduce((sum, t) => sum + t.duration, 0),
    frames: stamps.length,
    frameGapP50Ms: percentile(frameGaps, 50),
    frameGapP95Ms: percentile(frameGaps, 95),
    frameGapMaxMs: Math.max(0, ...frameGaps),
    idleFrameGapP95Ms: percentile(gaps(idle), 95),
    totalMs: ended - started,
    streamingMs: ended - (firstByte ?? started),
    heapBytes,
    heapAfterGcBytes,
    tokens: times.reduce((sum, t) => sum + t.tokens, 0),
    chars,
    updates: mode === 'ours' ? batches : commits,
    streamsAtOnce: mostAtOnce(times),
    apiCalls,
  }
}

run().then(
  (result) => {
    window.__result = result
  },
  (error: unknown) => {
    window.__result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  },
)
