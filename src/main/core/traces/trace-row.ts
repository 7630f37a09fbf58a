// A stored trace row and the trace it stands for. Plain code: the reads worker loads this file as
// it is.

import type { ContextUse } from '../../../shared/context'
import type { RouteTrace } from '../../../shared/routing'
import type { RequestPurpose, Trace } from '../../../shared/types'

export interface TraceRow {
  id: string
  chat_id: string | null
  message_id: string | null
  purpose: RequestPurpose
  provider_id: string | null
  provider_name: string | null
  model: string | null
  route: string | null
  status: Trace['status']
  error_kind: string | null
  finish_reason: string | null
  started_at: number
  queue_ms: number | null
  first_token_ms: number | null
  duration_ms: number
  tokens_in: number | null
  tokens_out: number | null
  tokens_estimated: 0 | 1
  tokens_per_second: number | null
  cost: number | null
  cache_hit: 0 | 1
  context: string | null
}

export function fromRow(row: TraceRow): Omit<Trace, 'attempts'> {
  return {
    id: row.id,
    chatId: row.chat_id,
    messageId: row.message_id,
    purpose: row.purpose,
    providerId: row.provider_id,
    providerName: row.provider_name,
    model: row.model,
    route: parseRoute(row.route),
    status: row.status,
    errorKind: row.error_kind,
    finishReason: row.finish_reason,
    startedAt: row.started_at,
    queueMs: row.queue_ms,
    firstTokenMs: row.first_token_ms,
    durationMs: row.duration_ms,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    tokensEstimated: row.tokens_estimated === 1,
    tokensPerSecond: row.tokens_per_second,
    cost: row.cost,
    cacheHit: row.cache_hit === 1,
    context: parseContext(row.context),
  }
}

function parseRoute(text: string | null): RouteTrace | null {
  if (text === null) return null
  try {
    // Written by the trace stage from a checked shape; the worker reads it without zod (plain code).
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && Array.isArray((value as RouteTrace).hops)
      ? (value as RouteTrace)
      : null
  } catch {
    return null
  }
}

function parseContext(text: string | null): ContextUse | null {
  if (text === null) return null
  try {
    // Written by the trace stage from the context stage's own figures.
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && typeof (value as ContextUse).inputTokens === 'number'
      ? (value as ContextUse)
      : null
  } catch {
    return null
  }
}
