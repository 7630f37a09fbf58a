import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryStore } from '../secrets/memory-store'
import type { SecretStore } from '../secrets/types'
import { type Db, openDatabase } from '../store/database'
import { ProviderStore } from '../store/provider-store'
import { environmentProviders, lastFourOf, ProviderRegistry } from './registry'

let dir: string
let db: Db
let store: ProviderStore

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roundtable-registry-'))
  db = openDatabase(join(dir, 'test.db')).db
  store = new ProviderStore(db)
})

afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const openaiPreset = {
  preset: 'openai' as const,
  protocol: 'openai' as const,
  headers: {},
  azure: null,
  enabled: true,
}
const ENV_KEY = 'sk-from-the-environment-1234'

describe('ProviderRegistry keys', () => {
  it("uses a preset's environment key only for the preset's own server", async () => {
    const registry = new ProviderRegistry({
      store,
      secrets: new MemoryStore(),
      env: { OPENAI_API_KEY: ENV_KEY },
    })
    const official = store.add({ ...openaiPreset, name: 'Official', baseURL: 'https://api.openai.com/v1' })
    const elsewhere = store.add({ ...openaiPreset, name: 'Elsewhere', baseURL: 'http://192.0.2.7:8000/v1' })
    expect((await registry.keyFor({ ...official, origin: 'settings', environmentKey: null })).key).toBe(
      ENV_KEY,
    )
    expect((await registry.keyFor({ ...elsewhere, origin: 'settings', environmentKey: null })).key).toBeNull()
  })

  it('shows no characters of a key too short to spare four', () => {
    expect(lastFourOf('sk-1234567890abcd')).toBe('abcd')
    expect(lastFourOf('short')).toBe('')
  })

  it('defines environment providers from key or base-URL variables, never from an invalid URL', () => {
    const entries = environmentProviders({
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1/',
      ANTHROPIC_API_KEY: 'sk-ant-0123456789',
      ANTHROPIC_BASE_URL: 'ftp://nope',
      AZURE_OPENAI_API_KEY: 'az-0123456789',
    })
    // Azure without a deployment and Anthropic with a bad URL are left out.
    expect(entries.map((e) => [e.id, e.baseURL])).toEqual([['env:openai', 'http://127.0.0.1:11434/v1']])
  })
})

describe('ProviderRegistry adapters', () => {
  it('does not cache an adapter built from settings that changed while its key was read', async () => {
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const memory = new MemoryStore()
    const slowSecrets: SecretStore = {
      backend: 'memory',
      get: async (account) => {
        await held
        return memory.get(account)
      },
      set: (account, secret) => memory.set(account, secret),
      delete: (account) => memory.delete(account),
    }
    const registry = new ProviderRegistry({ store, secrets: slowSecrets, env: {} })
    const provider = store.add({
      ...openaiPreset,
      preset: 'custom',
      name: 'Mine',
      baseURL: 'http://127.0.0.1:1/v1',
    })
    const building = registry.provider(provider.id)
    store.update(provider.id, { baseURL: 'http://127.0.0.1:2/v1' })
    registry.invalidate(provider.id)
    release()
    expect((await building)?.baseURL).toBe('http://127.0.0.1:1/v1')
    expect((await registry.provider(provider.id))?.baseURL).toBe('http://127.0.0.1:2/v1')
    // Once built from current settings, the adapter is reused.
    expect(await registry.provider(provider.id)).toBe(await registry.provider(provider.id))
  })
})
