import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest'
import WebSocket from 'ws'
import {
  type CallName,
  callNames,
  type Handlers,
  MAX_IMPORT_CHARS,
  MAX_MESSAGE_CHARS,
} from '../shared/contract'
import type { StreamBatch } from '../shared/types'
import { CONTENT_SECURITY_POLICY, startWebHost, type WebHost } from './web-host'

const TOKEN = 'test-token-0123456789abcdef'
const INDEX_HTML = '<!doctype html><title>Roundtable test page</title><p>hello</p>'
const SECRET_TEXT = 'outside-the-static-dir-secret'

type FakeHandlers = Record<CallName, Mock<(input: unknown) => unknown>>

let dir: string
let staticDir: string
let handlers: FakeHandlers
let host: WebHost

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** A raw HTTP request, so the test controls every header (fetch would not let it set Host). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

function callApi(name: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(`/api/call/${name}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      origin: `http://127.0.0.1:${host.port}`,
      ...headers,
    },
    body: JSON.stringify({ input }),
  })
}

function origin(): string {
  return `http://127.0.0.1:${host.port}`
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rt-'))
  staticDir = join(dir, 'static')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML)
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")')
  writeFileSync(join(dir, 'secret.txt'), SECRET_TEXT)
  handlers = {} as FakeHandlers
  for (const name of callNames) handlers[name] = vi.fn((_input: unknown): unknown => null)
  handlers.listChats.mockReturnValue([{ id: 'c1', title: 'First', createdAt: 1, updatedAt: 2 }])
  host = await startWebHost({
    handlers: handlers as unknown as Handlers,
    staticDir,
    port: 0,
    token: TOKEN,
  })
})

afterEach(async () => {
  await host.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('startWebHost', () => {
  it('listens on a real port on loopback and prints a URL with the token', () => {
    expect(host.port).toBeGreaterThan(0)
    expect(host.token).toBe(TOKEN)
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`)
  })
})

describe('the page', () => {
  it('refuses a request without the token', async () => {
    const reply = await send('/')
    expect(reply.status).toBe(401)
    expect(reply.body).not.toContain('Roundtable test page')
  })

  it('refuses a wrong token', async () => {
    expect((await send(`/?token=${TOKEN}x`)).status).toBe(401)
    expect((await send('/?token=wrong')).status).toBe(401)
  })

  it('serves the page for the token, with a CSP and an HttpOnly, SameSite=Strict cookie', async () => {
    const reply = await send(`/?token=${TOKEN}`)
    expect(reply.status).toBe(200)
    expect(reply.body).toBe(INDEX_HTML)
    expect(reply.headers['content-type']).toContain('text/html')
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'")
    const cookies = reply.headers['set-cookie'] ?? []
    expect(cookies).toHaveLength(1)
    const cookie = cookies[0] as string
    expect(cookie).toContain(`=${TOKEN}`)
    expect(cookie).toMatch(/;\s*HttpOnly/i)
    expect(cookie).toMatch(/;\s*SameSite=Strict/i)
  })

  it('accepts the cookie alone on later requests', async () => {
    const first = await send(`/?token=${TOKEN}`)
    const pair = (first.headers['set-cookie']?.[0] ?? '').split(';')[0] as string
    expect(pair).toContain('=')
    const page = await send('/', { headers: { cookie: pair } })
    expect(page.status).toBe(200)
    expect(page.body).toBe(INDEX_HTML)
    const asset = await send('/assets/app.js', { headers: { cookie: pair } })
    expect(asset.status).toBe(200)
    expect(asset.headers['content-type']).toContain('text/javascript')
    expect(asset.body).toBe('console.log("app")')
  })

  it('does not accept a cookie carrying a wrong token', async () => {
    const reply = await send('/', { headers: { cookie: `roundtable_token_${host.port}=nope` } })
    expect(reply.status).toBe(401)
  })

  it('refuses a foreign Host header even with the token', async () => {
    const reply = await send(`/?token=${TOKEN}`, { headers: { host: `evil.example:${host.port}` } })
    expect(reply.status).toBe(403)
    expect(reply.body).not.toContain('Roundtable test page')
  })

  it('accepts localhost as the host', async () => {
    const reply = await send(`/?token=${TOKEN}`, { headers: { host: `localhost:${host.port}` } })
    expect(reply.status).toBe(200)
  })

  it('answers 404 for a missing file with an extension', async () => {
    const reply = await send(`/missing.js?token=${TOKEN}`)
    expect(reply.status).toBe(404)
  })

  it.each([
    '/..%2f..%2f..%2f..%2fetc/passwd',
    '/..%2f..%2fetc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2fetc%2fpasswd',
  ])('does not serve files outside the static directory: %s', async (path) => {
    const reply = await send(`${path}${path.includes('?') ? '&' : '?'}token=${TOKEN}`)
    expect(reply.body).not.toMatch(/root:.*:0:0:/)
    if (reply.status === 200) expect(reply.body).toBe(INDEX_HTML)
  })

  it('does not serve a sibling of the static directory', async () => {
    const reply = await send(`/..%2fsecret.txt?token=${TOKEN}`)
    expect(reply.status).not.toBe(200)
    expect(reply.body).not.toContain(SECRET_TEXT)
  })

  // A correct server answers at once; the generous limit only bounds how long a hang takes to show.
  it('answers a malformed percent-encoding in a page path with an error, not a hang', {
    timeout: 5_000,
  }, async () => {
    const reply = await send(`/%E0%A4%A?token=${TOKEN}`)
    expect(reply.status).toBeGreaterThanOrEqual(400)
    expect(reply.status).toBeLessThan(500)
    // And it still serves afterwards.
    expect((await send(`/?token=${TOKEN}`)).status).toBe(200)
  })
})

describe('the API', () => {
  it('refuses a call without the token', async () => {
    const reply = await send('/api/call/listChats', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin() },
      body: '{}',
    })
    expect(reply.status).toBe(401)
    expect(handlers.listChats).not.toHaveBeenCalled()
  })

  it('refuses a call from another origin', async () => {
    const reply = await callApi('listChats', undefined, { origin: 'http://evil.example' })
    expect(reply.status).toBe(403)
    expect(handlers.listChats).not.toHaveBeenCalled()
  })

  it('refuses an origin that only looks like ours', async () => {
    const reply = await callApi('listChats', undefined, {
      origin: `https://127.0.0.1:${host.port}.evil.example`,
    })
    expect(reply.status).toBe(403)
  })

  it('answers a call from our own origin with the handler value', async () => {
    const reply = await callApi('listChats', undefined)
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toContain('application/json')
    expect(JSON.parse(reply.body)).toEqual({
      ok: true,
      value: [{ id: 'c1', title: 'First', createdAt: 1, updatedAt: 2 }],
    })
    expect(handlers.listChats).toHaveBeenCalledTimes(1)
  })

  it('answers a call without an Origin header (not a browser cross-site request)', async () => {
    const reply = await send('/api/call/listChats', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body).ok).toBe(true)
  })

  it('passes validated input to the handler', async () => {
    handlers.renameChat.mockImplementation((input) => ({ renamed: input }))
    const reply = await callApi('renameChat', { chatId: 'c1', title: '  Trip  ' })
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { renamed: { chatId: 'c1', title: 'Trip' } } })
  })

  it('returns a validation failure as data', async () => {
    const reply = await callApi('sendMessage', { chatId: 'c1', text: '   ' })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'The message is empty.' },
    })
    expect(handlers.sendMessage).not.toHaveBeenCalled()
  })

  it('returns unknown-call for a name outside the contract', async () => {
    const reply = await callApi('nope', undefined)
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body).error.code).toBe('unknown-call')
  })

  it('refuses a body that is not declared as JSON', async () => {
    const reply = await callApi('listChats', undefined, { 'content-type': 'text/plain' })
    expect(reply.status).toBe(415)
    expect(handlers.listChats).not.toHaveBeenCalled()
  })

  it('answers a malformed percent-encoding in a call name with an error, not a hang', {
    timeout: 5_000,
  }, async () => {
    const reply = await callApi('%E0%A4%A', undefined)
    expect(reply.status).toBeGreaterThanOrEqual(400)
    expect(reply.status).toBeLessThan(500)
    expect((await callApi('listChats', undefined)).status).toBe(200)
  })

  it('refuses GET on a call', async () => {
    const reply = await send('/api/call/listChats', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(reply.status).toBe(405)
  })

  it('answers 400 for invalid JSON', async () => {
    const reply = await send('/api/call/listChats', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"input":',
    })
    expect(reply.status).toBe(400)
    expect(handlers.listChats).not.toHaveBeenCalled()
  })

  it('refuses a body over the limit with 413', async () => {
    const limit = Math.max(MAX_MESSAGE_CHARS, MAX_IMPORT_CHARS) * 4 + 64 * 1024
    const body = Buffer.alloc(limit + 1, 'a')
    const reply = await send('/api/call/sendMessage', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'content-length': body.length,
      },
      body,
    })
    expect(reply.status).toBe(413)
    expect(handlers.sendMessage).not.toHaveBeenCalled()
  })

  it('accepts a maximal message made of 4-byte characters', async () => {
    const text = '😀'.repeat(MAX_MESSAGE_CHARS / 2)
    expect(text.length).toBe(MAX_MESSAGE_CHARS)
    const reply = await callApi('sendMessage', { chatId: 'c1', text })
    expect(reply.status).toBe(200)
    expect(handlers.sendMessage).toHaveBeenCalledTimes(1)
  })
})

describe('the event socket', () => {
  function connect(path: string, headers: Record<string, string> = {}): WebSocket {
    return new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers })
  }

  function failure(ws: WebSocket): Promise<number> {
    return new Promise((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        ws.terminate()
      })
      ws.on('error', () => resolve(-1))
      ws.on('open', () => reject(new Error('the socket opened')))
    })
  }

  function opened(ws: WebSocket): Promise<void> {
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)))
    })
  }

  it('refuses a socket without the token', async () => {
    expect(await failure(connect('/api/events'))).toBe(401)
  })

  it('refuses a socket from another origin', async () => {
    expect(await failure(connect(`/api/events?token=${TOKEN}`, { origin: 'http://evil.example' }))).toBe(403)
  })

  it('refuses a socket on another path', async () => {
    expect(await failure(connect(`/api/other?token=${TOKEN}`))).toBe(403)
  })

  it('delivers emitted events as JSON', async () => {
    const ws = connect(`/api/events?token=${TOKEN}`, { origin: origin() })
    await opened(ws)
    const frame = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))))
    const batch: StreamBatch = {
      chatId: 'c1',
      messageId: 'm1',
      offset: 3,
      append: 'more 😀',
      final: { status: 'complete', error: null },
    }
    host.emit('stream', batch)
    expect(JSON.parse(await frame)).toEqual({ event: 'stream', payload: batch })
    ws.close()
  })

  it('closes while a client is still connected', async () => {
    const ws = connect(`/api/events?token=${TOKEN}`)
    await opened(ws)
    const clientClosed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
    await host.close()
    await clientClosed
    expect(ws.readyState).toBe(WebSocket.CLOSED)
  })
})
