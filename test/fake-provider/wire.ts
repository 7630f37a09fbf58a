/**
 * HTTP and server-sent-event plumbing shared by the fake's OpenAI, Azure OpenAI and Anthropic routes:
 * reading bodies, writing frames with backpressure (optionally splitting UTF-8 characters across
 * writes), and noticing promptly when a client goes away.
 */
import { once } from 'node:events'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'

// With no #delay, chunks go out back to back (each its own res.write, though the kernel may pack several
// into one packet) with a turn of the event loop every this many chunks, so aborts are noticed and
// parallel streams interleave. Yielding after every chunk made long benchmark answers ~4x slower.
export const YIELD_EVERY_CHUNKS = 32

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = []
  for await (const part of req) parts.push(part as Buffer)
  return Buffer.concat(parts).toString('utf8')
}

/** One JSON response with a content-length; does nothing once the response has started or the client left. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  if (res.destroyed || res.headersSent) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** Starts a 200 text/event-stream response and sends its headers at once. */
export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  })
  res.flushHeaders()
}

/** Aborts when the response closes — finished, or the client went away — so pending waits stop. */
export function closedSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController()
  if (res.destroyed) controller.abort()
  else res.once('close', () => controller.abort())
  return controller.signal
}

/** Waits `ms`, or one turn of the event loop for 0. False if the client left meanwhile. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    if (ms > 0) await sleep(ms, undefined, { signal })
    else await nextTurn(undefined, { signal })
    return !signal.aborted
  } catch {
    return false
  }
}

/**
 * Writes one frame, honouring backpressure. With `splitUtf8` the encoded bytes are written in slices
 * cut inside every multi-byte character, each slice on a later turn, so clients must reassemble
 * characters across reads. Returns false once the client is gone.
 */
export async function writeFrame(
  res: ServerResponse,
  text: string,
  signal: AbortSignal,
  splitUtf8: boolean,
  /** `#fault=split:<seed>`: cut every frame at random byte offsets from this generator. */
  randomCuts?: () => number,
): Promise<boolean> {
  if (signal.aborted || res.destroyed) return false
  try {
    if (!splitUtf8 && !randomCuts) {
      if (!res.write(text)) await once(res, 'drain', { signal })
      return !signal.aborted
    }
    const bytes = Buffer.from(text, 'utf8')
    const slices = randomCuts ? sliceAtRandom(bytes, randomCuts) : sliceInsideCharacters(bytes)
    for (const slice of slices) {
      if (signal.aborted || res.destroyed) return false
      res.write(slice)
      await nextTurn(undefined, { signal })
    }
    return true
  } catch {
    return false
  }
}

/** Pieces of 1 to 12 bytes: boundaries inside `data:`, inside the blank line, inside characters. */
function sliceAtRandom(bytes: Buffer, random: () => number): Buffer[] {
  const slices: Buffer[] = []
  for (let start = 0; start < bytes.length; ) {
    const size = 1 + Math.floor(random() * 12)
    slices.push(bytes.subarray(start, start + size))
    start += size
  }
  return slices
}

/** A small seeded generator (mulberry32), so a failing seed can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Cuts right after the lead byte of each multi-byte UTF-8 sequence, so every such character straddles two slices. */
function sliceInsideCharacters(bytes: Buffer): Buffer[] {
  const slices: Buffer[] = []
  let start = 0
  for (let i = 1; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0
    const previous = bytes[i - 1] ?? 0
    if ((byte & 0xc0) === 0x80 && previous >= 0xc0) {
      slices.push(bytes.subarray(start, i))
      start = i
    }
  }
  slices.push(bytes.subarray(start))
  return slices
}

/** Resolves once everything written so far has left Node for the kernel (destroy() would discard the rest). */
export async function flushed(res: ServerResponse): Promise<void> {
  // node:http corks chunked writes until the next tick; let that uncork happen first.
  await nextTurn()
  const socket = res.socket
  if (!socket || socket.destroyed || socket.writableLength === 0) return
  await new Promise<void>((resolve) => {
    socket.once('drain', resolve)
    socket.once('close', resolve)
  })
}

/** Ends a stream the way `#fault=drop` / `#fault=truncate` ask: a cut socket, or a clean but early end. */
export async function cutShort(res: ServerResponse, how: 'drop' | 'truncate'): Promise<void> {
  if (how === 'truncate') {
    res.end()
    return
  }
  // Let what was written reach the kernel first; destroy() discards anything still queued.
  await flushed(res)
  res.destroy()
}

/** The frame as a fault reshapes it: CRLF line endings, or an SSE comment line before it. */
export function shapeFrame(text: string, fault: { kind: string } | undefined): string {
  if (fault?.kind === 'crlf') return text.replace(/\n/g, '\r\n')
  if (fault?.kind === 'comments') return `: keep-alive\n\n${text}`
  return text
}
