// Asks the reads worker (Monitoring's queries, search, find in chat, opening a chat) and waits for its
// answer. Where no worker can start (or it stops), the same queries run on the main connection
// instead: slower for a stream, never a broken page.
import { Worker } from 'node:worker_threads'
import type { SearchResults } from '../../../shared/search'
import type {
  ChatMessage,
  ChatThread,
  ModelStats,
  MonitoringRange,
  MonitoringReport,
  RequestLogFilter,
  RequestLogRow,
} from '../../../shared/types'
import type { Conversation } from '../chat/conversation'
import type { Encoding } from '../context/encodings'
import { log } from '../log/log'
import type { Db } from '../store/database'
import { SQLITE_LOADED, terminateWhenLoaded, whenLoaded } from '../store/sqlite-worker'
import { UserFacingError } from '../user-facing-error'
import { answerOf, type ReadQuestion as Question } from './read-questions'
import type { ReadAnswer, ReadRequest } from './read-worker'

type Figures = MonitoringReport<Omit<ModelStats, 'breaker'>>

/** How long after start the tokenizer loads on the worker. */
const TOKENIZER_AFTER_MS = 3_000

export class OffThreadReader {
  private worker: Worker | null = null
  private loaded: Promise<void> | null = null
  private broken = false
  private closed = false
  private nextId = 1
  private readonly waiting = new Map<
    number,
    { question: Question; resolve: (value: unknown) => void; reject: (error: Error) => void }
  >()

  constructor(
    private readonly db: Db,
    private readonly databasePath: string,
    /** The worker's script; none: the queries run on the main connection. */
    private readonly workerUrl: URL | null,
    private readonly report: (problem: string, error: unknown) => void = (problem, error) =>
      log.error(problem, error),
  ) {}

  /** Whether the queries run on their own thread (false: the worker could not start). */
  get offThread(): boolean {
    return this.workerUrl !== null && !this.broken
  }

  figures(range: MonitoringRange, now = Date.now()): Promise<Figures> {
    return this.ask({ kind: 'report', range, now }) as Promise<Figures>
  }

  log(filter: RequestLogFilter, now = Date.now()): Promise<RequestLogRow[]> {
    return this.ask({ kind: 'log', filter, now }) as Promise<RequestLogRow[]>
  }

  /** Search over every message and chat title (see search-queries.ts). */
  search(query: string, limit?: number, now = Date.now()): Promise<SearchResults> {
    return this.ask({
      kind: 'search',
      query,
      now,
      ...(limit !== undefined && { limit }),
    }) as Promise<SearchResults>
  }

  /** The chat's messages, every branch, that hold the text: ids, oldest first. */
  find(chatId: string, query: string): Promise<string[]> {
    return this.ask({ kind: 'find', chatId, query }) as Promise<string[]>
  }

  /** A chat's thread as stored (see chat-thread.ts); the caller adds what is still streaming. */
  thread(chatId: string): Promise<ChatThread> {
    return this.ask({ kind: 'thread', chatId }) as Promise<ChatThread>
  }

  /** The chat's messages with these ids, as stored, in the order asked. */
  messages(chatId: string, messageIds: readonly string[]): Promise<ChatMessage[]> {
    return this.ask({ kind: 'messages', chatId, messageIds }) as Promise<ChatMessage[]>
  }

  /** The newest part of a chat's conversation, about `maxChars` of text (see conversation.ts). */
  conversation(chatId: string, maxChars: number): Promise<Conversation> {
    return this.ask({ kind: 'conversation', chatId, maxChars }) as Promise<Conversation>
  }

  /** The tokens of each text in `encoding`, counted on the worker. */
  countTokens(encoding: Encoding, texts: readonly string[]): Promise<number[]> {
    return this.ask({ kind: 'count', encoding, texts }) as Promise<number[]>
  }

  /**
   * Starts the worker and prepares its statements now, while the window loads, rather than on the
   * first chat opened (loading SQLite on a new thread and preparing took a few hundred ms there).
   */
  warmUp(): void {
    this.ask({ kind: 'warm' })
      .then(() => {
        // The tokenizer's encoding takes a quarter of a second to load: a moment after start, not in
        // the first long chat's send.
        setTimeout(() => {
          if (!this.closed) this.countTokens('o200k_base', []).catch(() => undefined)
        }, TOKENIZER_AFTER_MS).unref()
      })
      .catch((error: unknown) => {
        // Closed before it was ready: nothing went wrong.
        if (!this.closed) this.report('the reads worker could not warm up:', error)
      })
  }

  async close(): Promise<void> {
    this.closed = true
    const worker = this.worker
    const loaded = this.loaded
    this.worker = null
    this.fail(new Error('The app is closing.'))
    if (worker && loaded) await terminateWhenLoaded(worker, loaded)
  }

  private ask(question: Question): Promise<unknown> {
    const worker = this.start()
    if (!worker) return Promise.resolve(this.inThread(question))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { question, resolve, reject })
      // An answer waited for keeps the process alive (a script's last await must not end it early).
      if (this.waiting.size === 1) worker.ref()
      worker.postMessage({ ...question, id } satisfies ReadRequest)
    })
  }

  private inThread(question: Question): unknown {
    return answerOf(this.db, question)
  }

  private start(): Worker | null {
    if (this.worker) return this.worker
    if (!this.workerUrl || this.broken) return null
    try {
      const worker = new Worker(this.workerUrl, { workerData: { path: this.databasePath } })
      this.loaded = whenLoaded(worker)
      // Idle, it does not keep the process alive.
      worker.unref()
      worker.on('message', (answer: ReadAnswer | typeof SQLITE_LOADED) => {
        if (answer === SQLITE_LOADED) return
        const waiter = this.waiting.get(answer.id)
        if (!waiter) return
        this.waiting.delete(answer.id)
        if (this.waiting.size === 0) worker.unref()
        if (answer.ok) waiter.resolve(answer.value)
        else
          waiter.reject(
            answer.code
              ? new UserFacingError(answer.code, answer.wording ?? answer.error)
              : new Error(answer.error),
          )
      })
      worker.on('error', (error) => this.giveUp(error))
      worker.on('exit', (code) => {
        if (this.worker === worker && code !== 0) this.giveUp(new Error(`the reads worker exited (${code})`))
      })
      this.worker = worker
      return worker
    } catch (error) {
      this.giveUp(error)
      return null
    }
  }

  private giveUp(error: unknown): void {
    this.report('the reads worker stopped; its reads run on the main thread now:', error)
    this.broken = true
    this.worker = null
    // What was asked is still answered, here.
    for (const waiter of this.waiting.values()) {
      try {
        waiter.resolve(this.inThread(waiter.question))
      } catch (failure) {
        waiter.reject(failure instanceof Error ? failure : new Error(String(failure)))
      }
    }
    this.waiting.clear()
  }

  private fail(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error)
    this.waiting.clear()
  }
}
