// Providers from Settings, end to end under Node: the calls the Settings screen makes, against the
// fake provider over real HTTP, with a real SQLite file.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PROVIDER_PRESETS } from '../src/shared/providers'
import { english } from '../src/shared/wording'
import { type Harness, startHarness, TEST_KEY } from './support/core-harness'
import { closedPort } from './support/ports'
import { startHttpProxy } from './support/proxies/http-proxy'

let harness: Harness | null = null

afterEach(async () => {
  await harness?.close()
  harness = null
})

/** A core with no provider from the environment: everything comes from Settings. */
async function settingsOnly(): Promise<Harness> {
  harness = await startHarness({ env: { OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ROUNDTABLE_MODEL: '' } })
  return harness
}

/** Every file in the data folder, its subfolders (the logs) included. */
function dataFileBytes(h: Harness): Buffer {
  h.core.db.pragma('wal_checkpoint(TRUNCATE)')
  return Buffer.concat(
    readdirSync(h.dataDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name))),
  )
}

const customDraft = (h: Harness, name = 'My server') => ({
  preset: 'custom' as const,
  name,
  baseURL: `${h.fake.baseURL}/`,
  headers: { 'X-Team': 'roundtable' },
  azure: null,
})

describe('providers in Settings', () => {
  it('adds a custom provider with a pasted key, tests it, lists its models and chats with it', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const draft = customDraft(h)
    const tested = await handlers.testConnection({ providerId: null, draft, apiKey: `  ${TEST_KEY}\n` })
    expect(tested).toMatchObject({ ok: true })
    expect(tested.ok && tested.models.map((m) => m.id)).toEqual(['fake-small', 'fake-large'])

    const view = await handlers.addProvider({ ...draft, apiKey: `  ${TEST_KEY}\n` })
    expect(view.baseURL).toBe(h.fake.baseURL)
    expect(view.key).toEqual({ kind: 'stored', backend: 'memory', lastFour: TEST_KEY.slice(-4) })
    expect(JSON.stringify(view)).not.toContain(TEST_KEY)

    const refreshed = await handlers.testConnection({ providerId: view.id, draft })
    expect(refreshed.ok).toBe(true)
    const [listed] = await handlers.listProviders(undefined)
    expect(listed?.models.map((m) => m.id)).toEqual(['fake-large', 'fake-small'].sort())
    expect(listed?.modelsFetchedAt).toEqual(expect.any(Number))

    const chat = await handlers.createChat(undefined)
    await handlers.updateChatSettings({ chatId: chat.id, providerId: view.id, model: 'fake-large' })
    const sent = await handlers.sendMessage({ chatId: chat.id, text: 'hello there' })
    await h.core.chats.settle()
    const answer = (await handlers.openChat({ chatId: chat.id })).messages.at(-1)
    // The model is chosen inside the pipeline: the answer records it once chosen, not at send time.
    expect(answer).toMatchObject({
      id: sent.assistantMessage.id,
      status: 'complete',
      content: 'Echo: hello there',
      model: 'fake-large',
    })
    const request = h.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)
    expect(request?.headers['x-team']).toBe('roundtable')
    expect(dataFileBytes(h).includes(Buffer.from(TEST_KEY))).toBe(false)
  })

  it('every preset can be added, tested and chatted with against a compatible local server', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    for (const preset of PROVIDER_PRESETS) {
      const draft = {
        preset: preset.id,
        name: `${preset.label} test`,
        baseURL: preset.protocol === 'openai' ? h.fake.baseURL : h.fake.origin,
        headers: {},
        azure:
          preset.protocol === 'azure-openai'
            ? { deployment: 'fake-deployment', apiVersion: '2024-10-21' }
            : null,
      }
      const tested = await handlers.testConnection({ providerId: null, draft, apiKey: TEST_KEY })
      expect(tested, preset.id).toMatchObject({ ok: true })
      const view = await handlers.addProvider({ ...draft, apiKey: TEST_KEY })
      const chat = await handlers.createChat(undefined)
      await handlers.updateChatSettings({ chatId: chat.id, providerId: view.id })
      await handlers.sendMessage({ chatId: chat.id, text: `hello ${preset.id}` })
      await h.core.chats.settle()
      const answer = (await handlers.openChat({ chatId: chat.id })).messages.at(-1)
      expect(answer, preset.id).toMatchObject({ status: 'complete', content: `Echo: hello ${preset.id}` })
    }
    expect(h.fake.schemaErrors).toEqual([])
  })

  it('refuses bad input inline and saves nothing', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const base = customDraft(h)
    await expect(handlers.addProvider({ ...base, baseURL: 'ftp://example.com' })).rejects.toThrow(
      /https:\/\/ or http:\/\//,
    )
    await expect(handlers.addProvider({ ...base, baseURL: 'not a url' })).rejects.toThrow(/not a URL/)
    await expect(
      handlers.addProvider({ ...base, baseURL: 'https://user:pw@example.com/v1' }),
    ).rejects.toThrow(/not in the URL/)
    await expect(handlers.addProvider({ ...base, headers: { Authorization: 'Bearer x' } })).rejects.toThrow(
      /stored unencrypted/,
    )
    await expect(handlers.addProvider({ ...base, name: '   ' })).rejects.toThrow(/name/)
    expect(await handlers.listProviders(undefined)).toEqual([])

    await handlers.addProvider(base)
    await expect(handlers.addProvider({ ...base, name: 'MY SERVER' })).rejects.toThrow(
      /already a provider called/,
    )
    expect(await handlers.listProviders(undefined)).toHaveLength(1)
  })

  it('edits a provider: rename, new base URL, turn off and on; names stay unique', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const view = await handlers.addProvider({ ...customDraft(h), apiKey: TEST_KEY })
    await handlers.addProvider(customDraft(h, 'Other'))
    const renamed = await handlers.updateProvider({ providerId: view.id, name: 'Renamed', headers: {} })
    expect(renamed).toMatchObject({ name: 'Renamed', headers: {}, key: { lastFour: TEST_KEY.slice(-4) } })
    expect((await handlers.updateProvider({ providerId: view.id, name: 'Renamed' })).name).toBe('Renamed')
    expect((await handlers.updateProvider({ providerId: view.id, enabled: false })).enabled).toBe(false)
    expect((await handlers.updateProvider({ providerId: view.id, enabled: true })).enabled).toBe(true)
    await expect(handlers.updateProvider({ providerId: view.id, name: 'other' })).rejects.toThrow(
      /already a provider/,
    )
    await expect(
      handlers.updateProvider({ providerId: view.id, baseURL: 'javascript:alert(1)' }),
    ).rejects.toThrow(/https:\/\//)
    // Testing a draft is about the connection, not the name: a taken name does not stop it.
    const tested = await handlers.testConnection({
      providerId: null,
      draft: customDraft(h, 'Other'),
      apiKey: TEST_KEY,
    })
    expect(tested.ok).toBe(true)
  })

  it('a changed key or base URL takes effect on the next message', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const view = await handlers.addProvider({ ...customDraft(h), apiKey: TEST_KEY })
    const chat = await handlers.createChat(undefined)
    await handlers.updateChatSettings({ chatId: chat.id, providerId: view.id })
    const lastAnswer = async (text: string) => {
      await handlers.sendMessage({ chatId: chat.id, text })
      await h.core.chats.settle()
      return (await handlers.openChat({ chatId: chat.id })).messages.at(-1)
    }
    expect(await lastAnswer('one')).toMatchObject({ status: 'complete' })
    await handlers.setProviderKey({ providerId: view.id, apiKey: 'sk-revoked-0000' })
    expect((await lastAnswer('two'))?.error).toMatch(/rejected the API key/)
    await handlers.setProviderKey({ providerId: view.id, apiKey: TEST_KEY })
    expect(await lastAnswer('three')).toMatchObject({ status: 'complete' })
    await handlers.updateProvider({
      providerId: view.id,
      baseURL: `http://127.0.0.1:${await closedPort()}/v1`,
    })
    // Another port is another server: the stored key stays behind until it is typed again.
    expect((await lastAnswer('four'))?.error).toMatch(/only sends a key to the server it was saved for/)
    await handlers.setProviderKey({ providerId: view.id, apiKey: TEST_KEY })
    expect((await lastAnswer('five'))?.error).toMatch(/connection refused/)
  })

  it('a turned-off provider is not used, and a chat that picked it says so', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const view = await handlers.addProvider({ ...customDraft(h), apiKey: TEST_KEY })
    const chat = await handlers.createChat(undefined)
    await handlers.updateChatSettings({ chatId: chat.id, providerId: view.id })
    await handlers.updateProvider({ providerId: view.id, enabled: false })
    await handlers.sendMessage({ chatId: chat.id, text: 'hello' })
    await h.core.chats.settle()
    const answer = (await handlers.openChat({ chatId: chat.id })).messages.at(-1)
    expect(answer?.error).toMatch(/turned off in Settings/)
  })

  it('sends provider calls through a custom proxy whose password stays out of settings', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const proxy = await startHttpProxy({
      auth: { username: 'team', password: 'pr0xy-s3cret' },
      // Only the proxy knows where this host is, so an answer proves the call went through it.
      resolve: (host) => (host === 'models.internal.test' ? '127.0.0.1' : host),
    })
    try {
      const proxyURL = new URL(proxy.url)
      proxyURL.username = 'team'
      proxyURL.password = 'pr0xy-s3cret'
      const saved = await handlers.updateSettings({
        proxy: { mode: 'custom', url: proxyURL.href, bypass: [] },
      })
      expect(saved.proxy).toEqual({ mode: 'custom', url: `http://team@127.0.0.1:${proxy.port}`, bypass: [] })
      expect(JSON.stringify(await handlers.getSettings(undefined))).not.toContain('pr0xy-s3cret')
      // Saving the URL as Settings shows it (user name, no password) keeps the password.
      await handlers.updateSettings({ proxy: saved.proxy })

      const upstream = h.fake.baseURL.replace('127.0.0.1', 'models.internal.test')
      const view = await handlers.addProvider({ ...customDraft(h), baseURL: upstream, apiKey: TEST_KEY })
      const chat = await handlers.createChat(undefined)
      await handlers.updateChatSettings({ chatId: chat.id, providerId: view.id, model: 'fake-small' })
      await handlers.sendMessage({ chatId: chat.id, text: 'via the proxy' })
      await h.core.chats.settle()
      const answer = (await handlers.openChat({ chatId: chat.id })).messages.at(-1)
      expect(answer).toMatchObject({ status: 'complete', content: 'Echo: via the proxy' })
      expect(proxy.targets.some((target) => target.includes('models.internal.test'))).toBe(true)
      expect(dataFileBytes(h).includes(Buffer.from('pr0xy-s3cret'))).toBe(false)

      await handlers.updateSettings({ proxy: { mode: 'none' } })
      await handlers.sendMessage({ chatId: chat.id, text: 'direct' })
      await h.core.chats.settle()
      const direct = (await handlers.openChat({ chatId: chat.id })).messages.at(-1)
      expect(direct?.error).toMatch(/Could not reach/)
    } finally {
      await proxy.close()
    }
  })

  it('warns that a key would travel unencrypted to a non-loopback http address', async () => {
    const h = await settingsOnly()
    const view = await h.core.handlers.addProvider({
      ...customDraft(h),
      baseURL: 'http://192.0.2.10:8080/v1',
    })
    expect(view.warnings.map(english).join(' ')).toMatch(/unencrypted/)
    const local = await h.core.handlers.addProvider({
      ...customDraft(h, 'Local'),
      baseURL: 'http://localhost:1234/v1',
    })
    expect(local.warnings).toEqual([])
  })

  it('names why a connection test failed: wrong key, wrong base URL, refused, unknown host', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const wrongKey = await handlers.testConnection({
      providerId: null,
      draft: customDraft(h),
      apiKey: 'sk-wrong-1234',
    })
    expect(wrongKey).toMatchObject({ ok: false, reason: 'auth' })
    expect(JSON.stringify(wrongKey)).not.toContain('sk-wrong')

    const wrongPath = await handlers.testConnection({
      providerId: null,
      draft: { ...customDraft(h), baseURL: `${h.fake.baseURL}/nope` },
      apiKey: TEST_KEY,
    })
    expect(wrongPath).toMatchObject({ ok: false, reason: 'not-found' })

    const refused = await handlers.testConnection({
      providerId: null,
      draft: { ...customDraft(h), baseURL: `http://127.0.0.1:${await closedPort()}/v1` },
      apiKey: TEST_KEY,
    })
    expect(refused).toMatchObject({ ok: false, reason: 'refused' })

    const unknownHost = await handlers.testConnection({
      providerId: null,
      draft: { ...customDraft(h), baseURL: 'https://no-such-host.invalid/v1' },
      apiKey: TEST_KEY,
    })
    expect(unknownHost).toMatchObject({ ok: false, reason: 'dns' })
  })

  it('replaces and removes a key; deleting the provider removes its key and keeps chats', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const view = await handlers.addProvider({ ...customDraft(h), apiKey: 'sk-first-aaaa' })
    expect(view.key).toMatchObject({ lastFour: 'aaaa' })
    expect(
      (await handlers.setProviderKey({ providerId: view.id, apiKey: ' sk-second-bbbb ' })).key,
    ).toMatchObject({
      lastFour: 'bbbb',
    })
    expect((await handlers.setProviderKey({ providerId: view.id, apiKey: null })).key).toEqual({
      kind: 'not-set',
    })
    await handlers.setProviderKey({ providerId: view.id, apiKey: TEST_KEY })

    const chat = await handlers.createChat(undefined)
    await handlers.updateChatSettings({ chatId: chat.id, providerId: view.id, model: 'fake-small' })
    await handlers.sendMessage({ chatId: chat.id, text: 'before' })
    await h.core.chats.settle()

    await handlers.deleteProvider({ providerId: view.id })
    expect(await handlers.listProviders(undefined)).toEqual([])
    const thread = await handlers.openChat({ chatId: chat.id })
    expect(thread.messages.map((m) => m.content)).toEqual(['before', 'Echo: before'])

    await handlers.sendMessage({ chatId: chat.id, text: 'after' })
    await h.core.chats.settle()
    const answer = (await handlers.openChat({ chatId: chat.id })).messages.at(-1)
    expect(answer?.status).toBe('error')
    expect(answer?.error).toMatch(/removed\. Pick another model/)
  })

  it('switches provider mid-chat and sends the whole history to the new one', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const first = await handlers.addProvider({ ...customDraft(h, 'First'), apiKey: TEST_KEY })
    const second = await handlers.addProvider({ ...customDraft(h, 'Second'), apiKey: TEST_KEY })
    const chat = await handlers.createChat(undefined)
    await handlers.updateChatSettings({ chatId: chat.id, providerId: first.id, model: 'fake-small' })
    await handlers.sendMessage({ chatId: chat.id, text: 'one' })
    await h.core.chats.settle()
    await handlers.updateChatSettings({
      chatId: chat.id,
      providerId: second.id,
      model: 'fake-large',
      systemPrompt: 'Be brief.',
      params: { temperature: 0.2, maxTokens: 50 },
    })
    await handlers.sendMessage({ chatId: chat.id, text: 'two' })
    await h.core.chats.settle()
    const request = h.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)
    expect(request?.body).toMatchObject({
      model: 'fake-large',
      temperature: 0.2,
      max_tokens: 50,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'Echo: one' },
        { role: 'user', content: 'two' },
      ],
    })
    const answers = (await handlers.openChat({ chatId: chat.id })).messages.filter(
      (m) => m.role === 'assistant',
    )
    expect(answers.map((m) => m.model)).toEqual(['fake-small', 'fake-large'])
    expect(h.fake.schemaErrors).toEqual([])
  })

  it('uses the default provider and model from Settings for chats that chose none', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    await handlers.addProvider({ ...customDraft(h, 'A'), apiKey: TEST_KEY })
    const b = await handlers.addProvider({ ...customDraft(h, 'B'), apiKey: TEST_KEY })
    await handlers.updateSettings({
      defaultProviderId: b.id,
      defaultModel: 'fake-large',
      defaultSystemPrompt: 'Hi.',
    })
    const chat = await handlers.createChat(undefined)
    await handlers.sendMessage({ chatId: chat.id, text: 'x' })
    await h.core.chats.settle()
    expect((await handlers.openChat({ chatId: chat.id })).messages.at(-1)?.model).toBe('fake-large')
    const body = h.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as {
      messages: unknown[]
    }
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Hi.' })
  })

  it('shows environment providers read-only, key as "from environment" with its last four characters', async () => {
    harness = await startHarness()
    const { handlers } = harness.core
    const [env] = await handlers.listProviders(undefined)
    expect(env).toMatchObject({
      id: 'env:openai',
      origin: 'environment',
      key: { kind: 'from-environment', variable: 'OPENAI_API_KEY', lastFour: TEST_KEY.slice(-4) },
    })
    await expect(handlers.deleteProvider({ providerId: 'env:openai' })).rejects.toThrow(
      /environment variables/,
    )
    await expect(handlers.setProviderKey({ providerId: 'env:openai', apiKey: 'x' })).rejects.toThrow(
      /environment variables/,
    )
  })

  it('keeps an edited listed model listed, with the edit, through a refresh of the list', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const draft = customDraft(h)
    const view = await handlers.addProvider({ ...draft, apiKey: TEST_KEY })
    await handlers.testConnection({ providerId: view.id, draft })
    const listed = (await handlers.listProviders(undefined))[0]?.models.find((m) => m.id === 'fake-small')
    expect(listed).toMatchObject({ source: 'listed' })
    expect(listed?.edited).toBeUndefined()
    const { source: _source, ...fields } = listed ?? ({} as never)
    await handlers.saveModel({ providerId: view.id, model: { ...fields, displayName: 'Small one' } })

    await handlers.testConnection({ providerId: view.id, draft })
    const models = (await handlers.listProviders(undefined))[0]?.models ?? []
    expect(models.find((m) => m.id === 'fake-small')).toMatchObject({
      source: 'listed',
      edited: true,
      displayName: 'Small one',
    })
    expect(models.find((m) => m.id === 'fake-large')?.edited).toBeUndefined()
    // A model typed in by hand is the person's own, not an edit.
    await handlers.saveModel({ providerId: view.id, model: { ...fields, id: 'typed-in', displayName: null } })
    const typed = (await handlers.listProviders(undefined))[0]?.models.find((m) => m.id === 'typed-in')
    expect(typed).toMatchObject({ source: 'manual' })
    expect(typed?.edited).toBeUndefined()
  })

  it('exports without keys and imports the export, skipping names that exist', async () => {
    const h = await settingsOnly()
    const { handlers } = h.core
    const view = await handlers.addProvider({ ...customDraft(h), apiKey: TEST_KEY })
    await handlers.saveModel({
      providerId: view.id,
      model: {
        id: 'my-model',
        displayName: 'Mine',
        contextWindow: 8192,
        maxOutputTokens: null,
        inputPrice: 1,
        outputPrice: 2,
        vision: false,
        reasoning: true,
      },
    })
    const { json } = await handlers.exportProviders(undefined)
    expect(json).not.toContain(TEST_KEY)
    expect(json).not.toContain(TEST_KEY.slice(-8))
    expect(JSON.parse(json).providers[0]).toMatchObject({ name: 'My server', models: [{ id: 'my-model' }] })

    expect(await handlers.importProviders({ json })).toEqual({
      added: [],
      skipped: ['My server (a provider with that name exists)'],
    })
    await handlers.deleteProvider({ providerId: view.id })
    const result = await handlers.importProviders({ json })
    expect(result.added).toEqual(['My server'])
    const [imported] = await handlers.listProviders(undefined)
    expect(imported?.key).toEqual({ kind: 'not-set' })
    expect(imported?.models.find((m) => m.id === 'my-model')).toMatchObject({
      reasoning: true,
      inputPrice: 1,
    })
    await expect(handlers.importProviders({ json: '{"hello": 1}' })).rejects.toThrow(
      /not a Roundtable provider export/,
    )
  })
})
