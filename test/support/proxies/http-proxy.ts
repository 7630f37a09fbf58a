// A tiny HTTP proxy for tests, on 127.0.0.1: forwards absolute-form requests (GET http://host/...)
// and tunnels CONNECT host:port. It records what it was asked for, can demand Basic credentials, and
// can map host names to addresses (so a test can name a host only the proxy can reach).
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect as netConnect, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'

export interface HttpProxyOptions {
  /** When set, requests without these Basic credentials get 407. */
  auth?: { username: string; password: string }
  /** Maps the host a client asked for to the address the proxy connects to. */
  resolve?: (host: string) => string
}

export interface RunningHttpProxy {
  /** http://127.0.0.1:PORT, without credentials. */
  url: string
  port: number
  /** Every request it accepted: `CONNECT host:port` or `GET http://host:port/path`. */
  targets: string[]
  /** How many requests it refused with 407. */
  authFailures: number
  close(): Promise<void>
}

const HOP_BY_HOP = new Set([
  'proxy-authorization',
  'proxy-connection',
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'upgrade',
])

function splitAuthority(authority: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(authority)
  if (!m) return null
  return { host: (m[1] ?? m[2] ?? '').toLowerCase(), port: Number(m[3]) }
}

export async function startHttpProxy(options: HttpProxyOptions = {}): Promise<RunningHttpProxy> {
  const resolve = options.resolve ?? ((host: string) => host)
  const sockets = new Set<Duplex>()
  const track = (socket: Duplex) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  }
  const expected = options.auth
    ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`
    : null
  const authorized = (headers: IncomingHttpHeaders) =>
    expected === null || headers['proxy-authorization'] === expected

  const state = { targets: [] as string[], authFailures: 0 }

  const server = createServer((req, res) => {
    if (!authorized(req.headers)) {
      state.authFailures++
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', 'content-type': 'text/plain' })
      res.end('proxy authentication required')
      return
    }
    let target: URL
    try {
      target = new URL(req.url ?? '')
      if (target.protocol !== 'http:') throw new Error('not absolute-form http')
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' })
      res.end('this proxy wants absolute-form http:// request targets')
      return
    }
    state.targets.push(`${req.method} ${target.href}`)
    const headers: Record<string, string | string[]> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value
    }
    const hostname = target.hostname.replace(/^\[|\]$/g, '')
    const upstream = httpRequest(
      {
        host: resolve(hostname),
        port: Number(target.port || 80),
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers)
        upstreamRes.pipe(res)
      },
    )
    upstream.on('socket', track)
    upstream.on('error', (error) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' })
        res.end(`upstream failed: ${error.message}`)
      } else {
        res.destroy()
      }
    })
    req.pipe(upstream)
  })

  server.on('connection', track)

  server.on('connect', (req, client: Duplex, head: Buffer) => {
    client.on('error', () => {})
    if (!authorized(req.headers)) {
      state.authFailures++
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
      )
      return
    }
    const target = splitAuthority(req.url ?? '')
    if (!target) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n')
      return
    }
    state.targets.push(`CONNECT ${req.url}`)
    const upstream: Socket = netConnect({ host: resolve(target.host), port: target.port })
    track(upstream)
    let established = false
    upstream.once('connect', () => {
      established = true
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => {
      if (established) client.destroy()
      else client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    })
    client.on('close', () => upstream.destroy())
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolveListen())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get targets() {
      return state.targets
    },
    get authFailures() {
      return state.authFailures
    },
    close: async () => {
      const closed = new Promise<void>((done) => server.close(() => done()))
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
      await closed
    },
  }
}
