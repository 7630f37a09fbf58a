// The questions the reads worker answers (Monitoring's figures and log, search, find in chat), and the
// one function that answers them on a connection: the worker's own, or the main one where no worker
// can start. Plain code: the worker loads it as it is (explicit .ts imports).

import { findInChat, search } from '../search/search-queries.ts'
import type { Db } from '../store/database'
import { monitoringReport, requestLog } from './monitoring-queries.ts'

export type ReadQuestion =
  | { kind: 'report'; range: Parameters<typeof monitoringReport>[1]; now: number }
  | { kind: 'log'; filter: Parameters<typeof requestLog>[1]; now: number }
  | { kind: 'search'; query: string; now: number; limit?: number }
  | { kind: 'find'; chatId: string; query: string }

export function answerOf(db: Db, question: ReadQuestion): unknown {
  switch (question.kind) {
    case 'report':
      return monitoringReport(db, question.range, question.now)
    case 'log':
      return requestLog(db, question.filter, question.now)
    case 'search':
      return search(db, question.query, question.now, question.limit)
    case 'find':
      return findInChat(db, question.chatId, question.query)
  }
}
