import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChatStore } from './chat-store'
import {
  DatabaseInUseError,
  DatabaseTooNewError,
  type Db,
  latestSchemaVersion,
  openDatabase,
} from './database'
import { type Migration, migrations } from './migrations'

let dir: string
let dbPath: string
const opened: Db[] = []

function track(db: Db): Db {
  opened.push(db)
  return db
}

function tableNames(db: Db): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name)
}

/** Reads a file's version and tables without going through openDatabase (so without migrating it). */
function inspect(path: string): { version: number; tables: string[] } {
  const db = new Database(path, { readonly: true })
  try {
    return { version: db.pragma('user_version', { simple: true }) as number, tables: tableNames(db) }
  } finally {
    db.close()
  }
}

/** Makes a file at schema version 1 with the app's own first migration, then closes it. */
function createVersion1File(path: string): void {
  const { db } = openDatabase(path, { migrations: migrations.filter((m) => m.version === 1) })
  expect(db.pragma('user_version', { simple: true })).toBe(1)
  db.close()
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-'))
  dbPath = join(dir, 'roundtable.db')
})

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('openDatabase on a fresh file', () => {
  it('creates the schema at the latest version', () => {
    const { db, movedAsideTo } = openDatabase(dbPath)
    track(db)
    expect(movedAsideTo).toBeNull()
    expect(latestSchemaVersion).toBeGreaterThanOrEqual(1)
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
    expect(tableNames(db)).toEqual(expect.arrayContaining(['chats', 'messages', 'settings']))
  })

  it('turns on WAL and foreign keys', () => {
    const { db } = openDatabase(dbPath)
    track(db)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('creates a missing parent directory', () => {
    const nested = join(dir, 'a', 'b', 'data.db')
    const { db } = openDatabase(nested)
    track(db)
    expect(existsSync(nested)).toBe(true)
  })

  it('opens an up-to-date file again without changing its version', () => {
    openDatabase(dbPath).db.close()
    const { db, movedAsideTo } = openDatabase(dbPath)
    track(db)
    expect(movedAsideTo).toBeNull()
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
  })
})

describe('openDatabase migrations', () => {
  const version2: Migration = {
    version: 2,
    description: 'adds a table',
    sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY, note TEXT);',
  }

  it('applies every pending migration to a version-1 file', () => {
    createVersion1File(dbPath)
    const next: Migration = { ...version2, version: latestSchemaVersion + 1 }
    const { db } = openDatabase(dbPath, { migrations: [...migrations, next] })
    track(db)
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1)
    expect(tableNames(db)).toContain('extra')
    expect(tableNames(db)).toContain('providers')
    // The data from version 1 is still there and usable.
    expect(new ChatStore(db).createChat().title).toBe('')
  })

  it('leaves the file at version 1 when migration 2 fails part-way', () => {
    createVersion1File(dbPath)
    const broken: Migration = {
      version: 2,
      description: 'first statement fine, second one broken',
      sql: 'CREATE TABLE half_done (id INTEGER); CREATE TABL oops (id INTEGER);',
    }
    expect(() => openDatabase(dbPath, { migrations: [...migrations.slice(0, 1), broken] })).toThrow()
    const after = inspect(dbPath)
    expect(after.version).toBe(1)
    expect(after.tables).not.toContain('half_done')
    expect(after.tables).toEqual(expect.arrayContaining(['chats', 'messages', 'settings']))
  })

  it('applies none of the pending migrations when a later one fails', () => {
    createVersion1File(dbPath)
    const broken3: Migration = { version: 3, description: 'invalid', sql: 'THIS IS NOT SQL;' }
    expect(() =>
      openDatabase(dbPath, { migrations: [...migrations.slice(0, 1), version2, broken3] }),
    ).toThrow()
    const after = inspect(dbPath)
    expect(after.version).toBe(1)
    expect(after.tables).not.toContain('extra')
  })

  it('a failed migration does not get the file moved aside as corrupt', () => {
    createVersion1File(dbPath)
    const broken: Migration = { version: 2, description: 'invalid', sql: 'CREATE TABL nope (x);' }
    expect(() => openDatabase(dbPath, { migrations: [...migrations.slice(0, 1), broken] })).toThrow()
    expect(existsSync(dbPath)).toBe(true)
    expect(inspect(dbPath).version).toBe(1)
  })
})

describe('openDatabase on a file from a newer version', () => {
  function makeNewerFile(path: string): Buffer {
    const raw = new Database(path)
    raw.exec('CREATE TABLE future_table (x INTEGER)')
    raw.pragma('user_version = 99')
    raw.close()
    return readFileSync(path)
  }

  it('throws DatabaseTooNewError naming the path', () => {
    makeNewerFile(dbPath)
    let caught: unknown
    try {
      openDatabase(dbPath)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(DatabaseTooNewError)
    const error = caught as DatabaseTooNewError
    expect(error.message).toContain(dbPath)
    expect(error.message).toContain('newer version')
    expect(error.fileVersion).toBe(99)
    expect(error.appVersion).toBe(latestSchemaVersion)
  })

  it('leaves the file byte for byte as it was and creates no WAL', () => {
    const before = makeNewerFile(dbPath)
    expect(() => openDatabase(dbPath)).toThrow(DatabaseTooNewError)
    expect(readFileSync(dbPath).equals(before)).toBe(true)
    expect(existsSync(`${dbPath}-wal`)).toBe(false)
    expect(existsSync(`${dbPath}-shm`)).toBe(false)
    // Not mistaken for corruption either.
    expect(existsSync(dbPath)).toBe(true)
  })
})

describe('openDatabase on a corrupt file', () => {
  function writeGarbage(path: string): { main: Buffer; wal: Buffer } {
    const main = Buffer.alloc(8 * 1024)
    for (let i = 0; i < main.length; i++) main[i] = (i * 37 + 11) % 251
    const wal = Buffer.from('stray wal bytes that belong to the broken file')
    writeFileSync(path, main)
    writeFileSync(`${path}-wal`, wal)
    return { main, wal }
  }

  it('moves the corrupt file aside and starts a fresh, usable database', () => {
    const original = writeGarbage(dbPath)
    const { db, movedAsideTo } = openDatabase(dbPath)
    track(db)

    expect(movedAsideTo).not.toBeNull()
    const target = movedAsideTo as string
    expect(target).toMatch(/\.corrupt-\d{4}-\d{2}-\d{2}T/)
    expect(target.startsWith(dbPath)).toBe(true)
    expect(readFileSync(target).equals(original.main)).toBe(true)

    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
    const store = new ChatStore(db)
    const chat = store.createChat()
    expect(store.listChats().map((c) => c.id)).toEqual([chat.id])
  })

  it('moves a stray WAL along with the corrupt file, bytes intact', () => {
    const original = writeGarbage(dbPath)
    const { db, movedAsideTo } = openDatabase(dbPath)
    track(db)
    const target = movedAsideTo as string
    expect(target).toMatch(/\.corrupt-\d{4}-\d{2}-\d{2}T/)
    // The WAL belongs to the corrupt file: it must be kept next to it, not replayed or thrown away.
    expect(existsSync(`${target}-wal`)).toBe(true)
    expect(readFileSync(`${target}-wal`).equals(original.wal)).toBe(true)
  })

  it('uses the injected clock for the name of the moved file', () => {
    writeGarbage(dbPath)
    const { db, movedAsideTo } = openDatabase(dbPath, { now: () => new Date('2024-05-06T07:08:09.010Z') })
    track(db)
    expect(movedAsideTo).toBe(`${dbPath}.corrupt-2024-05-06T07-08-09-010Z`)
  })
})

describe('openDatabase with another process on the same file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'roundtable-lock-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a second opener with a clear message, and lets it in once the first closes', () => {
    const path = join(dir, 'roundtable.db')
    const first = openDatabase(path).db
    expect(() => openDatabase(path)).toThrow(DatabaseInUseError)
    expect(() => openDatabase(path)).toThrow(/Another Roundtable is using the data file/)
    first.close()
    const second = openDatabase(path).db
    expect(second.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
    second.close()
  })
})
