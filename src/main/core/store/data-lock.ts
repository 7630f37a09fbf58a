// One Roundtable per data folder. The lock is a tiny SQLite file of its own held in exclusive mode:
// the OS releases it when the process dies, whatever the way, and the data file itself stays in normal
// WAL mode, so read-only connections on other threads (the page check, heavy reads) can share it.
import Database from 'better-sqlite3'

// Long enough for an instance that is just closing to let go; short enough to answer promptly.
const LOCK_WAIT_MS = 2_000

export interface DataLock {
  release(): void
}

/** Takes the lock beside `databasePath`; throws SQLITE_BUSY when another process holds it. */
export function takeDataLock(databasePath: string): DataLock {
  const lock = new Database(`${databasePath}.lock`)
  try {
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.pragma(`busy_timeout = ${LOCK_WAIT_MS}`)
    // The first write takes the exclusive lock, which exclusive mode then keeps until the close.
    lock.exec('CREATE TABLE IF NOT EXISTS held (pid INTEGER); DELETE FROM held;')
    lock.prepare('INSERT INTO held (pid) VALUES (?)').run(process.pid)
  } catch (error) {
    lock.close()
    throw error
  }
  return { release: () => lock.close() }
}
