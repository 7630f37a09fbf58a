// How much of a request body is read and parsed: per call, across calls, and how deep its JSON nests.
import type { IncomingMessage } from 'node:http'

export type BodyProblem = 'too-large' | 'too-deep' | 'not-json' | 'busy'

export class BodyError extends Error {
  constructor(readonly problem: BodyProblem) {
    super(problem)
    this.name = 'BodyError'
  }
}

/** Bytes of request bodies held in memory at once, across every request. */
export class BodyBudget {
  private used = 0
  constructor(readonly capacity: number) {}
  take(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false
    this.used += bytes
    return true
  }
  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes)
  }
}

export interface BodyLimits {
  maxBytes: number
  maxDepth: number
  budget: BodyBudget
}

/**
 * Reads a JSON body within its limit: a declared length over it is refused before reading, and an
 * undeclared one as soon as it passes it. Nesting is checked before parsing, where deep arrays would
 * cost far more memory than their bytes.
 */
export async function readJsonBody(request: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN)
  if (declared > limits.maxBytes) throw new BodyError('too-large')
  const reserve = Number.isFinite(declared) ? declared : limits.maxBytes
  if (!limits.budget.take(reserve)) throw new BodyError('busy')
  let text: string
  try {
    text = await readUpTo(request, limits.maxBytes)
  } finally {
    limits.budget.give(reserve)
  }
  if (text.length === 0) return {}
  if (exceedsDepth(text, limits.maxDepth)) throw new BodyError('too-deep')
  try {
    return JSON.parse(text)
  } catch {
    throw new BodyError('not-json')
  }
}

function readUpTo(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        request.off('data', onData)
        request.pause()
        reject(new BodyError('too-large'))
        return
      }
      chunks.push(chunk)
    }
    request.on('data', onData)
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.once('error', reject)
  })
}

/** True when arrays and objects nest deeper than `max` (brackets inside strings do not count). */
export function exceedsDepth(json: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      depth++
      if (depth > max) return true
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return false
}
