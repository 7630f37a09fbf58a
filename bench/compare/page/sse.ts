// Reading the fake provider's streamed chat completions, shared by the page and the feed worker.
import { TextCoalescer } from '../../../src/main/core/chat/text-coalescer'
import type { StreamBatch, StreamFinal } from '../../../src/shared/types'
import { MarkdownWrapper } from '../markdown'

/** Where one stream's text goes, delta by delta. */
export interface Sink {
  delta(text: string): void
  end(): void
}

export interface StreamTimes {
  /** SSE content deltas received. */
  tokens: number
  firstByte: number
  end: number
}

/** One streamed chat completion, its SSE parsed as it comes. */
export async function stream(
  index: number,
  words: number,
  sink: Sink,
  onFirstByte: () => void,
): Promise<StreamTimes> {
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      model: 'fake-small',
      stream: true,
      messages: [{ role: 'user', content: `Column ${index + 1}: a long answer, please. #words=${words}` }],
    }),
  })
  if (!response.ok || !response.body) throw new Error(`column ${index + 1}: HTTP ${response.status}`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  let tokens = 0
  let firstByte = Number.NaN
  let done = false
  while (!done) {
    const read = await reader.read()
    if (read.done) break
    if (Number.isNaN(firstByte)) {
      firstByte = performance.now()
      onFirstByte()
    }
    buffer += read.value
    for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
      const event = buffer.slice(0, cut)
      buffer = buffer.slice(cut + 2)
      for (const line of event.split('\n')) {
        if (!line.startsWith('data:')) continue
        const data = line.slice(5).trim()
        if (data === '[DONE]') {
          done = true
          continue
        }
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string | null } }[] }
        const content = chunk.choices?.[0]?.delta?.content
        if (content) {
          tokens++
          sink.delta(content)
        }
      }
    }
  }
  if (!done) throw new Error(`column ${index + 1}: the stream ended without [DONE]`)
  sink.end()
  return { tokens, firstByte, end: performance.now() }
}

/** The most streams being read at the same moment. */
export function mostAtOnce(times: StreamTimes[]): number {
  let most = 0
  for (const t of times)
    most = Math.max(most, times.filter((o) => o.firstByte <= t.firstByte && o.end > t.firstByte).length)
  return most
}

/** The main process's emit interval (ChatService's default emitIntervalMs). */
const EMIT_INTERVAL_MS = 16

/**
 * As the main process's ChatService does for the page: the stream's text (wrapped into markdown)
 * gathered by a TextCoalescer and handed on about once a frame as StreamBatch objects with offsets,
 * the last one carrying `final`. `counted` sees every character handed on.
 */
export function batchingSink(
  chatId: string,
  messageId: string,
  deliver: (batch: StreamBatch) => void,
  counted: (text: string) => string,
): Sink {
  const wrapper = new MarkdownWrapper()
  const startedAt = performance.now()
  let firstTokenMs: number | null = null
  let emitted = 0
  const send = (append: string, final?: StreamFinal) => {
    const batch: StreamBatch = { chatId, messageId, offset: emitted, append, ...(final && { final }) }
    emitted += append.length
    deliver(batch)
  }
  const coalescer = new TextCoalescer((text) => send(text), { intervalMs: EMIT_INTERVAL_MS, leading: true })
  return {
    delta(text) {
      firstTokenMs ??= Math.round(performance.now() - startedAt)
      coalescer.push(counted(wrapper.push(text)))
    },
    end() {
      send(coalescer.take() + counted(wrapper.finish()), {
        status: 'complete',
        error: null,
        errorKind: null,
        finishReason: 'stop',
        provider: 'fake',
        model: 'fake-small',
        tokensIn: null,
        tokensOut: null,
        firstTokenMs,
        durationMs: Math.round(performance.now() - startedAt),
      })
    },
  }
}

/** What the page asks the feed worker to stream. */
export interface FeedRequest {
  chatId: string
  answerIds: string[]
  words: number
}

/** What the feed worker says back, in order: first-byte once, the batches, then done (or error). */
export type FeedMessage =
  | { type: 'first-byte' }
  | { type: 'batch'; batch: StreamBatch }
  | { type: 'done'; times: StreamTimes[]; chars: number }
  | { type: 'error'; message: string }
  /** A moment after done, once the browser has timed the requests. */
  | { type: 'protocols'; protocols: string[] }

/** The protocol each chat completion came over, as this context's resource timing saw it. */
export function streamProtocols(): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.endsWith('/v1/chat/completions'))
    .map((entry) => (entry as PerformanceResourceTiming).nextHopProtocol)
}
