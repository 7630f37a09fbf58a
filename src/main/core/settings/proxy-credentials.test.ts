import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryStore } from '../secrets/memory-store'
import { type Db, openDatabase } from '../store/database'
import { SettingsStore } from '../store/settings-store'
import { AppSettingsStore } from './app-settings'
import { ProxyCredentials } from './proxy-credentials'

let dir: string
let db: Db
let secrets: MemoryStore
let proxy: ProxyCredentials

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-proxy-'))
  db = openDatabase(join(dir, 'roundtable.db')).db
  secrets = new MemoryStore()
  proxy = new ProxyCredentials(new AppSettingsStore(new SettingsStore(db)), secrets)
})

afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const custom = (url: string) => ({ mode: 'custom' as const, url, bypass: [] })

describe('a proxy password belongs to the proxy it was typed for', () => {
  it('keeps it when the same proxy is saved again with only its user name', async () => {
    await proxy.save(custom('http://team:s3cret@127.0.0.1:8080'))
    await proxy.save(custom('http://team@127.0.0.1:8080'))
    expect(await proxy.effective()).toMatchObject({ url: 'http://team:s3cret@127.0.0.1:8080' })
  })

  it('drops it when the proxy moves to another host or port, so the new one never receives it', async () => {
    await proxy.save(custom('http://team:s3cret@127.0.0.1:8080'))
    await proxy.save(custom('http://team@127.0.0.1:9090'))
    expect(await proxy.effective()).toMatchObject({ url: 'http://team@127.0.0.1:9090' })
    expect(await secrets.get('proxy:custom')).toBeNull()
  })

  it('drops it when the user name changes', async () => {
    await proxy.save(custom('http://team:s3cret@127.0.0.1:8080'))
    await proxy.save(custom('http://other@127.0.0.1:8080'))
    expect(await secrets.get('proxy:custom')).toBeNull()
  })
})
