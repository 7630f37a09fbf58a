// Copies what can still be read out of a damaged data file into a new one. Rows are read through each
// table's own b-tree by rowid ranges; a range that fails is split until the damaged rows are isolated,
// so one bad page costs the rows on it and nothing more. References that point at lost rows are
// repaired afterwards (a reply whose question was lost becomes a first message; messages whose chat
// was lost get a chat of their own), so the new file passes SQLite's checks and opens as usual.
import { existsSync, renameSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { Db } from './database'
import { type Migration, runMigration } from './migrations'
import { moveAside } from './move-aside'

export interface TableRecovery {
  table: string
  copied: number
  /** Row ranges that could not be read, counted by the rowids that failed (an upper bound on rows lost). */
  unreadable: number
}

export interface RecoveryReport {
  tables: TableRecovery[]
  /** Where the damaged file now is, untouched. */
  damagedFile: string
}

// Parents before children, so that a reader of the new file sees a plausible order.
const TABLE_ORDER = ['settings', 'secrets', 'providers', 'models', 'chats', 'messages']
const RANGE = 512

export class NothingRecoverableError extends Error {}

/**
 * Builds `targetPath` at the source's schema version, copies every readable row into it and repairs
 * dangling references. The caller then opens it normally (which applies any newer migrations).
 */
export function salvageInto(
  sourcePath: string,
  targetPath: string,
  migrations: readonly Migration[],
): TableRecovery[] {
  const source = new Database(sourcePath, { readonly: true, fileMustExist: true })
  let target: Db | null = null
  try {
    let version: number
    let sourceTables: Set<string>
    try {
      version = source.pragma('user_version', { simple: true }) as number
      sourceTables = new Set(
        source
          .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
          .all()
          .map((row) => row.name),
      )
    } catch (error) {
      throw new NothingRecoverableError(
        `the file's schema cannot be read (${error instanceof Error ? error.message : String(error)})`,
      )
    }
    target = new Database(targetPath)
    const created = target
    created.pragma('foreign_keys = OFF')
    created.transaction(() => {
      for (const migration of migrations.filter((m) => m.version <= version)) runMigration(created, migration)
      created.pragma(`user_version = ${Math.trunc(version)}`)
    })()
    const results: TableRecovery[] = []
    created.transaction(() => {
      for (const table of TABLE_ORDER) {
        if (!sourceTables.has(table) || !tableExists(created, table)) continue
        results.push(copyTable(source, created, table))
      }
      repairReferences(created)
    })()
    return results
  } finally {
    target?.close()
    source.close()
  }
}

function tableExists(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined
}

function columnsOf(db: Db, table: string): string[] {
  return (db.pragma(`table_info("${table}")`) as { name: string }[]).map((column) => column.name)
}

function copyTable(source: Db, target: Db, table: string): TableRecovery {
  const result: TableRecovery = { table, copied: 0, unreadable: 0 }
  let sourceColumns: string[]
  try {
    sourceColumns = columnsOf(source, table)
  } catch {
    return result
  }
  const wanted = new Set(columnsOf(target, table))
  const columns = sourceColumns.filter((column) => wanted.has(column))
  const list = columns.map((column) => `"${column}"`).join(', ')
  const select = source.prepare(`SELECT rowid AS rowid_, ${list} FROM "${table}" WHERE rowid BETWEEN ? AND ?`)
  const insert = target.prepare(
    `INSERT OR IGNORE INTO "${table}" (rowid, ${list}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
  )
  const bounds = rowidBounds(source, table)
  if (!bounds) return result

  const copyRange = (low: number, high: number): void => {
    let rows: Record<string, unknown>[]
    try {
      rows = select.all(low, high) as Record<string, unknown>[]
    } catch {
      if (low === high) {
        result.unreadable += 1
        return
      }
      const middle = Math.floor((low + high) / 2)
      copyRange(low, middle)
      copyRange(middle + 1, high)
      return
    }
    for (const row of rows) {
      try {
        insert.run(row.rowid_, ...columns.map((column) => row[column]))
        result.copied += 1
      } catch {
        result.unreadable += 1
      }
    }
  }
  for (let low = bounds.min; low <= bounds.max; low += RANGE)
    copyRange(low, Math.min(bounds.max, low + RANGE - 1))
  return result
}

/** The smallest and largest rowid, found from whichever end of the table can still be read. */
function rowidBounds(source: Db, table: string): { min: number; max: number } | null {
  const firstReadable = (order: 'ASC' | 'DESC'): number | null => {
    try {
      const row = source.prepare(`SELECT rowid AS r FROM "${table}" ORDER BY rowid ${order} LIMIT 1`).get() as
        | { r: number }
        | undefined
      return row?.r ?? null
    } catch {
      return null
    }
  }
  const lastSeen = (order: 'ASC' | 'DESC'): number | null => {
    // Walks from one end until the damage; the last rowid seen bounds what lies beyond.
    let seen: number | null = null
    try {
      for (const row of source.prepare(`SELECT rowid AS r FROM "${table}" ORDER BY rowid ${order}`).iterate())
        seen = (row as { r: number }).r
    } catch {
      // Stopped at the damage; `seen` is as far as it got.
    }
    return seen
  }
  const low = firstReadable('ASC') ?? lastSeen('DESC')
  const high = firstReadable('DESC') ?? lastSeen('ASC')
  if (low === null || high === null) return null
  // Where an end of the table is damaged, rows may lie beyond the damage: seek past it at growing
  // distances (a seek takes another path down the tree than the walk that failed).
  return {
    min: reach(source, table, Math.min(low, high), -1),
    max: reach(source, table, Math.max(low, high), 1),
  }
}

function reach(source: Db, table: string, from: number, direction: 1 | -1): number {
  const seek = source.prepare(
    direction === 1
      ? `SELECT rowid AS r FROM "${table}" WHERE rowid >= ? ORDER BY rowid ASC LIMIT 1`
      : `SELECT rowid AS r FROM "${table}" WHERE rowid <= ? ORDER BY rowid DESC LIMIT 1`,
  )
  let furthest = from
  for (let step = 1; step < 2 ** 40; step *= 2) {
    try {
      const row = seek.get(from + direction * step) as { r: number } | undefined
      if (row && (row.r - furthest) * direction > 0) furthest = row.r
    } catch {
      // That part of the tree is damaged too; a longer jump may land beyond it.
    }
  }
  return furthest
}

/** Makes every reference point at a row that exists, keeping as much text as possible. */
function repairReferences(db: Db): void {
  const has = (table: string) => tableExists(db, table)
  if (has('models') && has('providers'))
    db.exec('DELETE FROM models WHERE provider_id NOT IN (SELECT id FROM providers)')
  if (has('messages') && has('chats')) {
    db.exec(`
      INSERT INTO chats (id, title, created_at, updated_at)
        SELECT chat_id, 'Recovered chat', min(created_at), max(updated_at) FROM messages
        WHERE chat_id NOT IN (SELECT id FROM chats) GROUP BY chat_id;
      UPDATE messages SET parent_id = NULL
        WHERE parent_id IS NOT NULL AND parent_id NOT IN (SELECT id FROM messages);
      UPDATE chats SET head_message_id = (
          SELECT m.id FROM messages m WHERE m.chat_id = chats.id ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1
        )
        WHERE head_message_id IS NULL OR head_message_id NOT IN (SELECT id FROM messages);
    `)
  }
  // Whatever still dangles (a shape this code does not know) goes, so the file passes its checks.
  for (let round = 0; round < 5; round++) {
    const broken = db.pragma('foreign_key_check') as { table: string; rowid: number }[]
    if (broken.length === 0) return
    for (const row of broken) db.prepare(`DELETE FROM "${row.table}" WHERE rowid = ?`).run(row.rowid)
  }
}

/**
 * Moves the damaged file aside (kept as `<path>.damaged-<time>`, untouched) and builds a new file at
 * `path` from what can be read. If nothing can be read, everything is put back as it was and this throws.
 */
export function recoverFile(path: string, migrations: readonly Migration[], now: Date): RecoveryReport {
  const damagedFile = moveAside(path, now, 'damaged')
  try {
    return { tables: salvageInto(damagedFile, path, migrations), damagedFile }
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
    restore(damagedFile, path)
    throw error
  }
}

function restore(movedTo: string, path: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(movedTo + suffix)) renameSync(movedTo + suffix, path + suffix)
  }
}

/** "12 chats and 340 messages", for telling the person what came back. */
export function describeRecovery(report: RecoveryReport): string {
  const count = (table: string) => report.tables.find((t) => t.table === table)?.copied ?? 0
  const chats = count('chats')
  const messages = count('messages')
  const lost = report.tables.some((t) => t.unreadable > 0)
  return (
    `Roundtable recovered ${chats.toLocaleString('en')} ${chats === 1 ? 'chat' : 'chats'} and ` +
    `${messages.toLocaleString('en')} ${messages === 1 ? 'message' : 'messages'} into a new data file` +
    `${lost ? '; some damaged parts could not be read' : ''}. The damaged file was kept at ${report.damagedFile}.`
  )
}
