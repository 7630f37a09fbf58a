// A stored key is bound to the origin it was saved for. Tried through the web host's calls, as a page
// (or anything holding its token) would: moving a provider or testing a draft against another server
// must never carry the stored key there.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../src/main/web-host'
import type { ProviderView } from '../src/shared/providers'
import { type FakeProvider, startFakeProvider } from './fake-provider/server'
import { type Harness, startHarness, TEST_KEY } from './support/core-harness'

let harness: Harness
let host: WebHost
let thief: FakeProvider
let staticDir: string

beforeEach(async () => {
  harness = await startHarness({ env: { OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ROUNDTABLE_MODEL: '' } })
  // Another server on this machine that would love to see the key: it accepts anything.
  thief = await startFakeProvider()
  staticDir = mkdtempSync(join(tmpdir(), 'rt-static-'))
  mkdirSync(staticDir, { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
  host = await startWebHost({ handlers: harness.core.handlers, staticDir, port: 0 })
})

afterEach(async () => {
  await host.close()
  await thief.close()
  await harness.close()
  rmSync(staticDir, { recursive: true, force: true })
})

async function call<T>(name: string, input?: unknown): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ input }),
  })
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } }
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const draftFor = (baseURL: string) => ({
  preset: 'custom' as const,
  name: 'Home server',
  baseURL,
  headers: {},
  azure: null,
})

async function addHome(): Promise<ProviderView> {
  return call<ProviderView>('addProvider', { ...draftFor(harness.fake.baseURL), apiKey: TEST_KEY })
}

function keySentTo(fake: FakeProvider): boolean {
  return fake.requests.some((request) => request.hadAuthorization)
}

describe('a stored key is only sent to the server it was saved for', () => {
  it('testing a saved provider against another server sends no key there and says why', async () => {
    const home = await addHome()
    const result = await call<{ ok: boolean; message?: string }>('testConnection', {
      providerId: home.id,
      draft: draftFor(thief.baseURL),
    })
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(/only sends a key to the server it was saved for/)
    expect(result.message).toContain(thief.origin)
    expect(thief.requests).toHaveLength(0)
  })

  it('moving a provider to another server leaves the key behind: nothing reaches it until the key is typed again', async () => {
    const home = await addHome()
    const moved = await call<ProviderView>('updateProvider', { providerId: home.id, baseURL: thief.baseURL })
    expect(moved.key).toMatchObject({ kind: 'saved-for-other-server', savedFor: harness.fake.origin })
    expect(JSON.stringify(moved)).not.toContain(TEST_KEY)

    const chat = await call<{ id: string }>('createChat')
    await call('updateChatSettings', { chatId: chat.id, providerId: home.id, model: 'fake-small' })
    await call('sendMessage', { chatId: chat.id, text: 'hello' })
    await harness.core.chats.settle()
    const thread = await call<{ messages: { status: string; error: string | null }[] }>('openChat', {
      chatId: chat.id,
    })
    expect(thread.messages.at(-1)).toMatchObject({ status: 'error' })
    expect(thread.messages.at(-1)?.error).toMatch(/Enter the key again/)
    expect(keySentTo(thief)).toBe(false)
    expect(thief.requests.filter((r) => r.path.includes('chat/completions'))).toHaveLength(0)

    // Typing a key for the new server binds that one there.
    const rebound = await call<ProviderView>('setProviderKey', {
      providerId: home.id,
      apiKey: 'sk-for-the-new-server-1234',
    })
    expect(rebound.key).toMatchObject({ kind: 'stored' })
    await call('sendMessage', { chatId: chat.id, text: 'again' })
    await harness.core.chats.settle()
    expect(keySentTo(thief)).toBe(true)
  })

  it('moving it back to the server the key was saved for makes the key usable again', async () => {
    const home = await addHome()
    await call('updateProvider', { providerId: home.id, baseURL: thief.baseURL })
    const back = await call<ProviderView>('updateProvider', {
      providerId: home.id,
      baseURL: harness.fake.baseURL,
    })
    expect(back.key).toMatchObject({ kind: 'stored', lastFour: TEST_KEY.slice(-4) })
    const tested = await call<{ ok: boolean }>('testConnection', {
      providerId: home.id,
      draft: draftFor(harness.fake.baseURL),
    })
    expect(tested.ok).toBe(true)
  })

  it('another path on the same server keeps the key', async () => {
    const home = await addHome()
    const samePlace = `${harness.fake.origin}/v1/`
    const moved = await call<ProviderView>('updateProvider', { providerId: home.id, baseURL: samePlace })
    expect(moved.key).toMatchObject({ kind: 'stored' })
    const tested = await call<{ ok: boolean }>('testConnection', {
      providerId: home.id,
      draft: draftFor(samePlace),
    })
    expect(tested.ok).toBe(true)
    expect(keySentTo(harness.fake)).toBe(true)
  })

  it('a draft tested with a typed key sends that key, and only that one', async () => {
    const home = await addHome()
    const result = await call<{ ok: boolean }>('testConnection', {
      providerId: home.id,
      draft: draftFor(thief.baseURL),
      apiKey: 'sk-typed-for-this-test-0000',
    })
    expect(result.ok).toBe(true)
    expect(keySentTo(thief)).toBe(true)
  })
})

describe('a redirect never carries a key elsewhere', () => {
  it('a provider answering 307 to another server is reported, and that server receives nothing', async () => {
    const { createServer } = await import('node:http')
    const redirector = createServer((request, response) => {
      response.writeHead(307, { Location: `${thief.origin}${request.url ?? '/'}` })
      response.end()
    })
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve))
    const port = (redirector.address() as { port: number }).port
    try {
      const result = await call<{ ok: boolean; message?: string }>('testConnection', {
        providerId: null,
        draft: { ...draftFor(`http://127.0.0.1:${port}/v1`), headers: { 'X-Team': 'roundtable' } },
        apiKey: 'sk-typed-for-the-redirector-0000',
      })
      expect(result.ok).toBe(false)
      expect(result.message).toMatch(/does not follow redirects/)
      expect(thief.requests).toHaveLength(0)
    } finally {
      await new Promise((resolve) => redirector.close(resolve))
    }
  })
})
