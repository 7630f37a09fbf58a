// The heavy reads (Monitoring's queries, search, find in chat, opening a chat) on a thread of their own,
// with their own read-only connection to the data file (WAL lets it read while the main connection
// writes): a heavy query never delays a stream or a reply.
// Loaded as it is by Node in tests (explicit .ts imports, types only otherwise) and bundled for the app.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { ErrorCode } from '../../../shared/errors'
import type { Wording } from '../../../shared/wording'
import { SQLITE_LOADED } from '../store/sqlite-worker.ts'
import { UserFacingError } from '../user-facing-error.ts'
import { answerOf, type ReadQuestion } from './read-questions.ts'

export type ReadRequest = ReadQuestion & { id: number }

export type ReadAnswer =
  | { id: number; ok: true; value: unknown }
  /** `code`: a UserFacingError's, so "that chat no longer exists" stays that on the other side. */
  | { id: number; ok: false; error: string; code?: ErrorCode; wording?: Wording }

const { path } = workerData as { path: string }
const db = new Database(path, { readonly: true, fileMustExist: true })
// Reads only, and never waits long on the writer.
db.pragma('busy_timeout = 2000')
parentPort?.postMessage(SQLITE_LOADED)

parentPort?.on('message', async ({ id, ...question }: ReadRequest) => {
  let answer: ReadAnswer
  try {
    // Counting tokens waits for its encoding to load the first time; every other answer is at hand.
    answer = { id, ok: true, value: await answerOf(db, question as ReadQuestion) }
  } catch (error) {
    answer = {
      id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      ...(error instanceof UserFacingError && { code: error.code, wording: error.wording }),
    }
  }
  parentPort?.postMessage(answer)
})
