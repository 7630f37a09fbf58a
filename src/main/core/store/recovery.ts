// Copies what can still be read out of a damaged data file into a new one. Each table is read through
// its own b-tree, a page of rows at a time in rowid order; where a read fails, a seek further along
// (which takes another path down the tree) finds where readable rows resume, so one bad page costs the
// rows on it and nothing more, and the work follows the rows there are, not the spread of their ids.
// References that point at lost rows are repaired afterwards (a reply whose question was lost becomes a
// first message; messages whose chat was lost get a chat of their own), so the new file passes
// SQLite's checks and opens as usual. A write that fails (a full disk) stops the recovery: it is not
// damage, and a half-copied file must not pass for a recovered one.
import { existsSync, renameSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { type Wording, wording } from '../../../shared/wording'
import type { Db } from './database'
import { type Migration, runMigration } from './migrations'
import { moveAside } from './move-aside'

export interface TableRecovery {
  table: string
  copied: number
  /** Damaged stretches of the table that were skipped (each may have held one row or many). */
  unreadable: number
}

export interface RecoveryReport {
  tables: TableRecovery[]
  /** Where the damaged file now is, untouched. */
  damagedFile: string
}

// Parents before children; tables added later (and not listed) follow in the order the schema has them.
const PARENTS_FIRST = ['settings', 'secrets', 'providers', 'models', 'chats', 'messages']
const PAGE = 512
// Seeks past damage go at most this far beyond the last readable rowid (SQLite's rowids are 64-bit;
// ours count up from 1).
const FURTHEST_SEEK = 2 ** 40

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
    const ordered = [
      ...PARENTS_FIRST.filter((table) => sourceTables.has(table)),
      ...[...sourceTables].filter((table) => !PARENTS_FIRST.includes(table) && !table.startsWith('sqlite_')),
    ].filter((table) => !isSearchIndex(table))
    created.transaction(() => {
      for (const table of ordered) {
        if (!tableExists(created, table)) continue
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

/**
 * The full-text indexes (migration 009) and their shadow tables are not copied: the triggers on the
 * copied messages and chats index them again, and a copied shadow table would index them twice.
 */
function isSearchIndex(table: string): boolean {
  return /^(message|chat)_search($|_)/.test(table)
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
  const page = source.prepare(
    `SELECT rowid AS rowid_, ${list} FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  )
  const insert = target.prepare(
    `INSERT OR IGNORE INTO "${table}" (rowid, ${list}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
  )
  const firstAtOrAfter = source.prepare(
    `SELECT rowid AS r FROM "${table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1`,
  )

  // Reads may fail (damage: skipped); writes may not (a full disk: the whole recovery stops).
  const read = <T>(run: () => T): T | undefined => {
    try {
      return run()
    } catch {
      return undefined
    }
  }
  let after = Number.MIN_SAFE_INTEGER
  for (;;) {
    let rows = read(() => page.all(after, PAGE) as Record<string, unknown>[])
    // A page that fails may still have readable rows before the damage: take them one at a time.
    if (rows === undefined) rows = read(() => page.all(after, 1) as Record<string, unknown>[])
    if (rows === undefined) {
      result.unreadable += 1
      const resume = resumeAfterDamage(after, (at) =>
        read(() => firstAtOrAfter.get(at) as { r: number } | undefined),
      )
      if (resume === null) break
      // The next row's own content is what cannot be read (its id can): skip that one row.
      after = resume - 1 <= after ? resume : resume - 1
      continue
    }
    if (rows.length === 0) break
    for (const row of rows) insert.run(row.rowid_, ...columns.map((column) => row[column]))
    result.copied += rows.length
    after = rows.at(-1)?.rowid_ as number
  }
  return result
}

/**
 * The first rowid past a damaged stretch that starts after `after`: seeks at doubling distances until
 * one lands on readable rows, then narrows down to where readable seeks begin. Null when none do.
 */
function resumeAfterDamage(
  after: number,
  seek: (at: number) => { r: number } | null | undefined,
): number | null {
  const from = after === Number.MIN_SAFE_INTEGER ? 0 : after
  let failing = from + 1
  let step = 1
  let found: { at: number; rowid: number } | null = null
  while (step <= FURTHEST_SEEK) {
    const at = from + step
    const hit = seek(at)
    if (hit === null) return null // readable, and nothing beyond: the table ends in the damage
    if (hit !== undefined) {
      found = { at, rowid: hit.r }
      break
    }
    failing = at
    step *= 2
  }
  if (!found) return null
  // Between the last failing seek and the first good one, find where good seeks begin.
  let low = failing
  let high = found.at
  let rowid = found.rowid
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    const hit = seek(middle)
    if (hit === undefined) low = middle
    else {
      high = middle
      if (hit) rowid = hit.r
    }
  }
  return rowid
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
    // From version 5 the path is each message's kept child: a lost child leaves its parent open, which
    // reads as its newest surviving child kept instead.
    if (has('messages') && columnsOf(db, 'messages').includes('active_child_id')) {
      db.exec(`
        UPDATE messages SET active_child_id = (
            SELECT c.id FROM messages c WHERE c.parent_id = messages.id ORDER BY c.created_at DESC, c.rowid DESC LIMIT 1
          )
          WHERE active_child_id IS NOT NULL AND active_child_id NOT IN (SELECT id FROM messages);
        UPDATE chats SET active_root_id = NULL
          WHERE active_root_id IS NOT NULL AND active_root_id NOT IN (SELECT id FROM messages);
        UPDATE chats SET separate_from = NULL
          WHERE separate_from IS NOT NULL AND separate_from NOT IN (SELECT id FROM messages);
      `)
    }
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
export function describeRecovery(report: RecoveryReport): Wording {
  const count = (table: string) => report.tables.find((t) => t.table === table)?.copied ?? 0
  const chats = count('chats')
  const messages = count('messages')
  const lost = report.tables.some((t) => t.unreadable > 0)
  return wording('recovered', {
    chats: chats === 1 ? wording('chatsOne') : wording('chatsMany', { n: chats }),
    messages: messages === 1 ? wording('messagesOne') : wording('messagesMany', { n: messages }),
    lost: lost ? wording('recoveredLost') : '',
    file: report.damagedFile,
  })
}
