// The heavy reads (Monitoring's queries, search, find in chat) on a thread of their own, with their own
// read-only connection to the data file (WAL lets it read while the main connection writes): a heavy
// query never delays a stream or a reply.
// Loaded as it is by Node in tests (explicit .ts imports, types only otherwise) and bundled for the app.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { SQLITE_LOADED } from '../store/sqlite-worker.ts'
import { answerOf, type ReadQuestion } from './read-questions.ts'

export type MonitoringQuestion = ReadQuestion & { id: number }

export type MonitoringAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }

const { path } = workerData as { path: string }
const db = new Database(path, { readonly: true, fileMustExist: true })
// Reads only, and never waits long on the writer.
db.pragma('busy_timeout = 2000')
parentPort?.postMessage(SQLITE_LOADED)

parentPort?.on('message', ({ id, ...question }: MonitoringQuestion) => {
  let answer: MonitoringAnswer
  try {
    answer = { id, ok: true, value: answerOf(db, question as ReadQuestion) }
  } catch (error) {
    answer = { id, ok: false, error: error instanceof Error ? error.message : String(error) }
  }
  parentPort?.postMessage(answer)
})
