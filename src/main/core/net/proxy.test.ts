import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startHttpProxy } from '../../../../test/support/proxies/http-proxy'
import { startSocks5Proxy } from '../../../../test/support/proxies/socks5-proxy'
import type { ProxySettings } from '../../../shared/providers'
import {
  bypassesProxy,
  createProviderFetch,
  type ProviderFetch,
  ProxyError,
  redactProxyUrl,
  validateProxyUrl,
} from './proxy'

// A host name no resolver knows; only the test proxies map it (and two documentation-range
// addresses) to 127.0.0.1. A request that reaches the upstream under that name went through a proxy.
const FAKE = 'fake-upstream.test'
const FAKE_V4 = '192.0.2.10'
const FAKE_V6 = '2001:db8::10'
const resolveFake = (host: string) => ([FAKE, FAKE_V4, FAKE_V6].includes(host) ? '127.0.0.1' : host)

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  vi.unstubAllEnvs()
  while (cleanups.length > 0) await cleanups.pop()?.()
})

interface Seen {
  method: string
  url: string
  host: string
  contentType: string
  body: string
}

async function startUpstream(): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        host: req.headers.host ?? '',
        contentType: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      }
      seen.push(entry)
      if (entry.url.endsWith('/chat/completions')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        for (const word of ['Hello', ' there']) {
          const chunk = {
            id: 'c1',
            object: 'chat.completion.chunk',
            created: 0,
            model: 'fake-model',
            choices: [{ index: 0, delta: { content: word }, finish_reason: null }],
          }
          res.write(`data: ${JSON.stringify(chunk)}\n\n`)
        }
        res.end('data: [DONE]\n\n')
        return
      }
      if (entry.url.startsWith('/v1/models?') || entry.url === '/v1/models') {
        // Enough for both SDKs' model lists (Anthropic's pages by has_more/last_id).
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            object: 'list',
            data: [{ id: 'fake-model', object: 'model', type: 'model', created: 0, owned_by: 'test' }],
            has_more: false,
            first_id: 'fake-model',
            last_id: 'fake-model',
          }),
        )
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model' }], echo: entry }))
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()))
  cleanups.push(async () => {
    server.closeAllConnections()
    await new Promise((done) => server.close(done))
  })
  return { port: (server.address() as AddressInfo).port, seen }
}

async function httpProxy(options: Parameters<typeof startHttpProxy>[0] = {}) {
  const proxy = await startHttpProxy({ resolve: resolveFake, ...options })
  cleanups.push(() => proxy.close())
  return proxy
}

async function socksProxy(options: Parameters<typeof startSocks5Proxy>[0] = {}) {
  const proxy = await startSocks5Proxy({ resolve: resolveFake, ...options })
  cleanups.push(() => proxy.close())
  return proxy
}

function providerFetch(settings: ProxySettings, env: NodeJS.ProcessEnv = {}): ProviderFetch {
  const f = createProviderFetch(settings, env)
  cleanups.push(() => f.close())
  return f
}

const custom = (url: string, bypass: string[] = []): ProxySettings => ({ mode: 'custom', url, bypass })

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()))
  const { port } = server.address() as AddressInfo
  await new Promise((done) => server.close(done))
  return port
}

/** Runs a fetch that must fail, fast, with a network error (not by hanging into the timeout). */
async function failure(run: (signal: AbortSignal) => Promise<Response>): Promise<Error> {
  const started = Date.now()
  const error = await run(AbortSignal.timeout(5_000)).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'the request should have failed').toBeInstanceOf(Error)
  expect((error as Error).name).not.toBe('TimeoutError')
  expect(Date.now() - started).toBeLessThan(5_000)
  return error as Error
}

function codes(error: unknown): string[] {
  const out: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 8 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') out.push(code)
    current = (current as { cause?: unknown }).cause
  }
  return out
}

describe('validateProxyUrl', () => {
  it.each([
    'http://proxy.example.com:8080',
    'http://proxy.example.com',
    'https://proxy.example.com',
    'https://proxy.example.com:8443/',
    'socks5://127.0.0.1:1080',
    'socks5://proxy',
    'socks5h://proxy.example.com:1080',
    'http://user:pa%40ss@proxy:3128',
    'socks5://user:secret@proxy:1080',
    'http://user@proxy:3128',
    'http://[::1]:8080',
    'HTTP://Proxy.Example.COM:8080/',
    '  http://proxy:3128  ',
  ])('accepts %s', (url) => {
    expect(validateProxyUrl(url)).toBeNull()
  })

  it.each([
    '',
    '   ',
    'proxy.example.com:8080',
    'not a url',
    'ftp://proxy:21',
    'socks4://proxy:1080',
    'socks://proxy:1080',
    'http://',
    'http://:8080',
    'socks5://',
    'socks5://:1080',
    'http://proxy:0',
    'http://proxy:70000',
    'http://proxy:abc',
    'http://proxy:8080/path',
    'http://proxy:8080?x=1',
    'http://proxy:8080#frag',
    'http://pro xy:8080',
    'http://:secret@proxy:8080',
    'http://[nope]:8080',
  ])('refuses %j with a sentence', (url) => {
    const reason = validateProxyUrl(url)
    expect(reason).toEqual(expect.any(String))
    expect(reason).toMatch(/^[A-Z].*\.$/)
  })

  it('never repeats a password in its reason', () => {
    expect(validateProxyUrl('http://user:hunter22@proxy:8080/path')).not.toContain('hunter22')
  })
})

describe('bypassesProxy', () => {
  const cases: Array<[string, string[], boolean]> = [
    ['https://api.example.com/v1', [], false],
    ['https://api.example.com/v1', ['api.example.com'], true],
    ['https://API.Example.com/v1', ['  api.EXAMPLE.com  '], true],
    ['https://sub.api.example.com/', ['api.example.com'], false],
    ['https://api.example.com/', ['.example.com'], true],
    ['https://example.com/', ['.example.com'], true],
    ['https://deep.api.example.com/', ['.example.com'], true],
    ['https://badexample.com/', ['.example.com'], false],
    ['https://api.example.com/', ['*.example.com'], true],
    ['https://example.com/', ['*.example.com'], false],
    ['https://anything.at.all/', ['*'], true],
    ['http://10.1.2.3:8080/', ['10.0.0.0/8'], true],
    ['http://11.1.2.3/', ['10.0.0.0/8'], false],
    ['http://192.168.1.77/', ['192.168.1.0/24'], true],
    ['http://192.168.2.1/', ['192.168.1.0/24'], false],
    ['http://host.example.com/', ['10.0.0.0/8'], false],
    ['http://1.2.3.4/', ['0.0.0.0/0'], true],
    ['http://api.example.com:8080/', ['api.example.com:8080'], true],
    ['http://api.example.com:9090/', ['api.example.com:8080'], false],
    ['https://api.example.com/', ['api.example.com:443'], true],
    ['http://api.example.com/', ['api.example.com:443'], false],
    ['http://intranet/', ['<local>'], true],
    ['http://intranet.corp/', ['<local>'], false],
    ['http://10.0.0.1/', ['<local>'], false],
    ['http://api.example.com/', ['', '   ', 'other.com'], false],
    ['http://api.example.com/', ['http://api.example.com/'], true],
    ['http://[2001:db8::1]:8080/', ['[2001:db8::1]:8080'], true],
    ['http://[2001:db8::1]/', ['2001:db8::1'], true],
    ['http://api.example.com./', ['api.example.com'], true],
    // Loopback, whatever the rules.
    ['http://localhost:11434/', [], true],
    ['http://LOCALHOST:11434/', [], true],
    ['http://ollama.localhost/', [], true],
    ['http://127.0.0.1:1234/', [], true],
    ['http://127.9.8.7/', [], true],
    ['http://[::1]:8080/', [], true],
    ['http://[::ffff:127.0.0.1]/', [], true],
    ['http://128.0.0.1/', [], false],
  ]
  it.each(cases)('%s with %j → %s', (url, rules, expected) => {
    expect(bypassesProxy(new URL(url), rules)).toBe(expected)
  })
})

describe('redactProxyUrl', () => {
  it('hides user and password', () => {
    expect(redactProxyUrl('http://user:hunter22@proxy:8080')).toBe('http://***@proxy:8080')
    expect(redactProxyUrl('socks5://proxy:1080')).toBe('socks5://proxy:1080')
  })
})

describe('createProviderFetch through an HTTP proxy', () => {
  it('sends a plain-http request through the proxy in absolute form', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = providerFetch(custom(proxy.url))

    const res = await f(`http://${FAKE}:${upstream.port}/v1/models`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ data: [{ id: 'fake-model' }] })
    expect(proxy.targets).toEqual([`GET http://${FAKE}:${upstream.port}/v1/models`])
    expect(upstream.seen[0]?.host).toBe(`${FAKE}:${upstream.port}`)
  })

  it('sends Basic credentials to a proxy that wants them', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy({ auth: { username: 'ann', password: 's3cret!' } })
    const f = providerFetch(custom(proxy.url.replace('http://', 'http://ann:s3cret%21@')))

    const res = await f(`http://${FAKE}:${upstream.port}/v1/models`)
    expect(res.status).toBe(200)
    expect(proxy.authFailures).toBe(0)
    expect(proxy.targets).toHaveLength(1)
    // The proxy's credentials are for the proxy: the upstream never sees them.
    expect(upstream.seen).toHaveLength(1)
  })

  it('fails (does not hang) when the proxy wants credentials it was not given', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy({ auth: { username: 'ann', password: 's3cret' } })
    const f = providerFetch(custom(proxy.url))

    const error = await failure((signal) => f(`http://${FAKE}:${upstream.port}/v1/models`, { signal }))
    expect(error.cause).toBeInstanceOf(ProxyError)
    expect((error.cause as ProxyError).code).toBe('PROXY_AUTH_REQUIRED')
    expect((error.cause as ProxyError).message).toMatch(/407/)
    expect(proxy.authFailures).toBe(1)
    expect(upstream.seen).toHaveLength(0)
  })

  it('says so when the proxy refuses the credentials of a CONNECT tunnel', async () => {
    const proxy = await httpProxy({ auth: { username: 'ann', password: 's3cret' } })
    const f = providerFetch(custom(proxy.url.replace('http://', 'http://ann:not-s3cret@')))

    const error = await failure((signal) => f(`https://${FAKE}/v1/models`, { signal }))
    expect((error.cause as ProxyError).code).toBe('PROXY_AUTH_FAILED')
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain('not-s3cret')
    expect(proxy.authFailures).toBe(1)
  })

  it('tunnels https targets with CONNECT to host:443', async () => {
    const proxy = await httpProxy()
    const f = providerFetch(custom(proxy.url))

    const error = await failure((signal) => f(`https://${FAKE}/v1/models`, { signal }))
    // Nothing serves 127.0.0.1:443 here, so the proxy answers 502 and the tunnel is refused.
    expect(error.name).toBe('TypeError')
    expect((error.cause as ProxyError).code).toBe('PROXY_TUNNEL_FAILED')
    expect((error.cause as ProxyError).message).toContain(`${FAKE}:443`)
    expect(proxy.targets).toEqual([`CONNECT ${FAKE}:443`])
  })

  it('speaks TLS inside the tunnel', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = providerFetch(custom(proxy.url))

    // The tunnel reaches a plain-http server, so the TLS handshake inside it must fail.
    const error = await failure((signal) => f(`https://${FAKE}:${upstream.port}/v1/models`, { signal }))
    expect(proxy.targets).toEqual([`CONNECT ${FAKE}:${upstream.port}`])
    expect(inspect(error, { depth: 10 })).toMatch(/ssl|tls|EPROTO|wrong version|socket|closed/i)
  })

  it('passes a global Request, global Headers and a global FormData body intact', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = providerFetch(custom(proxy.url))

    const request = new Request(`http://${FAKE}:${upstream.port}/v1/chat`, {
      method: 'POST',
      headers: new Headers({ 'content-type': 'application/json', 'x-test': 'yes' }),
      body: JSON.stringify({ hello: 'world' }),
    })
    const res = await f(request)
    expect(res.status).toBe(200)
    expect(upstream.seen[0]).toMatchObject({
      method: 'POST',
      contentType: 'application/json',
      body: '{"hello":"world"}',
    })

    const form = new FormData()
    form.append('purpose', 'test')
    form.append('file', new Blob(['abc'], { type: 'text/plain' }), 'a.txt')
    const res2 = await f(`http://${FAKE}:${upstream.port}/v1/files`, { method: 'POST', body: form })
    expect(res2.status).toBe(200)
    expect(upstream.seen[1]?.contentType).toMatch(/^multipart\/form-data; boundary=/)
    expect(upstream.seen[1]?.body).toContain('name="purpose"')
    expect(upstream.seen[1]?.body).toContain('filename="a.txt"')
    expect(proxy.targets).toHaveLength(2)
  })
})

describe('createProviderFetch through a SOCKS5 proxy', () => {
  it('connects without authentication', async () => {
    const upstream = await startUpstream()
    const proxy = await socksProxy()
    const f = providerFetch(custom(proxy.url))

    const res = await f(`http://${FAKE}:${upstream.port}/v1/models`)
    expect(await res.json()).toMatchObject({ object: 'list' })
    expect(proxy.targets).toEqual([`${FAKE}:${upstream.port}`])
  })

  it('authenticates with user name and password, and socks5h works the same', async () => {
    const upstream = await startUpstream()
    const proxy = await socksProxy({ auth: { username: 'bob', password: 'p@ss word' } })
    const withAuth = proxy.url.replace('socks5://', 'socks5://bob:p%40ss%20word@')
    const f = providerFetch(custom(withAuth))
    const h = providerFetch(custom(withAuth.replace('socks5://', 'socks5h://')))

    expect((await f(`http://${FAKE}:${upstream.port}/a`)).status).toBe(200)
    expect((await h(`http://${FAKE}:${upstream.port}/b`)).status).toBe(200)
    expect(proxy.targets).toEqual([`${FAKE}:${upstream.port}`, `${FAKE}:${upstream.port}`])
    expect(proxy.authFailures).toBe(0)
  })

  it('sends IPv4 and IPv6 literal destinations as addresses', async () => {
    const upstream = await startUpstream()
    const proxy = await socksProxy()
    const f = providerFetch(custom(proxy.url))

    expect((await f(`http://${FAKE_V4}:${upstream.port}/v4`)).status).toBe(200)
    expect((await f(`http://[${FAKE_V6}]:${upstream.port}/v6`)).status).toBe(200)
    expect(proxy.targets).toEqual([`${FAKE_V4}:${upstream.port}`, `[${FAKE_V6}]:${upstream.port}`])
  })

  it('wraps https targets in TLS over the SOCKS connection', async () => {
    const upstream = await startUpstream()
    const proxy = await socksProxy()
    const f = providerFetch(custom(proxy.url))

    const error = await failure((signal) => f(`https://${FAKE}:${upstream.port}/v1/models`, { signal }))
    expect(proxy.targets).toEqual([`${FAKE}:${upstream.port}`])
    expect(inspect(error, { depth: 10 })).toMatch(/ssl|tls|EPROTO|wrong version|socket|closed/i)
  })

  it('reports a refused login with a code and without the password', async () => {
    const upstream = await startUpstream()
    const proxy = await socksProxy({ auth: { username: 'bob', password: 'right-one' } })
    const f = providerFetch(custom(proxy.url.replace('socks5://', 'socks5://bob:wrong-one@')))

    const error = await failure((signal) => f(`http://${FAKE}:${upstream.port}/v1/models`, { signal }))
    expect(codes(error)).toContain('PROXY_AUTH_FAILED')
    const proxyError = error.cause
    expect(proxyError).toBeInstanceOf(ProxyError)
    expect((proxyError as ProxyError).message).toContain(`socks5://***@127.0.0.1:${proxy.port}`)
    const everything = inspect(error, { depth: 20, showHidden: true })
    expect(everything).not.toContain('wrong-one')
    expect(proxy.authFailures).toBe(1)
    expect(upstream.seen).toHaveLength(0)
  })

  it('reports a proxy that is not there as connection refused', async () => {
    const port = await closedPort()
    const f = providerFetch(custom(`socks5://u:topsecret@127.0.0.1:${port}`))

    const error = await failure((signal) => f(`http://${FAKE}:8080/`, { signal }))
    expect(codes(error)).toContain('ECONNREFUSED')
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain('topsecret')
  })
})

describe('bypass and direct routes', () => {
  it('sends a bypassed host direct: the proxy sees nothing and the name does not resolve', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = providerFetch(custom(proxy.url, ['other.example', ' .TEST ']))

    const error = await failure((signal) => f(`http://${FAKE}:${upstream.port}/v1/models`, { signal }))
    expect(error.name).toBe('TypeError')
    expect(codes(error).some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN')).toBe(true)
    expect(proxy.targets).toEqual([])
    expect(upstream.seen).toHaveLength(0)
  })

  it('mode none goes direct: an unresolvable host fails, a local one works', async () => {
    const upstream = await startUpstream()
    const f = providerFetch({ mode: 'none' })

    const error = await failure((signal) => f(`http://${FAKE}:${upstream.port}/v1/models`, { signal }))
    expect(codes(error).some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN')).toBe(true)
    expect((await f(`http://127.0.0.1:${upstream.port}/v1/models`)).status).toBe(200)
  })

  it('never sends loopback targets through a proxy, in any mode', async () => {
    const upstream = await startUpstream()
    const http = await httpProxy()
    const socks = await socksProxy()
    const fetches = [
      providerFetch(custom(http.url)),
      providerFetch(custom(socks.url)),
      providerFetch({ mode: 'system' }, { HTTP_PROXY: http.url, HTTPS_PROXY: http.url }),
      providerFetch({ mode: 'system' }, { ALL_PROXY: socks.url }),
    ]
    for (const f of fetches) {
      for (const host of ['127.0.0.1', 'localhost']) {
        const res = await f(`http://${host}:${upstream.port}/v1/models`)
        expect(res.status).toBe(200)
        await res.arrayBuffer()
      }
    }
    expect(upstream.seen).toHaveLength(8)
    expect(http.targets).toEqual([])
    expect(socks.targets).toEqual([])
  })
})

describe('system mode', () => {
  it('uses HTTP_PROXY from the env it was given', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = providerFetch({ mode: 'system' }, { HTTP_PROXY: proxy.url })

    expect((await f(`http://${FAKE}:${upstream.port}/v1/models`)).status).toBe(200)
    expect(proxy.targets).toEqual([`GET http://${FAKE}:${upstream.port}/v1/models`])
  })

  it('accepts lowercase names and a proxy without a scheme', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = providerFetch({ mode: 'system' }, { http_proxy: `127.0.0.1:${proxy.port}` })

    expect((await f(`http://${FAKE}:${upstream.port}/v1/models`)).status).toBe(200)
    expect(proxy.targets).toHaveLength(1)
  })

  it('falls back to ALL_PROXY, which may be SOCKS', async () => {
    const upstream = await startUpstream()
    const proxy = await socksProxy()
    const f = providerFetch({ mode: 'system' }, { ALL_PROXY: proxy.url })

    expect((await f(`http://${FAKE}:${upstream.port}/v1/models`)).status).toBe(200)
    expect(proxy.targets).toEqual([`${FAKE}:${upstream.port}`])
  })

  it('honours NO_PROXY', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = providerFetch({ mode: 'system' }, { HTTP_PROXY: proxy.url, NO_PROXY: 'example.com, .test' })

    const error = await failure((signal) => f(`http://${FAKE}:${upstream.port}/v1/models`, { signal }))
    expect(codes(error).some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN')).toBe(true)
    expect(proxy.targets).toEqual([])
  })

  it('uses HTTPS_PROXY only for https targets', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = providerFetch({ mode: 'system' }, { HTTPS_PROXY: proxy.url })

    await failure((signal) => f(`http://${FAKE}:${upstream.port}/v1/models`, { signal }))
    expect(proxy.targets).toEqual([])
    await failure((signal) => f(`https://${FAKE}/v1/models`, { signal }))
    expect(proxy.targets).toEqual([`CONNECT ${FAKE}:443`])
  })

  it('reads the env object passed in, not process.env', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    vi.stubEnv('HTTP_PROXY', proxy.url)
    vi.stubEnv('http_proxy', proxy.url)
    const f = providerFetch({ mode: 'system' }, {})

    await failure((signal) => f(`http://${FAKE}:${upstream.port}/v1/models`, { signal }))
    expect(proxy.targets).toEqual([])
  })

  it('refuses a malformed proxy variable by name, without its password', async () => {
    const f = providerFetch({ mode: 'system' }, { HTTP_PROXY: 'ftp://me:hunter22@proxy:21' })

    const error = await failure(() => f('http://api.example.com/v1/models'))
    expect(error).toBeInstanceOf(ProxyError)
    expect((error as ProxyError).code).toBe('PROXY_INVALID')
    expect(error.message).toContain('HTTP_PROXY')
    expect(inspect(error, { depth: 20 })).not.toContain('hunter22')
  })
})

describe('errors and lifecycle', () => {
  it('keeps the proxy password out of connection errors', async () => {
    const port = await closedPort()
    const f = providerFetch(custom(`http://alice:hunter22@127.0.0.1:${port}`))

    const error = await failure((signal) => f(`http://${FAKE}:8080/v1/models`, { signal }))
    expect(codes(error)).toContain('ECONNREFUSED')
    expect(error.cause).toBeInstanceOf(ProxyError)
    expect((error.cause as Error).message).toContain(`http://***@127.0.0.1:${port}`)
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain('hunter22')
  })

  it('refuses an invalid custom proxy without echoing its password', async () => {
    const f = providerFetch(custom('http://user:hunter22@proxy:8080/path'))

    const error = await failure(() => f('https://api.example.com/v1/models'))
    expect(error).toBeInstanceOf(ProxyError)
    expect(error.message).toMatch(/Settings/)
    expect(inspect(error, { depth: 20 })).not.toContain('hunter22')
  })

  it('still sends loopback direct when the custom proxy is invalid', async () => {
    const upstream = await startUpstream()
    const f = providerFetch(custom('not a proxy'))

    expect((await f(`http://127.0.0.1:${upstream.port}/v1/models`)).status).toBe(200)
  })

  it('closes its agents and refuses calls afterwards', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = createProviderFetch(custom(proxy.url), {})

    const res = await f(`http://${FAKE}:${upstream.port}/v1/models`)
    await res.json()
    await f.close()
    await expect(f(`http://${FAKE}:${upstream.port}/v1/models`)).rejects.toMatchObject({ code: 'CLOSED' })
  })
})

describe('with the provider SDKs', () => {
  it('carries the OpenAI SDK through an HTTP proxy, streaming included', async () => {
    const upstream = await startUpstream()
    const proxy = await httpProxy()
    const f = providerFetch(custom(proxy.url))
    const client = new OpenAI({
      apiKey: 'sk-test-not-a-key',
      baseURL: `http://${FAKE}:${upstream.port}/v1`,
      fetch: f,
      maxRetries: 0,
    })

    const models = await client.models.list()
    expect(models.data.map((m) => m.id)).toEqual(['fake-model'])
    const stream = await client.chat.completions.create({
      model: 'fake-model',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toBe('Hello there')
    expect(proxy.targets).toEqual([
      `GET http://${FAKE}:${upstream.port}/v1/models`,
      `POST http://${FAKE}:${upstream.port}/v1/chat/completions`,
    ])
  })

  it('carries the Anthropic SDK through a SOCKS5 proxy', async () => {
    const upstream = await startUpstream()
    const proxy = await socksProxy()
    const f = providerFetch(custom(proxy.url))
    const client = new Anthropic({
      apiKey: 'sk-ant-test-not-a-key',
      baseURL: `http://${FAKE}:${upstream.port}`,
      fetch: f,
      maxRetries: 0,
    })

    const page = await client.models.list()
    expect(page.data.map((m) => m.id)).toEqual(['fake-model'])
    expect(proxy.targets).toEqual([`${FAKE}:${upstream.port}`])
    expect(upstream.seen[0]?.url).toMatch(/^\/v1\/models/)
  })
})
