// Traces in SQLite: written in batches (never per token), read one at a time for an answer's details.
// Pruning is trace-retention.ts's; Monitoring's heavy reads run elsewhere (monitoring/).
import type { Trace, TraceAttempt } from '../../../shared/types'
import type { Db } from '../store/database'
import { binOf } from './histogram'
import { startOf } from './local-day'
import { fromRow, type TraceRow } from './trace-row'

interface AttemptRow {
  trace_id: string
  attempt: number
  status: 'ok' | 'failed'
  error_kind: string | null
  error: string | null
  retry_in_ms: number | null
  started_ms: number
}

export class TraceStore {
  private readonly statements

  constructor(private readonly db: Db) {
    this.statements = {
      insertTrace: db.prepare(
        `INSERT OR REPLACE INTO traces (id, chat_id, message_id, purpose, provider_id, provider_name, model, route,
           status, error_kind, finish_reason, started_at, queue_ms, first_token_ms, duration_ms, tokens_in,
           tokens_out, tokens_estimated, tokens_per_second, cost, cache_hit, context)
         VALUES (@id, @chat_id, @message_id, @purpose, @provider_id, @provider_name, @model, @route, @status,
           @error_kind, @finish_reason, @started_at, @queue_ms, @first_token_ms, @duration_ms, @tokens_in,
           @tokens_out, @tokens_estimated, @tokens_per_second, @cost, @cache_hit, @context)`,
      ),
      insertAttempt: db.prepare(
        `INSERT OR REPLACE INTO trace_attempts (trace_id, attempt, status, error_kind, error, retry_in_ms, started_ms)
         VALUES (@trace_id, @attempt, @status, @error_kind, @error, @retry_in_ms, @started_ms)`,
      ),
      addToRollup: db.prepare(
        `INSERT INTO trace_rollups (span, start, provider_id, model, provider_name, requests, errors, tokens, cost,
           cache_hits)
         VALUES (@span, @start, @provider_id, @model, @provider_name, 1, @error, @tokens, @cost, @cache_hit)
         ON CONFLICT(span, start, provider_id, model) DO UPDATE SET requests = requests + 1,
           errors = errors + excluded.errors, tokens = tokens + excluded.tokens, cost = cost + excluded.cost,
           cache_hits = cache_hits + excluded.cache_hits,
           provider_name = coalesce(excluded.provider_name, provider_name)`,
      ),
      addToBin: db.prepare(
        `INSERT INTO trace_rollup_bins (span, start, provider_id, model, metric, bin, n)
         VALUES (@span, @start, @provider_id, @model, @metric, @bin, 1)
         ON CONFLICT(span, start, provider_id, model, metric, bin) DO UPDATE SET n = n + 1`,
      ),
      byId: db.prepare<[string], TraceRow>('SELECT * FROM traces WHERE id = ?'),
      // An answer asked again keeps its message: its latest request is the one it shows.
      byMessage: db.prepare<[string], TraceRow>(
        'SELECT * FROM traces WHERE message_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1',
      ),
      recentAnswers: db.prepare<[number, number], TraceRow>(
        `SELECT * FROM traces WHERE purpose = 'answer' AND started_at >= ? ORDER BY started_at DESC LIMIT ?`,
      ),
      attempts: db.prepare<[string], AttemptRow>(
        'SELECT * FROM trace_attempts WHERE trace_id = ? ORDER BY attempt',
      ),
      // traces has no index on chat_id: one scan per deleted chat (the table is pruned by age).
      blankAttempts: db.prepare(
        `UPDATE trace_attempts SET error = NULL
         WHERE error IS NOT NULL AND trace_id IN (SELECT id FROM traces WHERE chat_id = ?)`,
      ),
      // What was sent names the chat's messages and summary too: those ids go, the figures stay.
      detach: db.prepare(
        `UPDATE traces SET chat_id = NULL, message_id = NULL,
           context = CASE WHEN context IS NULL THEN NULL ELSE json_set(context, '$.firstSentId', json('null'),
             '$.summary.id', '', '$.summary.throughMessageId', '') END
         WHERE chat_id = ?`,
      ),
      chatExists: db.prepare<[string], { found: 1 }>('SELECT 1 AS found FROM chats WHERE id = ?'),
    }
  }

  /** One transaction for the lot: a batch costs one disk sync, not one per trace. */
  write(traces: readonly Trace[]): void {
    this.db.transaction(() => {
      for (const trace of traces) {
        // A chat deleted before its trace was written (a title asked for as it expired) is forgotten
        // here as forgetChat would have: figures kept, nothing tying them to it, no error text.
        const gone = trace.chatId !== null && !this.statements.chatExists.get(trace.chatId)
        this.statements.insertTrace.run(
          gone
            ? toRow({ ...trace, chatId: null, messageId: null, context: withoutIds(trace.context) })
            : toRow(trace),
        )
        this.countInRollups(trace)
        for (const attempt of trace.attempts)
          this.statements.insertAttempt.run({
            trace_id: trace.id,
            attempt: attempt.attempt,
            status: attempt.status,
            error_kind: attempt.errorKind,
            error: gone ? null : attempt.error,
            retry_in_ms: attempt.retryInMs,
            started_ms: attempt.startedMs,
          })
      }
    })()
  }

  /** Monitoring reads these hourly and daily figures rather than every trace (see migration 007). */
  private countInRollups(trace: Trace): void {
    for (const span of ['hour', 'day'] as const) {
      const where = {
        span,
        start: startOf(span, trace.startedAt),
        provider_id: trace.providerId ?? '',
        model: trace.model ?? '',
      }
      this.statements.addToRollup.run({
        ...where,
        provider_name: trace.providerName,
        error: trace.status === 'error' || trace.status === 'interrupted' ? 1 : 0,
        tokens: (trace.tokensIn ?? 0) + (trace.tokensOut ?? 0),
        cost: trace.cost ?? 0,
        cache_hit: trace.cacheHit ? 1 : 0,
      })
      // A cached answer's timing says nothing about the model.
      if (trace.cacheHit) continue
      const timings: [string, number | null][] = [
        ['first_token_ms', trace.firstTokenMs],
        ['duration_ms', trace.durationMs],
        ['tokens_per_second', trace.tokensPerSecond],
      ]
      for (const [metric, value] of timings)
        if (value !== null) this.statements.addToBin.run({ ...where, metric, bin: binOf(value) })
    }
  }

  /**
   * A deleted chat's traces keep their figures (Monitoring's totals and the router's samples stay
   * right) but lose what tied them to it: the chat and answer they belonged to, and each attempt's
   * error text, which can quote what was asked.
   */
  forgetChat(chatId: string): void {
    this.db.transaction(() => {
      this.statements.blankAttempts.run(chatId)
      this.statements.detach.run(chatId)
    })()
  }

  get(id: string): Trace | null {
    const row = this.statements.byId.get(id)
    return row ? this.withAttempts(row) : null
  }

  /** The latest answers' traces since a time, without their attempts: what the router starts from. */
  recentAnswers(since: number, limit: number): Trace[] {
    return this.statements.recentAnswers.all(since, limit).map((row) => ({ ...fromRow(row), attempts: [] }))
  }

  forMessage(messageId: string): Trace | null {
    const row = this.statements.byMessage.get(messageId)
    return row ? this.withAttempts(row) : null
  }

  private withAttempts(row: TraceRow): Trace {
    return { ...fromRow(row), attempts: this.statements.attempts.all(row.id).map(fromAttemptRow) }
  }
}

function toRow(trace: Trace): TraceRow {
  return {
    id: trace.id,
    chat_id: trace.chatId,
    message_id: trace.messageId,
    purpose: trace.purpose,
    provider_id: trace.providerId,
    provider_name: trace.providerName,
    model: trace.model,
    route: trace.route === null || trace.route === undefined ? null : JSON.stringify(trace.route),
    status: trace.status,
    error_kind: trace.errorKind,
    finish_reason: trace.finishReason,
    started_at: trace.startedAt,
    queue_ms: trace.queueMs,
    first_token_ms: trace.firstTokenMs,
    duration_ms: trace.durationMs,
    tokens_in: trace.tokensIn,
    tokens_out: trace.tokensOut,
    tokens_estimated: trace.tokensEstimated ? 1 : 0,
    tokens_per_second: trace.tokensPerSecond,
    cost: trace.cost,
    cache_hit: trace.cacheHit ? 1 : 0,
    context: trace.context ? JSON.stringify(trace.context) : null,
  }
}

function fromAttemptRow(row: AttemptRow): TraceAttempt {
  return {
    attempt: row.attempt,
    status: row.status,
    errorKind: row.error_kind,
    error: row.error,
    retryInMs: row.retry_in_ms,
    startedMs: row.started_ms,
  }
}

/** What a trace kept of what was sent, naming none of a deleted chat's messages or summaries. */
function withoutIds(context: Trace['context']): Trace['context'] {
  if (!context) return context
  return {
    ...context,
    firstSentId: null,
    summary: context.summary && { ...context.summary, id: '', throughMessageId: '' },
  }
}
