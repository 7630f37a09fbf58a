// The app's core behind HTTP and a WebSocket for a browser: the built renderer, the contract's calls
// as POST /api/call/<name>, and its events over /api/events. Loopback only, and every request must
// carry the per-start token, with Host and Origin checked so a web page cannot reach it by DNS rebinding.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { WebSocket, WebSocketServer } from 'ws'
import {
  type EventName,
  type EventPayload,
  type EventSink,
  type Handlers,
  MAX_IMPORT_CHARS,
  MAX_MESSAGE_CHARS,
} from '../shared/contract'
import { dispatchCall } from './core/dispatch'

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

// The largest input any call takes (a message or an import) in UTF-8, up to 4 bytes a character, plus
// room for the envelope.
const MAX_BODY_BYTES = Math.max(MAX_MESSAGE_CHARS, MAX_IMPORT_CHARS) * 4 + 64 * 1024

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
}

export interface WebHost extends EventSink {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const server = createServer()
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  let port = options.port

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const cookieName = () => `roundtable_token_${port}`

  function authorize(request: IncomingMessage): 'ok' | 'bad-host' | 'bad-origin' | 'no-token' {
    if (!allowedHosts().has(request.headers.host ?? '')) return 'bad-host'
    const origin = request.headers.origin
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return 'bad-origin'
    return presentedTokens(request, cookieName()).some((candidate) => sameSecret(candidate, token))
      ? 'ok'
      : 'no-token'
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = requestURL(request)
    if (!url) return sendJson(response, 400, { error: 'Bad address.' })
    const verdict = authorize(request)
    if (verdict !== 'ok') return refuse(response, verdict)
    if (url.pathname.startsWith('/api/call/')) {
      if (request.method !== 'POST') return sendJson(response, 405, { error: 'Use POST.' })
      // A cross-site form cannot send JSON with this content type without a preflight, which we never allow.
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(response, 415, { error: 'Send JSON.' })
      }
      const name = safeDecode(url.pathname.slice('/api/call/'.length))
      if (name === null) return sendJson(response, 400, { error: 'Bad call name.' })
      return void handleCall(request, response, name).catch((error) => failInternally(response, error))
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return sendJson(response, 405, { error: 'Not allowed.' })
    if (url.searchParams.get('token') === token) {
      // The token arrives once in the printed URL; from then on the page and its assets use a cookie
      // that no other site can send (SameSite=Strict) or read (HttpOnly).
      response.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`)
    }
    return void serveStatic(response, options.staticDir, url.pathname).catch((error) =>
      failInternally(response, error),
    )
  })

  async function handleCall(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    let body: unknown
    try {
      const raw = await readBody(request, MAX_BODY_BYTES)
      body = raw.length === 0 ? {} : JSON.parse(raw)
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError
      return sendJson(response, tooLarge ? 413 : 400, {
        ok: false,
        error: {
          code: 'invalid-input',
          message: tooLarge ? 'That is too much text to send at once.' : 'The request was not valid JSON.',
        },
      })
    }
    const input = typeof body === 'object' && body !== null ? (body as { input?: unknown }).input : undefined
    sendJson(response, 200, await dispatchCall(options.handlers, name, input))
  }

  server.on('upgrade', (request, socket, head) => {
    const url = requestURL(request)
    const verdict = url ? authorize(request) : 'bad-host'
    if (verdict !== 'ok' || url?.pathname !== '/api/events') {
      socket.end(
        `HTTP/1.1 ${verdict === 'no-token' ? '401 Unauthorized' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`,
      )
      return
    }
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
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      const frame = JSON.stringify({ event, payload })
      for (const client of sockets.clients) {
        if (client.readyState === WebSocket.OPEN) client.send(frame)
      }
    },
    close: () => closeServer(server, sockets),
  }
}

function presentedTokens(request: IncomingMessage, cookieName: string): string[] {
  const found: string[] = []
  const fromQuery = requestURL(request)?.searchParams.get('token')
  if (fromQuery) found.push(fromQuery)
  const authorization = request.headers.authorization
  if (authorization?.startsWith('Bearer ')) found.push(authorization.slice('Bearer '.length))
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === cookieName) found.push(value.join('='))
  }
  return found
}

function sameSecret(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function refuse(response: ServerResponse, verdict: 'bad-host' | 'bad-origin' | 'no-token'): void {
  const message = {
    'bad-host': 'This address is not served here.',
    'bad-origin': 'Requests from other sites are refused.',
    'no-token': 'Open Roundtable with the address it printed when it started (it carries a token).',
  }[verdict]
  sendJson(response, verdict === 'no-token' ? 401 : 403, { error: message })
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
  console.error('[roundtable] web host request failed:', error)
  if (!response.headersSent) sendJson(response, 500, { error: 'Something went wrong inside Roundtable.' })
  else response.destroy()
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Keep reading to the end (and drop it) so the 413 can still be written on this connection.
      if (size <= limit) chunks.push(chunk)
    })
    request.on('end', () =>
      size > limit ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks).toString('utf8')),
    )
    request.on('error', reject)
  })
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  response.end(text)
}

function closeServer(server: Server, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate()
  sockets.close()
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}
