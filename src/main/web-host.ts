// The app's core behind HTTP and a WebSocket for a browser: the built renderer, the contract's calls
// as POST /api/call/<name>, and its events over /api/events. Loopback only. The page and its scripts
// hold nothing private and are served to any local caller; every call and the event socket must show
// the per-start token (see shared/web-auth.ts for how, and web-guard.ts for the limits).
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { WebSocket, WebSocketServer } from 'ws'
import {
  calls,
  type EventName,
  type EventPayload,
  type EventSink,
  type Handlers,
  isCallName,
} from '../shared/contract'
import { EVENTS_PROTOCOL } from '../shared/web-auth'
import { dispatchCall } from './core/dispatch'
import { log } from './core/log/log'
import {
  answerAndClose,
  BodyBudget,
  BodyError,
  type BodyProblem,
  bearerToken,
  ConnectionGuard,
  type ConnectionLimits,
  checkAccess,
  checkPlace,
  DEFAULT_CONNECTION_LIMITS,
  protocolToken,
  readJsonBody,
  sendJson,
  type Verdict,
} from './web-guard'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

// No input of ours nests deeper than a few levels; deep arrays cost far more to parse than their bytes.
const MAX_JSON_DEPTH = 32
// Request bodies held in memory at once, across all calls (the largest single call is about 6 MB).
const BODY_BUDGET_BYTES = 32 * 1024 * 1024
// A page has one event socket; a few tabs, a few more.
const MAX_EVENT_SOCKETS = 16

const BODY_PROBLEMS: Record<BodyProblem, { status: number; message: string }> = {
  'too-large': { status: 413, message: 'That is too much text to send at once.' },
  'too-deep': { status: 400, message: 'The request nests too deeply to be one of Roundtable’s.' },
  'not-json': { status: 400, message: 'The request was not valid JSON.' },
  busy: { status: 503, message: 'Roundtable is busy reading other requests. Try again in a moment.' },
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export interface WebHostOptions {
  handlers: Handlers
  /** The built renderer (out/renderer). */
  staticDir: string
  port: number
  /** Fixed in tests; random otherwise. */
  token?: string
  /** Tests shorten these; the defaults suit a person's browser. */
  connectionLimits?: Partial<ConnectionLimits>
}

export interface WebHost extends EventSink {
  url: string
  port: number
  token: string
  /** Connections a client holds without having shown the token (the lock-out guard's view). */
  untrustedConnections(client: string): number
  close(): Promise<void>
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const guard = new ConnectionGuard({ ...DEFAULT_CONNECTION_LIMITS, ...options.connectionLimits })
  const { server } = guard
  const budget = new BodyBudget(BODY_BUDGET_BYTES)
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // Answer with our protocol name, never by echoing the token back.
    handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  })
  let port = options.port

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = requestURL(request)
    if (!url) return answerAndClose(request, response, 400, { error: 'Bad address.' })
    if (url.pathname.startsWith('/api/')) {
      const verdict = checkAccess(request, allowedHosts(), token, bearerToken(request))
      if (verdict !== 'ok') return refuse(request, response, verdict)
      guard.trust(request.socket)
      return void handleApi(request, response, url).catch((error) => failInternally(response, error))
    }
    // The page itself: anyone on this machine may load it (it holds no data), but only by our own name.
    const verdict = checkPlace(request, allowedHosts())
    if (verdict !== 'ok') return refuse(request, response, verdict)
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return answerAndClose(request, response, 405, { error: 'Not allowed.' })
    return void serveStatic(response, options.staticDir, url.pathname).catch((error) =>
      failInternally(response, error),
    )
  })

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!url.pathname.startsWith('/api/call/'))
      return answerAndClose(request, response, 404, { error: 'Not found.' })
    if (request.method !== 'POST') return answerAndClose(request, response, 405, { error: 'Use POST.' })
    // A cross-site form cannot send JSON with this content type without a preflight, which we never allow.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return answerAndClose(request, response, 415, { error: 'Send JSON.' })
    }
    const name = safeDecode(url.pathname.slice('/api/call/'.length))
    if (name === null) return answerAndClose(request, response, 400, { error: 'Bad call name.' })
    let body: unknown
    try {
      body = await readJsonBody(request, {
        maxBytes: isCallName(name) ? calls[name].maxBytes : 1024,
        maxDepth: MAX_JSON_DEPTH,
        budget,
      })
    } catch (error) {
      if (!(error instanceof BodyError)) throw error
      const { status, message } = BODY_PROBLEMS[error.problem]
      return answerAndClose(request, response, status, {
        ok: false,
        error: { code: 'invalid-input', message },
      })
    }
    const input = typeof body === 'object' && body !== null ? (body as { input?: unknown }).input : undefined
    sendJson(response, 200, await dispatchCall(options.handlers, name, input))
  }

  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const url = requestURL(request)
    const verdict: Verdict = url
      ? checkAccess(request, allowedHosts(), token, protocolToken(request))
      : 'bad-host'
    const refusal =
      verdict === 'no-token'
        ? '401 Unauthorized'
        : verdict !== 'ok'
          ? '403 Forbidden'
          : url?.pathname !== '/api/events'
            ? '404 Not Found'
            : sockets.clients.size >= MAX_EVENT_SOCKETS
              ? '503 Service Unavailable'
              : null
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    guard.trust(request.socket)
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // The page only listens; anything it sends is ignored.
      ws.on('message', () => {})
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    untrustedConnections: (client) => guard.untrustedCount(client),
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      const frame = JSON.stringify({ event, payload })
      for (const client of sockets.clients) {
        if (client.readyState === WebSocket.OPEN) client.send(frame)
      }
    },
    close: () => closeServer(server, sockets),
  }
}

function refuse(request: IncomingMessage, response: ServerResponse, verdict: Exclude<Verdict, 'ok'>): void {
  const message = {
    'bad-host': 'This address is not served here.',
    'bad-origin': 'Requests from other sites are refused.',
    'no-token': 'Open Roundtable with the address it printed when it started (it carries a token).',
  }[verdict]
  answerAndClose(request, response, verdict === 'no-token' ? 401 : 403, { error: message })
}

async function serveStatic(response: ServerResponse, root: string, pathname: string): Promise<void> {
  const decoded = safeDecode(pathname)
  if (decoded === null) return sendJson(response, 400, { error: 'Bad address.' })
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  if (!file.startsWith(root + sep) && file !== root) return sendJson(response, 404, { error: 'Not found.' })
  let info = await stat(file).catch(() => null)
  if (!info || info.isDirectory()) {
    // The app has one page; any other path that is not a file is the page itself.
    if (extname(relative) !== '') return sendJson(response, 404, { error: 'Not found.' })
    file = join(root, 'index.html')
    info = await stat(file).catch(() => null)
    if (!info) return sendJson(response, 500, { error: 'The renderer is not built. Run `npm run build`.' })
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
  response.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(type.startsWith('text/html') && { 'Content-Security-Policy': CONTENT_SECURITY_POLICY }),
  })
  createReadStream(file).pipe(response)
}

/** Null when the request target cannot be parsed (`//host:99999`), which `new URL` would throw on. */
function requestURL(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1')
  } catch {
    return null
  }
}

/** Null for a malformed percent-encoding (`/100%`), which decodeURIComponent would throw on. */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

/** The last line of defence: a failure in one request must not take the web host down. */
function failInternally(response: ServerResponse, error: unknown): void {
  // A client that went away mid-upload is not a failure of ours: one line, no stack.
  const gone = (error as { code?: string }).code === 'ECONNRESET' || (error as Error).message === 'aborted'
  if (gone) log.warn('a client closed its connection mid-request')
  else log.error('web host request failed:', error)
  if (!response.headersSent) sendJson(response, 500, { error: 'Something went wrong inside Roundtable.' })
  else response.destroy()
}

function closeServer(server: Server, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate()
  sockets.close()
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}
