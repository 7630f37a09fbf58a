import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect as connectTcp, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest'
import WebSocket from 'ws'
import { type CallName, callNames, calls, type Handlers, MAX_MESSAGE_CHARS } from '../shared/contract'
import type { StreamBatch } from '../shared/types'
import { EVENTS_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../shared/web-auth'
import { type ConnectionLimits, exceedsDepth } from './web-guard'
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
  it('serves the page and its scripts without the token, with a CSP and no cookie', async () => {
    for (const path of ['/', `/?token=${TOKEN}`]) {
      const reply = await send(path)
      expect(reply.status).toBe(200)
      expect(reply.body).toBe(INDEX_HTML)
      expect(reply.headers['content-type']).toContain('text/html')
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
      expect(reply.headers['referrer-policy']).toBe('no-referrer')
      // Browsers send a cookie to every port of 127.0.0.1: the token must never be one.
      expect(reply.headers['set-cookie']).toBeUndefined()
    }
    const asset = await send('/assets/app.js')
    expect(asset.status).toBe(200)
    expect(asset.headers['content-type']).toContain('text/javascript')
    expect(asset.body).toBe('console.log("app")')
    expect(asset.headers['set-cookie']).toBeUndefined()
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

  it('does not take the token from a cookie or the address, only from the Authorization header', async () => {
    const viaCookie = await send('/api/call/listChats', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `roundtable_token_${host.port}=${TOKEN}; roundtable.token=${TOKEN}`,
      },
      body: '{}',
    })
    expect(viaCookie.status).toBe(401)
    const viaQuery = await send(`/api/call/listChats?token=${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(viaQuery.status).toBe(401)
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

  it("refuses a body over the call's limit with 413", async () => {
    const body = Buffer.alloc(calls.sendMessage.maxBytes + 1, 'a')
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

  it('accepts a maximal message of control characters, the costliest to write as JSON', async () => {
    const text = `x${'\u0001'.repeat(MAX_MESSAGE_CHARS - 1)}`
    const reply = await callApi('sendMessage', { chatId: 'c1', text })
    expect(reply.status).toBe(200)
    expect(handlers.sendMessage).toHaveBeenCalledTimes(1)
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
  function connect(
    path: string,
    headers: Record<string, string> = {},
    token: string | null = TOKEN,
  ): WebSocket {
    const protocols =
      token === null ? [EVENTS_PROTOCOL] : [EVENTS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]
    return new WebSocket(`ws://127.0.0.1:${host.port}${path}`, protocols, { headers })
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

  it('refuses a socket without the token, a wrong one, or one only in the address or a cookie', async () => {
    expect(await failure(connect('/api/events', {}, null))).toBe(401)
    expect(await failure(connect('/api/events', {}, `${TOKEN}x`))).toBe(401)
    expect(await failure(connect(`/api/events?token=${TOKEN}`, {}, null))).toBe(401)
    expect(
      await failure(connect('/api/events', { cookie: `roundtable_token_${host.port}=${TOKEN}` }, null)),
    ).toBe(401)
  })

  it('refuses a socket from another origin', async () => {
    expect(await failure(connect('/api/events', { origin: 'http://evil.example' }))).toBe(403)
  })

  it('refuses a socket on another path', async () => {
    expect(await failure(connect('/api/other'))).toBe(404)
  })

  it('answers with its own protocol name, never echoing the token', async () => {
    const ws = connect('/api/events', { origin: origin() })
    await opened(ws)
    expect(ws.protocol).toBe(EVENTS_PROTOCOL)
    ws.close()
  })

  it('delivers emitted events as JSON', async () => {
    const ws = connect('/api/events', { origin: origin() })
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
    const ws = connect('/api/events')
    await opened(ws)
    const clientClosed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
    await host.close()
    await clientClosed
    expect(ws.readyState).toBe(WebSocket.CLOSED)
  })
})

/**
 * A raw TCP connection to a host (from another loopback address if asked), errors swallowed. It reads
 * (and drops) whatever comes: a socket nobody reads may never notice that the host closed it.
 */
function rawSocket(port = host.port, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: '127.0.0.1', port, ...(localAddress && { localAddress }) }, () =>
      resolve(socket),
    )
    socket.on('error', () => {})
    socket.once('error', reject)
    socket.resume()
  })
}

/** A second host on the same fakes, with some connection limits set for the test. */
function hostWith(connectionLimits: Partial<ConnectionLimits>): Promise<WebHost> {
  return startWebHost({
    handlers: handlers as unknown as Handlers,
    staticDir,
    port: 0,
    token: TOKEN,
    connectionLimits,
  })
}

describe('limits against a local process without the token', () => {
  function closed(socket: Socket, withinMs: number): Promise<boolean> {
    if (socket.destroyed || socket.readyState === 'closed') return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), withinMs)
      socket.once('close', () => {
        clearTimeout(timer)
        resolve(true)
      })
    })
  }

  it('keeps answering the page while another process holds 1,100 idle sockets', async () => {
    const idle: Socket[] = []
    try {
      for (let i = 0; i < 1_100; i++) idle.push(await rawSocket())
      // The host closed all but a few of them: the descriptors a lock-out needs are never held.
      expect(host.untrustedConnections('127.0.0.1')).toBeLessThanOrEqual(32)
      const reply = await callApi('listChats', undefined)
      expect(reply.status).toBe(200)
      expect(JSON.parse(reply.body).ok).toBe(true)
    } finally {
      for (const socket of idle) socket.destroy()
    }
  })

  it('closes a socket that sends its headers too slowly, and one that sends nothing', async () => {
    const strict = await hostWith({ headersTimeoutMs: 300 })
    try {
      const silent = await rawSocket(strict.port)
      const slow = await rawSocket(strict.port)
      slow.write('POST /api/call/listChats HTTP/1.1\r\n')
      const drip = setInterval(() => slow.writable && slow.write('X-Slow: a\r\n'), 50)
      try {
        expect(await closed(silent, 8_000)).toBe(true)
        expect(await closed(slow, 8_000)).toBe(true)
      } finally {
        clearInterval(drip)
      }
    } finally {
      await strict.close()
    }
  })

  it('answers an unauthenticated 10 GB upload with 401 and closes it without reading it', async () => {
    const socket = await rawSocket()
    let answer = ''
    socket.on('data', (data: Buffer) => {
      answer += data.toString()
    })
    socket.write(
      `POST /api/call/importProviders HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${10 * 1024 ** 3}\r\n\r\n`,
    )
    const chunk = Buffer.alloc(1024 * 1024, 'a')
    let sent = 0
    const deadline = Date.now() + 5_000
    // Bounded: at most five seconds or 2 GB, whichever comes first; a host that reads to the end fails here.
    while (!socket.destroyed && Date.now() < deadline && sent < 2 * 1024 ** 3) {
      if (!socket.write(chunk)) await new Promise((resolve) => setTimeout(resolve, 5))
      sent += chunk.length
      if (answer.length > 0) break
    }
    expect(await closed(socket, 3_000)).toBe(true)
    expect(answer).toMatch(/^HTTP\/1\.1 401/)
    expect(sent).toBeLessThan(512 * 1024 * 1024)
    expect(handlers.importProviders).not.toHaveBeenCalled()
  })

  it('refuses a call whose declared body is larger than the call takes, before reading it', async () => {
    const reply = await send('/api/call/getStatus', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'content-length': 1024 * 1024,
      },
      body: Buffer.alloc(1024 * 1024, ' '),
    }).catch((error: Error) => ({ status: -1, headers: {}, body: error.message }))
    // The host may close before the whole body is written; either way it never reached the handler.
    if (reply.status !== -1) expect(reply.status).toBe(413)
    expect(handlers.getStatus).not.toHaveBeenCalled()
  })

  it("stops reading an undeclared (chunked) body as soon as it passes the call's limit", async () => {
    const socket = await rawSocket()
    let answer = ''
    socket.on('data', (data: Buffer) => {
      answer += data.toString()
    })
    socket.write(
      `POST /api/call/renameChat HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    )
    const piece = 'a'.repeat(8 * 1024)
    for (let i = 0; i < 64 && !socket.destroyed && answer.length === 0; i++) {
      socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`)
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    expect(await closed(socket, 3_000)).toBe(true)
    expect(answer).toMatch(/^HTTP\/1\.1 413/)
    expect(handlers.renameChat).not.toHaveBeenCalled()
  })

  it("sizes each call's limit to what it carries: a few KB for most, more for a message or an import", () => {
    expect(calls.getStatus.maxBytes).toBeLessThanOrEqual(16 * 1024)
    expect(calls.renameChat.maxBytes).toBeLessThanOrEqual(16 * 1024)
    expect(calls.sendMessage.maxBytes).toBeGreaterThanOrEqual(MAX_MESSAGE_CHARS * 6)
    expect(calls.sendMessage.maxBytes).toBeLessThan(4 * 1024 * 1024)
    expect(calls.importProviders.maxBytes).toBeLessThanOrEqual(13 * 1024 * 1024)
  })

  it('refuses JSON nested too deeply before parsing it', async () => {
    const deep = `{"input":${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    const reply = await send('/api/call/sendMessage', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: deep,
    })
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body).error.message).toContain('nests too deeply')
    expect(handlers.sendMessage).not.toHaveBeenCalled()
  })
})

describe('exceedsDepth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(exceedsDepth('{"a":[[1]]}', 3)).toBe(false)
    expect(exceedsDepth('{"a":[[[1]]]}', 3)).toBe(true)
    expect(exceedsDepth('{"a":"[[[[[[\\"[[[["}', 1)).toBe(false)
  })
})

describe('the lock-out guard across loopback addresses', () => {
  it('caps connections without the token over all of 127.0.0.0/8, not only per address', async () => {
    const capped = await hostWith({ maxUntrustedPerClient: 4, maxUntrusted: 10 })
    const held: Socket[] = []
    try {
      for (let i = 2; i < 40; i++) held.push(await rawSocket(capped.port, `127.0.0.${i}`))
      await new Promise((resolve) => setTimeout(resolve, 50))
      let open = 0
      for (let i = 2; i < 40; i++) open += capped.untrustedConnections(`127.0.0.${i}`)
      expect(open).toBeLessThanOrEqual(10)
      expect(held.filter((socket) => !socket.destroyed).length).toBeLessThanOrEqual(10)
    } finally {
      for (const socket of held) socket.destroy()
      await capped.close()
    }
  })
})

describe('the first-request timer', () => {
  it('leaves an event socket alone once it has started', async () => {
    const quick = await hostWith({ headersTimeoutMs: 200 })
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${quick.port}/api/events`, [
        EVENTS_PROTOCOL,
        `${TOKEN_PROTOCOL_PREFIX}${TOKEN}`,
      ])
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve())
        ws.once('error', reject)
      })
      await new Promise((resolve) => setTimeout(resolve, 600))
      const frame = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))))
      quick.emit('providersChanged', { providerId: 'p1' })
      expect(JSON.parse(await frame)).toEqual({ event: 'providersChanged', payload: { providerId: 'p1' } })
      ws.close()
    } finally {
      await quick.close()
    }
  })
})
