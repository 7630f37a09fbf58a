import type { Db } from '../database'

/**
 * One step of the schema. Either SQL, or code for what SQL cannot say (such as parsing a URL). Runs
 * inside the single transaction that applies every pending step, so a failure leaves the file as it was.
 */
export type Migration = { version: number; description: string } & (
  | { sql: string }
  | { up: (db: Db) => void }
)

export function runMigration(db: Db, migration: Migration): void {
  if ('sql' in migration) db.exec(migration.sql)
  else migration.up(db)
}
