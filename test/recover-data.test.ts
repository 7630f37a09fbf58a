// Recovery as a person meets it: the app starts on a damaged file, says so with a Recover data action,
// and the action reopens the app on a new file holding everything that could be read.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Core, createCore, DATABASE_FILE } from '../src/main/core/app-core'
import { acquireDataLock, DatabaseInUseError } from '../src/main/core/store/database'
import { findDamage } from '../src/main/core/store/page-check'
import { buildFile, damageMessagePages } from './support/damaged-file'

let dataDir: string
let core: Core | null = null

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'rt-recover-'))
})

afterEach(async () => {
  await core?.close()
  core = null
  rmSync(dataDir, { recursive: true, force: true })
})

const open = () => createCore({ dataDir, env: {}, sink: { emit: () => {} }, version: 'test', keytar: null })

describe('Recover data', () => {
  it('is offered for a damaged file and reopens the app on what could be read', async () => {
    const path = join(dataDir, DATABASE_FILE)
    buildFile(path, 12, 40)
    damageMessagePages(path, 2)

    core = await open()
    expect((await core.pageCheck).length).toBeGreaterThan(0)
    const status = await core.handlers.getStatus(undefined)
    const notice = status.notices.find((n) => n.action === 'recover-data')
    expect(notice?.text).toMatch(/Part of the data file is damaged/)

    // A key held only in memory (no keychain here) must survive the swap of the file.
    const provider = await core.handlers.addProvider({
      preset: 'custom',
      name: 'Kept',
      baseURL: 'http://127.0.0.1:9/v1',
      headers: {},
      azure: null,
      apiKey: 'sk-held-in-memory-0000',
    })

    const { message } = await core.handlers.recoverData(undefined)
    expect(message).toMatch(/recovered 12 chats and \d+ messages/)
    expect(message).toMatch(/some damaged parts could not be read/)

    // The same handlers now reach the new file.
    const after = await core.handlers.getStatus(undefined)
    expect(after.notices.some((n) => n.action === 'recover-data')).toBe(false)
    expect(after.notices.map((n) => n.text)).toContain(message)
    const chats = await core.handlers.listChats(undefined)
    expect(chats).toHaveLength(12)
    for (const chat of chats) {
      const thread = await core.handlers.openChat({ chatId: chat.id })
      expect(thread.messages.length).toBeGreaterThan(0)
    }
    const [keptProvider] = (await core.handlers.listProviders(undefined)).filter((p) => p.id === provider.id)
    expect(keptProvider?.key).toMatchObject({ kind: 'stored', backend: 'memory', lastFour: '0000' })
    // And it works for new writes.
    const fresh = await core.handlers.createChat(undefined)
    expect((await core.handlers.listChats(undefined)).map((c) => c.id)).toContain(fresh.id)

    // The damaged file is kept as it was when Roundtable let go of it: still damaged, not repaired in place.
    const kept = /kept at (\S+)\.$/.exec(message)?.[1] as string
    const probe = new Database(kept, { readonly: true })
    try {
      expect(findDamage(probe)).not.toEqual([])
    } finally {
      probe.close()
    }
  })
})

describe('Recover data, around the swap', () => {
  it('is refused for a sound file, with a sentence', async () => {
    buildFile(join(dataDir, DATABASE_FILE), 2, 2)
    core = await open()
    await expect(core.handlers.recoverData(undefined)).rejects.toThrow(/shows no damage/)
  })

  it('runs once when asked twice at the same time, and keeps the folder locked throughout', async () => {
    const path = join(dataDir, DATABASE_FILE)
    buildFile(path, 6, 40)
    damageMessagePages(path, 2)
    core = await open()
    const [first, second] = await Promise.all([
      core.handlers.recoverData(undefined),
      core.handlers.recoverData(undefined),
    ])
    expect(second).toEqual(first)
    expect(
      readdirSync(dataDir).filter(
        (name) => name.includes('.damaged-') && !name.endsWith('-shm') && !name.endsWith('-wal'),
      ),
    ).toHaveLength(1)
    // No other Roundtable could take the folder in between, nor now.
    expect(() => acquireDataLock(path)).toThrow(DatabaseInUseError)
    await core.close()
    core = null
    acquireDataLock(path).release()
  })

  it('a close during the swap waits for it and leaves nothing open', async () => {
    const path = join(dataDir, DATABASE_FILE)
    buildFile(path, 6, 40)
    damageMessagePages(path, 2)
    core = await open()
    const recovering = core.handlers.recoverData(undefined)
    await core.close()
    await recovering
    core = null
    acquireDataLock(path).release()
  })
})
