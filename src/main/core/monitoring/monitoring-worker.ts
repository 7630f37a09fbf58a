// Monitoring's queries on a thread of their own, with their own read-only connection to the data file
// (WAL lets it read while the main connection writes): a heavy query never delays a stream or a reply.
// Loaded as it is by Node in tests (explicit .ts imports, types only otherwise) and bundled for the app.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { monitoringReport, requestLog } from './monitoring-queries.ts'

export type MonitoringQuestion =
  | { id: number; kind: 'report'; range: Parameters<typeof monitoringReport>[1]; now: number }
  | { id: number; kind: 'log'; filter: Parameters<typeof requestLog>[1]; now: number }

export type MonitoringAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }

const { path } = workerData as { path: string }
const db = new Database(path, { readonly: true, fileMustExist: true })
// Reads only, and never waits long on the writer.
db.pragma('busy_timeout = 2000')

parentPort?.on('message', (question: MonitoringQuestion) => {
  let answer: MonitoringAnswer
  try {
    const value =
      question.kind === 'report'
        ? monitoringReport(db, question.range, question.now)
        : requestLog(db, question.filter, question.now)
    answer = { id: question.id, ok: true, value }
  } catch (error) {
    answer = { id: question.id, ok: false, error: error instanceof Error ? error.message : String(error) }
  }
  parentPort?.postMessage(answer)
})
