// SQLite's quick check of every page, off the main thread: about 2.5 ms per MB (bench/store.ts), so a
// large history would otherwise hold up start-up for seconds. A worker opens its own read-only
// connection, which WAL lets it share with the app's writer.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Db } from './database'
import { SQLITE_LOADED, whenLoaded } from './sqlite-worker'

// Enough to tell the person what is wrong; a badly damaged file can report thousands of lines.
const DAMAGE_LINES = 20

/** What the check found wrong, in SQLite's words; empty when the file is sound. */
export function findDamage(db: Db): string[] {
  try {
    const rows = db.pragma(`quick_check(${DAMAGE_LINES})`) as { quick_check: string }[]
    const lines = rows.map((row) => row.quick_check)
    return lines.length === 1 && lines[0] === 'ok' ? [] : lines
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)]
  }
}

// Plain CommonJS so it runs the same from the sources (tests) and from the bundle (the app).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.sqlite)
let lines
try {
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true })
  parentPort.postMessage(workerData.loaded)
  try {
    lines = db.pragma('quick_check(' + workerData.limit + ')').map((row) => row.quick_check)
  } finally {
    db.close()
  }
} catch (error) {
  lines = [String(error && error.message || error)]
}
parentPort.postMessage(lines.length === 1 && lines[0] === 'ok' ? [] : lines)
`

export interface PageCheck {
  /** What the check found; empty when the file is sound or the check was stopped. */
  result: Promise<string[]>
  /**
   * Ends the check early (the app is closing): resolves once the worker no longer touches the folder,
   * and `result` then resolves empty.
   */
  stop(): Promise<void>
}

/** Runs the check on a worker thread. */
export function checkPagesInBackground(path: string): PageCheck {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, sqlite, limit: DAMAGE_LINES, loaded: SQLITE_LOADED },
  })
  const loaded = whenLoaded(worker)
  // A check still running must not keep a closing process alive.
  worker.unref()
  const result = new Promise<string[]>((resolve) => {
    worker.on('message', (message: string[] | typeof SQLITE_LOADED) => {
      if (message !== SQLITE_LOADED) resolve(message)
    })
    worker.once('error', (error) => resolve([`the page check could not run: ${error.message}`]))
    worker.once('exit', () => resolve([]))
  })
  return {
    result,
    stop: async () => {
      // Once its connection is open the check writes nothing more to the folder; the check itself may
      // be in SQLite's hands (it cannot be interrupted mid-way), so its end is not waited for.
      await loaded
      void worker.terminate()
    },
  }
}
