// Start-up against a data file that is in the wrong place, unwritable, on a full disk, from a newer
// version, or damaged; and recovery of what a damaged file still holds.
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildFile, damageMessagePages } from '../../../../test/support/damaged-file'
import { mountSmallDisk, type SmallDisk, smallDisksUnavailable } from '../../../../test/support/tmpfs'
import { ChatStore } from './chat-store'
import { DatabaseTooNewError, DataFileError, latestSchemaVersion, openDatabase } from './database'
import { migrations } from './migrations'
import { checkPagesInBackground, findDamage } from './page-check'
import { recoverFile } from './recovery'
import { storageFailure } from './storage-errors'

let dir: string
let dbPath: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-file-'))
  dbPath = join(dir, 'roundtable.db')
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function startupError(path: string): DataFileError {
  try {
    openDatabase(path).db.close()
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError)
    return error as DataFileError
  }
  throw new Error('openDatabase succeeded')
}

describe('a newer database', () => {
  it('is refused without creating -wal or -shm beside it, even in WAL mode', () => {
    const raw = new Database(dbPath)
    raw.pragma('journal_mode = WAL')
    raw.exec('CREATE TABLE future (x)')
    raw.pragma(`user_version = ${latestSchemaVersion + 7}`)
    raw.close()
    const before = readFileSync(dbPath)
    const listing = readdirSync(dir)
    expect(() => openDatabase(dbPath)).toThrow(DatabaseTooNewError)
    expect(readFileSync(dbPath).equals(before)).toBe(true)
    expect(readdirSync(dir)).toEqual(listing)
  })
})

describe('start-up messages name the path and the cause', () => {
  it('says so when roundtable.db is a folder', () => {
    mkdirSync(dbPath)
    const error = startupError(dbPath)
    expect(error.message).toContain(dbPath)
    expect(error.message).toMatch(/is a folder, not a file/)
    expect(error.message).not.toMatch(/disk I\/O error/)
  })

  it('says so when part of the data folder path is a file', () => {
    writeFileSync(join(dir, 'plain-file'), 'x')
    const error = startupError(join(dir, 'plain-file', 'roundtable.db'))
    expect(error.message).toMatch(/is a file, not a folder/)
  })

  const unavailable = smallDisksUnavailable()
  const skipped = unavailable ? ` (skipped: ${unavailable})` : ''

  describe.skipIf(unavailable !== null)(`on a real small disk${skipped}`, () => {
    let disk: SmallDisk
    beforeEach(() => {
      const mounted = mountSmallDisk(256)
      if ('unavailable' in mounted) throw new Error(mounted.unavailable)
      disk = mounted
    })
    afterEach(() => disk.unmount())

    it('a read-only data folder is named read-only, with its path', () => {
      disk.readOnly()
      const path = join(disk.path, 'roundtable.db')
      const error = startupError(path)
      expect(error.message).toContain(disk.path)
      expect(error.message).toMatch(/read-only/)
      expect(error.message).not.toMatch(/unable to open database file/)
    })

    it('a full disk is named as such, with the path', () => {
      const filler = openSync(join(disk.path, 'filler'), 'w')
      try {
        const block = Buffer.alloc(4096, 1)
        for (;;) writeSync(filler, block)
      } catch {
        // ENOSPC: the disk is full now.
      } finally {
        closeSync(filler)
      }
      const error = startupError(join(disk.path, 'roundtable.db'))
      expect(error.message).toMatch(/no space left/)
      expect(error.message).toContain(join(disk.path, 'roundtable.db'))
    })
  })
})

describe('storage failures during a call', () => {
  it('a full database (SQLite at its size limit) is worded as a full disk, not as an internal error', () => {
    const { db } = openDatabase(dbPath)
    try {
      const store = new ChatStore(db)
      const chat = store.createChat()
      const pages = db.pragma('page_count', { simple: true }) as number
      db.pragma(`max_page_count = ${pages}`)
      let caught: unknown
      try {
        for (let i = 0; i < 100; i++)
          store.addMessage({
            chatId: chat.id,
            parentId: null,
            role: 'user',
            content: 'x'.repeat(8_000),
            status: 'complete',
          })
      } catch (error) {
        caught = error
      }
      expect((caught as { code?: string }).code).toBe('SQLITE_FULL')
      expect(storageFailure(caught)?.message).toMatch(/The disk is full/)
    } finally {
      db.close()
    }
  })
})

describe('a file with two damaged pages', () => {
  it('is found by the background check while the app has it open, and recovery keeps every readable row in a new file and the damaged one as it was', async () => {
    buildFile(dbPath, 20, 30)
    damageMessagePages(dbPath, 2)
    const damagedBytes = readFileSync(dbPath)

    const opened = openDatabase(dbPath)
    // The check shares the file with the open connection (WAL), from another thread.
    const found = await checkPagesInBackground(dbPath).result
    expect(found.length).toBeGreaterThan(0)
    expect(found.length).toBeLessThanOrEqual(20)
    opened.db.close()

    const report = recoverFile(dbPath, migrations, new Date('2026-01-02T03:04:05.000Z'))
    expect(report.damagedFile).toBe(`${dbPath}.damaged-2026-01-02T03-04-05-000Z`)
    expect(readFileSync(report.damagedFile).equals(damagedBytes)).toBe(true)
    const messages = report.tables.find((t) => t.table === 'messages')
    const chats = report.tables.find((t) => t.table === 'chats')
    expect(chats?.copied).toBe(20)
    // Two leaf pages hold a handful of rows each; everything else came back.
    expect(messages?.copied).toBeGreaterThan(600 - 40)
    expect(messages?.copied).toBeLessThan(600)
    expect(messages?.unreadable).toBeGreaterThan(0)

    const again = openDatabase(dbPath)
    try {
      expect(findDamage(again.db)).toEqual([])
      expect(await checkPagesInBackground(dbPath).result).toEqual([])
      expect(again.db.pragma('foreign_key_check')).toEqual([])
      expect(again.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
      const store = new ChatStore(again.db)
      expect(store.listChats()).toHaveLength(20)
      // Every chat still opens on a branch that ends at its newest message.
      for (const chat of store.listChats()) expect(store.branch(chat.id).length).toBeGreaterThan(0)
    } finally {
      again.db.close()
    }
  })

  it('starts afresh, keeping the file aside untouched, when not even its schema can be read', () => {
    buildFile(dbPath, 5, 10)
    // Page 1 holds the schema of every table: garbage over all of it past the file header makes every
    // statement fail.
    const fd = openSync(dbPath, 'r+')
    try {
      writeSync(fd, Buffer.alloc(4096 - 100, 0xa5), 0, 4096 - 100, 100)
    } finally {
      closeSync(fd)
    }
    const damaged = readFileSync(dbPath)
    const opened = openDatabase(dbPath)
    try {
      expect(opened.recovered).toBeNull()
      expect(opened.movedAsideTo).toMatch(/roundtable\.db\.corrupt-/)
      expect(readFileSync(opened.movedAsideTo as string).equals(damaged)).toBe(true)
      expect(new ChatStore(opened.db).listChats()).toEqual([])
    } finally {
      opened.db.close()
    }
  })

  it('findDamage says nothing of a sound file', () => {
    buildFile(dbPath, 2, 2)
    const { db } = openDatabase(dbPath)
    try {
      expect(findDamage(db)).toEqual([])
    } finally {
      db.close()
    }
  })
})

describe('migration 3', () => {
  it('binds the keys of existing providers to the origin they point at', () => {
    const { db } = openDatabase(dbPath, { migrations: migrations.filter((m) => m.version <= 2) })
    db.prepare(
      `INSERT INTO providers (id, name, preset, protocol, base_url, created_at, updated_at)
       VALUES ('p1', 'Mine', 'custom', 'openai', 'https://llm.example.com:8443/v1', 1, 1)`,
    ).run()
    db.close()
    const upgraded = openDatabase(dbPath).db
    try {
      expect(upgraded.prepare('SELECT key_origin FROM providers').get()).toEqual({
        key_origin: 'https://llm.example.com:8443',
      })
    } finally {
      upgraded.close()
    }
  })
})

/** Writes a filler until at most `leave` bytes are free. */
function fillDisk(folder: string, leave: number): void {
  const { bavail, bsize } = statfsSync(folder)
  const room = bavail * bsize - leave
  if (room > 0) writeFileSync(join(folder, 'filler'), Buffer.alloc(Math.floor(room), 1))
}

describe('recovery, at its edges', () => {
  it('follows the rows there are, not the spread of their ids (a row at rowid 2^40 costs one page)', () => {
    buildFile(dbPath, 3, 10)
    const raw = new Database(dbPath)
    raw
      .prepare(
        `INSERT INTO messages (rowid, id, chat_id, parent_id, role, content, status, created_at, updated_at)
         SELECT 1099511627776, 'far-away', chat_id, NULL, 'user', 'far', 'complete', 1, 1 FROM messages LIMIT 1`,
      )
      .run()
    raw.close()
    const started = performance.now()
    const report = recoverFile(dbPath, migrations, new Date())
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(report.tables.find((t) => t.table === 'messages')?.copied).toBe(31)
  })

  it("keeps the rows of tables it was not told about (a later migration's)", () => {
    buildFile(dbPath, 1, 2)
    const raw = new Database(dbPath)
    raw
      .prepare("INSERT INTO breakers (provider_id, model, state, updated_at) VALUES ('p', 'm', '{}', 1)")
      .run()
    raw.close()
    recoverFile(dbPath, migrations, new Date())
    const after = new Database(dbPath, { readonly: true })
    try {
      expect(after.prepare('SELECT count(*) AS n FROM breakers').get()).toEqual({ n: 1 })
    } finally {
      after.close()
    }
  })

  const unavailable = smallDisksUnavailable()
  it.skipIf(unavailable !== null)(
    `a full disk stops it, and the damaged file is put back as it was${unavailable ? ` (skipped: ${unavailable})` : ''}`,
    () => {
      const disk = mountSmallDisk(16 * 1024)
      if ('unavailable' in disk) throw new Error(disk.unavailable)
      try {
        const path = join(disk.path, 'roundtable.db')
        buildFile(path, 40, 40)
        damageMessagePages(path, 2)
        // Leave far less room than a second copy of the file needs.
        fillDisk(disk.path, statSync(path).size / 4)
        const before = readFileSync(path)
        expect(() => recoverFile(path, migrations, new Date())).toThrow()
        expect(readFileSync(path).equals(before)).toBe(true)
        expect(readdirSync(disk.path).filter((name) => name.includes('damaged'))).toEqual([])
      } finally {
        disk.unmount()
      }
    },
  )
})
