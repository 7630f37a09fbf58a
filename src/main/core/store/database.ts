// Opens the one SQLite file: refuses a file from a newer app without touching it (nor creating anything
// beside it), moves a file that is not a database aside instead of failing forever, applies pending
// migrations in one transaction, then checks the file's pages for damage.
import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { log } from '../log/log'
import { type DataLock, takeDataLock } from './data-lock'
import {
  migrations as defaultMigrations,
  latestSchemaVersion,
  type Migration,
  runMigration,
} from './migrations'
import { moveAside } from './move-aside'
import { type RecoveryReport, recoverFile } from './recovery'
import { checkDataFilePlace, codeOf, DataFileError, startupFailure } from './storage-errors'

export type Db = Database.Database

export { DataFileError }

export class DatabaseTooNewError extends DataFileError {
  constructor(
    path: string,
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      path,
      `The data file ${path} was written by a newer version of Roundtable (schema ${fileVersion}; this version knows up to ${appVersion}). ` +
        'Update Roundtable to open it. The file has not been changed.',
    )
    this.name = 'DatabaseTooNewError'
  }
}

export class DatabaseInUseError extends DataFileError {
  constructor(path: string) {
    super(
      path,
      `Another Roundtable is using the data file ${path}. Close it first, or give this one another data folder (--data-dir or ROUNDTABLE_DATA_DIR).`,
    )
    this.name = 'DatabaseInUseError'
  }
}

export interface OpenedDatabase {
  db: Db
  /** Where a file that is not a database was moved, when it was; the person must be told. */
  movedAsideTo: string | null
  /** When the file could not be opened for damage, what was recovered from it into a new one. */
  recovered: RecoveryReport | null
}

export interface OpenOptions {
  migrations?: readonly Migration[]
  now?: () => Date
  /** A lock the caller holds (and releases) itself; without it, the connection takes and frees one. */
  lock?: DataLock
}

const CORRUPTION_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT'])
const IN_USE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED'])
// A read-only connection on another thread (the page check) may briefly hold a read lock.
const BUSY_WAIT_MS = 2_000

export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? defaultMigrations
  const knownVersion = migrations.at(-1)?.version ?? 0
  const ownLock = options.lock === undefined
  // Checked again under a caller's lock: the file may have been replaced (recovery) since.
  const headerVersion = checkBeforeLocking(path, knownVersion)
  const lock = options.lock ?? lockFolder(path)
  try {
    const opened = openLocked(
      path,
      migrations,
      headerVersion,
      knownVersion,
      options.now ?? (() => new Date()),
    )
    if (ownLock) {
      // The lock lives exactly as long as the connection.
      const close = opened.db.close.bind(opened.db)
      opened.db.close = () => {
        try {
          return close()
        } finally {
          lock.release()
        }
      }
    }
    return opened
  } catch (error) {
    if (ownLock) lock.release()
    throw error
  }
}

/**
 * One Roundtable per data folder: takes the folder's lock (after the checks that must not create any
 * file, such as refusing a newer database). For a host that reopens its file, e.g. after recovery.
 */
export function acquireDataLock(path: string, knownVersion = latestSchemaVersion): DataLock {
  checkBeforeLocking(path, knownVersion)
  return lockFolder(path)
}

/** The folder exists and can hold the file, and the file is not from a newer Roundtable. */
function checkBeforeLocking(path: string, knownVersion: number): number | null {
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (error) {
    throw startupFailure(path, error)
  }
  checkDataFilePlace(path)
  // Read from the file's header with plain file I/O: even a read-only SQLite connection would create
  // -wal and -shm files beside a WAL-mode database.
  const headerVersion = schemaVersionInHeader(path)
  if (headerVersion !== null && headerVersion > knownVersion)
    throw new DatabaseTooNewError(path, headerVersion, knownVersion)
  return headerVersion
}

function lockFolder(path: string): DataLock {
  // The desktop app and the web host share a data folder by default, and a second one would, among
  // other things, mark the first one's answers as interrupted.
  try {
    return takeDataLock(path)
  } catch (error) {
    throw hasCode(error, IN_USE_CODES) ? new DatabaseInUseError(path) : startupFailure(path, error)
  }
}

function openLocked(
  path: string,
  migrations: readonly Migration[],
  headerVersion: number | null,
  knownVersion: number,
  now: () => Date,
): OpenedDatabase {
  let db: Db
  let movedAsideTo: string | null = null
  let recovered: RecoveryReport | null = null
  try {
    inspectExisting(path, knownVersion)
    db = openAndMigrate(path, migrations)
  } catch (error) {
    if (error instanceof DataFileError) throw error
    if (!hasCode(error, CORRUPTION_CODES)) throw startupFailure(path, error)
    // A real database with damaged pages: keep what can be read. Anything else: start afresh.
    recovered = headerVersion === null ? null : tryRecover(path, migrations, now())
    if (!recovered) movedAsideTo = moveAside(path, now(), 'corrupt')
    try {
      db = openAndMigrate(path, migrations)
    } catch (again) {
      throw startupFailure(path, again)
    }
  }
  return { db, movedAsideTo, recovered }
}

function tryRecover(path: string, migrations: readonly Migration[], now: Date): RecoveryReport | null {
  try {
    return recoverFile(path, migrations, now)
  } catch (error) {
    log.error('nothing could be recovered from the damaged data file:', error)
    return null
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0'

/** `PRAGMA user_version` as the file's first page stores it (offset 60), or null for no SQLite file. */
export function schemaVersionInHeader(path: string): number | null {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return null
  }
  try {
    const header = Buffer.alloc(100)
    if (readSync(fd, header, 0, 100, 0) < 100) return null
    if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC) return null
    return header.readInt32BE(60)
  } finally {
    closeSync(fd)
  }
}

/**
 * Looks at an existing file through a read-only connection before a read-write one: closing a
 * read-write connection can delete or checkpoint a WAL, and a newer or corrupt file must be kept
 * exactly as it was found. (The header check above already caught a newer file without opening it.)
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
    db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`)
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
      runMigration(db, migration)
      db.pragma(`user_version = ${Math.trunc(migration.version)}`)
    }
  })()
}

function hasCode(error: unknown, codes: ReadonlySet<string>): boolean {
  return codes.has(codeOf(error))
}

export { latestSchemaVersion }
