// How long a connection may take or idle, and how many a client may hold before it shows the token.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { Socket } from 'node:net'

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
  private readonly firstRequestTimers = new WeakMap<Socket, NodeJS.Timeout>()
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
    // From its first complete request (or upgrade) on, a connection is timed by Node's request and
    // keep-alive timeouts, or belongs to the WebSocket.
    const started = (request: IncomingMessage) => this.started(request.socket)
    server.on('request', started)
    server.on('upgrade', started)
  }

  private started(socket: Socket): void {
    const timer = this.firstRequestTimers.get(socket)
    if (timer) clearTimeout(timer)
    this.firstRequestTimers.delete(socket)
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
    // Its first request's headers must be in within the limit, whether it sends nothing at all (no
    // timeout of Node's covers that) or drips them. A plain timer: inactivity timers reset on every byte.
    const timer = setTimeout(() => socket.destroy(), this.limits.headersTimeoutMs)
    timer.unref()
    this.firstRequestTimers.set(socket, timer)
    socket.once('close', () => this.started(socket))
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
