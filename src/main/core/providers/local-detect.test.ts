// The look for Ollama and LM Studio, against real HTTP servers on 127.0.0.1: one that answers like
// Ollama (the project's fake provider), one that only has Ollama's own /api/tags, a port nobody listens
// on, one that never answers, and ones that answer something other than a model list.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type FakeProvider, startFakeProvider } from '../../../../test/fake-provider/server.ts'
import { closedPort } from '../../../../test/support/ports.ts'
import { DEFAULT_LOCAL_PROBES, LocalServerDetector, localProbesFromEnv } from './local-detect'

interface Served {
  url: string
  requests: { path: string; headers: http.IncomingHttpHeaders }[]
  close(): Promise<void>
}

/** A plain server whose every answer `respond` writes (or does not write). */
async function serve(
  respond: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<Served> {
  const requests: Served['requests'] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers })
    respond(req, res)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

let ollamaLike: FakeProvider
let tagsOnly: Served
let hanging: Served
let garbage: Served
let wrongShape: Served
let huge: Served
let nobody: string

beforeAll(async () => {
  ollamaLike = await startFakeProvider({ models: ['llama3.2:3b', 'qwen2.5:7b', 'gemma3:4b'] })
  tagsOnly = await serve((req, res) => {
    if (req.url === '/api/tags') json(res, 200, { models: [{ name: 'llama3.2:3b' }, { name: 'phi4:14b' }] })
    else json(res, 404, { error: 'not found' })
  })
  // Accepts the connection and the request, then says nothing.
  hanging = await serve(() => {})
  garbage = await serve((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end('<html>a router login page</html>')
  })
  wrongShape = await serve((_req, res) => json(res, 200, { data: 'models?', models: 3 }))
  huge = await serve((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.write('{"data":[')
    const item = `${JSON.stringify({ id: 'x'.repeat(1000) })},`
    for (let i = 0; i < 1500; i++) res.write(item)
    res.end('{"id":"last"}]}')
  })
  nobody = `http://127.0.0.1:${await closedPort()}/v1`
})

afterAll(async () => {
  await Promise.all([
    ollamaLike.close(),
    tagsOnly.close(),
    hanging.close(),
    garbage.close(),
    wrongShape.close(),
    huge.close(),
  ])
})

describe('LocalServerDetector', () => {
  it('finds a server that lists its models at /v1/models, asking without any key', async () => {
    const detector = new LocalServerDetector({ ollama: ollamaLike.baseURL, lmstudio: nobody })
    expect(await detector.detect()).toEqual([
      { kind: 'ollama', name: 'Ollama', preset: 'ollama', baseURL: ollamaLike.baseURL, models: 3 },
    ])
    const asked = ollamaLike.requests.filter((r) => r.path === '/v1/models')
    expect(asked.length).toBeGreaterThan(0)
    for (const request of asked) {
      expect(request.hadAuthorization).toBe(false)
      expect(request.headers.cookie).toBeUndefined()
    }
  })

  it('finds LM Studio the same way, and both at once', async () => {
    const detector = new LocalServerDetector({
      ollama: `${tagsOnly.url}/v1`,
      lmstudio: `${ollamaLike.baseURL}/`,
    })
    expect(await detector.detect()).toEqual([
      { kind: 'ollama', name: 'Ollama', preset: 'ollama', baseURL: `${tagsOnly.url}/v1`, models: 2 },
      { kind: 'lmstudio', name: 'LM Studio', preset: 'lmstudio', baseURL: ollamaLike.baseURL, models: 3 },
    ])
  })

  it("falls back to Ollama's own /api/tags, for Ollama only", async () => {
    const before = tagsOnly.requests.length
    const detector = new LocalServerDetector({ ollama: null, lmstudio: `${tagsOnly.url}/v1` })
    expect(await detector.detect()).toEqual([])
    expect(tagsOnly.requests.slice(before).map((r) => r.path)).toEqual(['/v1/models'])
  })

  it('finds nobody on a port nobody listens on', async () => {
    const detector = new LocalServerDetector({ ollama: nobody, lmstudio: nobody })
    expect(await detector.detect()).toEqual([])
  })

  it('gives up on a server that never answers, after its timeout', async () => {
    const detector = new LocalServerDetector(
      { ollama: `${hanging.url}/v1`, lmstudio: `${hanging.url}/v1` },
      300,
    )
    const started = performance.now()
    expect(await detector.detect()).toEqual([])
    const took = performance.now() - started
    // One deadline per server, the fallback included: not 300 ms per request asked.
    expect(took).toBeGreaterThanOrEqual(250)
    expect(took).toBeLessThan(1_500)
  })

  it('keeps to about 800 ms by default', async () => {
    const detector = new LocalServerDetector({ ollama: `${hanging.url}/v1`, lmstudio: null })
    const started = performance.now()
    expect(await detector.detect()).toEqual([])
    const took = performance.now() - started
    expect(took).toBeGreaterThanOrEqual(700)
    expect(took).toBeLessThan(3_000)
  })

  it('asks both servers at once', async () => {
    // Answers nobody until both have asked: asked one after the other, the first would time out.
    const waiting: http.ServerResponse[] = []
    const barrier = await serve((_req, res) => {
      waiting.push(res)
      if (waiting.length < 2) return
      for (const r of waiting) json(r, 200, { object: 'list', data: [{ id: 'one' }] })
    })
    try {
      const detector = new LocalServerDetector(
        { ollama: `${barrier.url}/v1`, lmstudio: `${barrier.url}/v1` },
        5_000,
      )
      expect((await detector.detect()).map((server) => server.kind)).toEqual(['ollama', 'lmstudio'])
    } finally {
      await barrier.close()
    }
  })

  it('takes an answer that is not a model list for nobody there', async () => {
    for (const server of [garbage, wrongShape, huge]) {
      const detector = new LocalServerDetector({ ollama: `${server.url}/v1`, lmstudio: `${server.url}/v1` })
      expect(await detector.detect()).toEqual([])
    }
  })

  it('asks nothing but 127.0.0.1 over plain http', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const before = ollamaLike.requests.length
      const port = ollamaLike.port
      for (const elsewhere of [
        `http://localhost:${port}/v1`,
        `https://127.0.0.1:${port}/v1`,
        `http://user:pass@127.0.0.1:${port}/v1`,
        'http://192.168.1.10:11434/v1',
        'not a url',
      ]) {
        const detector = new LocalServerDetector({ ollama: elsewhere, lmstudio: null })
        expect(await detector.detect()).toEqual([])
      }
      expect(ollamaLike.requests.length).toBe(before)
      expect(warn).toHaveBeenCalled()
      // The warning names where, never what was in the URL's credentials.
      expect(warn.mock.calls.flat().join(' ')).not.toContain('pass')
    } finally {
      warn.mockRestore()
    }
  })

  it("looks at the presets' usual ports unless told otherwise", () => {
    expect(DEFAULT_LOCAL_PROBES).toEqual({
      ollama: 'http://127.0.0.1:11434/v1',
      lmstudio: 'http://127.0.0.1:1234/v1',
    })
  })
})

describe('localProbesFromEnv', () => {
  it('reads targets, null to not look, nothing when unset', () => {
    expect(localProbesFromEnv(undefined)).toBeUndefined()
    expect(localProbesFromEnv('')).toBeUndefined()
    expect(localProbesFromEnv('{"ollama":"http://127.0.0.1:4000/v1","lmstudio":null}')).toEqual({
      ollama: 'http://127.0.0.1:4000/v1',
      lmstudio: null,
    })
    expect(localProbesFromEnv('{"lmstudio":null}')).toEqual({ lmstudio: null })
  })

  it('ignores what it cannot read, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      expect(localProbesFromEnv('{nope')).toBeUndefined()
      expect(localProbesFromEnv('{"ollama":4}')).toBeUndefined()
      expect(localProbesFromEnv('{"vllm":"http://127.0.0.1:8000/v1"}')).toBeUndefined()
      expect(warn).toHaveBeenCalledTimes(3)
    } finally {
      warn.mockRestore()
    }
  })
})
