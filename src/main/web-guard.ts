// The guards in front of any HTTP server of ours on loopback (the web host today, a local API gateway
// tomorrow): who may call (Host, Origin, token), how long a connection may take or idle, how many a
// client may hold before proving itself, and how much of a body is read and parsed.
import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { TOKEN_PROTOCOL_PREFIX } from '../shared/web-auth'

export type Verdict = 'ok' | 'bad-host' | 'bad-origin' | 'no-token'

/**
 * Host must be ours (DNS rebinding), Origin, when a browser sends one, must be ours (other sites), and
 * the token presented must match. The token is only ever read from where the caller put it on purpose:
 * never from a cookie, which the browser would also send to any other server on this machine.
 */
export function checkAccess(
  request: IncomingMessage,
  allowedHosts: ReadonlySet<string>,
  token: string,
  presented: string | null,
): Verdict {
  const place = checkPlace(request, allowedHosts)
  if (place !== 'ok') return place
  return presented !== null && sameSecret(presented, token) ? 'ok' : 'no-token'
}

/** Host and Origin only: for what anyone on this machine may load, such as the page itself. */
export function checkPlace(
  request: IncomingMessage,
  allowedHosts: ReadonlySet<string>,
): Exclude<Verdict, 'no-token'> {
  if (!allowedHosts.has(request.headers.host ?? '')) return 'bad-host'
  const origin = request.headers.origin
  if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return 'bad-origin'
  return 'ok'
}

export function bearerToken(request: IncomingMessage): string | null {
  const authorization = request.headers.authorization
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : null
}

/** The token a WebSocket offered as a subprotocol (a browser cannot set headers on a WebSocket). */
export function protocolToken(request: IncomingMessage): string | null {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
  const entry = offered.find((protocol) => protocol.startsWith(TOKEN_PROTOCOL_PREFIX))
  return entry ? entry.slice(TOKEN_PROTOCOL_PREFIX.length) : null
}

function sameSecret(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export interface ConnectionLimits {
  /** Whole request headers must arrive within this (slow-header clients). */
  headersTimeoutMs: number
  /** A whole request, body included. */
  requestTimeoutMs: number
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number
  /** Connections not yet shown the token, per client address; past it the oldest is closed. */
  maxUntrustedPerClient: number
  /** The same across all clients (127.0.0.0/8 offers a process many addresses). */
  maxUntrusted: number
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxUntrustedPerClient: 32,
  maxUntrusted: 256,
}

/**
 * Keeps a local process from locking the page out by holding sockets open: every connection must send
 * its headers in time, idle ones are closed, and a client can hold only a few connections that have not
 * yet shown the token. A new one closes the oldest of those, so the page always gets through.
 */
export class ConnectionGuard {
  private readonly untrusted = new Map<string, Set<Socket>>()
  private readonly allUntrusted = new Set<Socket>()
  private readonly trusted = new WeakSet<Socket>()
  private readonly clients = new WeakMap<Socket, string>()
  readonly server: Server

  private readonly limits: ConnectionLimits

  constructor(limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS) {
    // A cap of 0 would evict forever; every limit is at least 1.
    this.limits = Object.fromEntries(
      Object.entries(limits).map(([name, value]) => [name, Math.max(1, Math.floor(value))]),
    ) as unknown as ConnectionLimits
    // Node checks the header and request timeouts only this often (30 s by default).
    const server = createServer({
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, this.limits.headersTimeoutMs / 2)),
    })
    this.server = server
    server.headersTimeout = this.limits.headersTimeoutMs
    server.requestTimeout = this.limits.requestTimeoutMs
    server.keepAliveTimeout = this.limits.keepAliveTimeoutMs
    server.on('connection', (socket: Socket) => this.admit(socket))
    // From its first request on, a connection is timed by Node's request and keep-alive timeouts.
    server.on('request', (request: IncomingMessage) => request.socket.setTimeout(0))
  }

  /** Called once a request on this socket showed the token: it no longer counts against the cap. */
  trust(socket: Socket): void {
    if (this.trusted.has(socket)) return
    this.trusted.add(socket)
    this.forget(socket)
  }

  /** How many connections the client holds without having shown the token (for tests and logs). */
  untrustedCount(client: string): number {
    return this.untrusted.get(client)?.size ?? 0
  }

  private admit(socket: Socket): void {
    // A socket that never sends a byte is covered by no request timeout of Node's.
    socket.setTimeout(this.limits.headersTimeoutMs)
    socket.once('timeout', () => socket.destroy())
    const client = socket.remoteAddress ?? 'unknown'
    this.clients.set(socket, client)
    let sockets = this.untrusted.get(client)
    if (!sockets) {
      sockets = new Set()
      this.untrusted.set(client, sockets)
    }
    while (sockets.size >= this.limits.maxUntrustedPerClient) this.evict(sockets)
    while (this.allUntrusted.size >= this.limits.maxUntrusted) this.evict(this.allUntrusted)
    sockets.add(socket)
    this.allUntrusted.add(socket)
    socket.once('close', () => this.forget(socket))
  }

  /** Closes the oldest socket of a set (sets keep insertion order). */
  private evict(sockets: Set<Socket>): void {
    const oldest = sockets.values().next().value as Socket
    this.forget(oldest)
    oldest.destroy()
  }

  private forget(socket: Socket): void {
    this.allUntrusted.delete(socket)
    // Read at admission: a closed socket no longer knows its remote address.
    const client = this.clients.get(socket) ?? 'unknown'
    const set = this.untrusted.get(client)
    set?.delete(socket)
    if (set?.size === 0) this.untrusted.delete(client)
  }
}

// A refused request with a body at most this big is read (and dropped) so the client sees the answer
// cleanly; anything larger, or of unknown size, is not read at all.
const DRAIN_LIMIT_BYTES = 16 * 1024

/** Answers and closes the connection without reading a body worth reading. */
export function answerAndClose(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  const length = Number(request.headers['content-length'] ?? 0)
  const small = request.headers['transfer-encoding'] === undefined && length <= DRAIN_LIMIT_BYTES
  response.shouldKeepAlive = false
  if (small) request.resume()
  else response.once('finish', () => request.socket.destroy())
  sendJson(response, status, body)
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  response.end(text)
}

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
