// Workers that open the data file with better-sqlite3 (the page check, the reads worker). Terminating
// one while it is still loading the native addon aborts the whole process (the addon's registration
// fails mid-way, a fatal error in Node), so a worker says when the addon is in, and is terminated only
// after that (or once it has ended on its own). Plain code: the reads worker loads this file as it is.
import type { Worker } from 'node:worker_threads'

/** What a worker posts once it has opened its connection (the addon is loaded by then). */
export const SQLITE_LOADED = 'sqlite-loaded'

/** Long enough for any addon to load; a worker stuck past it is terminated anyway. */
const LOAD_WAIT_MS = 5_000

/** Resolves once the worker has loaded the addon, has ended, or the wait is over. Attach at creation. */
export function whenLoaded(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, LOAD_WAIT_MS)
    timer.unref?.()
    function done() {
      clearTimeout(timer)
      worker.off('message', onMessage)
      resolve()
    }
    function onMessage(message: unknown) {
      if (message === SQLITE_LOADED) done()
    }
    worker.on('message', onMessage)
    worker.once('exit', done)
    worker.once('error', done)
  })
}

/** Terminates the worker, but never while it is loading the addon. */
export async function terminateWhenLoaded(worker: Worker, loaded: Promise<void>): Promise<void> {
  await loaded
  await worker.terminate()
}
