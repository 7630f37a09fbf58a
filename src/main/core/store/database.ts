// Opens the one SQLite file: refuses a file from a newer app without touching it, moves a corrupt file
// aside instead of failing forever, and applies pending migrations in one transaction.
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrations as defaultMigrations, latestSchemaVersion, type Migration } from './migrations'

export type Db = Database.Database

export class DatabaseTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `The data file ${path} was written by a newer version of Roundtable (schema ${fileVersion}; this version knows up to ${appVersion}). ` +
        'Update Roundtable to open it. The file has not been changed.',
    )
    this.name = 'DatabaseTooNewError'
  }
}

export class DatabaseInUseError extends Error {
  constructor(readonly path: string) {
    super(
      `Another Roundtable is using the data file ${path}. Close it first, or give this one another data folder (--data-dir or ROUNDTABLE_DATA_DIR).`,
    )
    this.name = 'DatabaseInUseError'
  }
}

export interface OpenedDatabase {
  db: Db
  /** Where a corrupt file was moved, when it was; the person must be told. */
  movedAsideTo: string | null
}

export interface OpenOptions {
  migrations?: readonly Migration[]
  now?: () => Date
}

const CORRUPTION_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT'])
const IN_USE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED'])
// Long enough for an instance that is just closing to let go; short enough to answer promptly.
const LOCK_WAIT_MS = 2_000

export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? defaultMigrations
  mkdirSync(dirname(path), { recursive: true })
  try {
    inspectExisting(path, migrations.at(-1)?.version ?? 0)
    return { db: openAndMigrate(path, migrations), movedAsideTo: null }
  } catch (error) {
    if (hasCode(error, IN_USE_CODES)) throw new DatabaseInUseError(path)
    if (!hasCode(error, CORRUPTION_CODES)) throw error
    const movedAsideTo = moveAside(path, (options.now ?? (() => new Date()))())
    return { db: openAndMigrate(path, migrations), movedAsideTo }
  }
}

/**
 * Looks at an existing file through a read-only connection first: closing a read-write connection can
 * delete or checkpoint a WAL, and a newer or corrupt file must be kept exactly as it was found.
 */
function inspectExisting(path: string, knownVersion: number): void {
  if (!existsSync(path)) return
  const probe = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const fileVersion = probe.pragma('user_version', { simple: true }) as number
    if (fileVersion > knownVersion) throw new DatabaseTooNewError(path, fileVersion, knownVersion)
    // Touch the schema so a file that is not a database fails here, where it can be moved aside.
    probe.prepare('SELECT count(*) FROM sqlite_master').get()
  } finally {
    probe.close()
  }
}

function openAndMigrate(path: string, migrations: readonly Migration[]): Db {
  const db = new Database(path)
  try {
    const fileVersion = db.pragma('user_version', { simple: true }) as number
    // One process at a time: the desktop app and the web host share a data folder by default, and a
    // second one would, among other things, mark the first one's answers as interrupted. The lock is
    // taken by the first write and held until this connection closes (or the process dies).
    db.pragma('locking_mode = EXCLUSIVE')
    db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`)
    db.exec('BEGIN IMMEDIATE; COMMIT')
    db.pragma('journal_mode = WAL')
    // NORMAL is durable against a crashed process under WAL; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    applyMigrations(db, migrations, fileVersion)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function applyMigrations(db: Db, migrations: readonly Migration[], fromVersion: number): void {
  const pending = migrations.filter((m) => m.version > fromVersion)
  if (pending.length === 0) return
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql)
      db.pragma(`user_version = ${Math.trunc(migration.version)}`)
    }
  })()
}

function hasCode(error: unknown, codes: ReadonlySet<string>): boolean {
  return typeof error === 'object' && error !== null && codes.has((error as { code?: string }).code ?? '')
}

function moveAside(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const target = `${path}.corrupt-${stamp}`
  renameSync(path, target)
  // The WAL and shared-memory files belong to the corrupt file; a fresh database must not replay them.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix)
  }
  return target
}

export { latestSchemaVersion }
