// Turns one request's pipeline events into its trace: which model, each attempt and its wait, the
// queue, the first token, tokens (the provider's count, else an estimate), speed and cost.
import { randomUUID } from 'node:crypto'
import type { Trace, TraceAttempt } from '../../../shared/types'
import { estimateTokens } from '../chat/token-estimate'
import type { PipelineEvent, PipelineRequest } from '../pipeline/events'
import { ProviderError } from '../providers/provider-error'

/** US dollars per million tokens, where the model's settings or preset know them. */
export type PricesOf = (
  providerId: string,
  model: string,
) => { inputPrice: number | null; outputPrice: number | null } | null

export class TraceBuilder {
  private readonly trace: Trace
  private readonly started: number
  private queuedAt: number | null = null
  private outputChars = ''
  private usage: { input: number; output: number } | null = null
  private ended = false
  /** Auto's later hops count their attempts from 1 again: numbered on from the earlier hops' here. */
  private attemptsBefore = 0

  constructor(
    private readonly request: PipelineRequest,
    private readonly pricesOf: PricesOf,
    private readonly clock: () => number = () => performance.now(),
    now: number = Date.now(),
  ) {
    this.started = clock()
    this.trace = {
      id: randomUUID(),
      chatId: request.chatId || null,
      messageId: request.messageId ?? null,
      purpose: request.purpose ?? 'answer',
      providerId: null,
      providerName: null,
      model: null,
      route: null,
      status: 'complete',
      errorKind: null,
      finishReason: null,
      startedAt: now,
      queueMs: null,
      firstTokenMs: null,
      durationMs: 0,
      tokensIn: null,
      tokensOut: null,
      tokensEstimated: false,
      tokensPerSecond: null,
      cost: null,
      cacheHit: false,
      context: null,
      attempts: [],
    }
  }

  observe(event: PipelineEvent): void {
    const trace = this.trace
    const at = Math.round(this.clock() - this.started)
    switch (event.type) {
      case 'target':
        this.attemptsBefore = trace.attempts.length
        trace.providerId = event.providerId
        trace.providerName = event.providerName
        trace.model = event.model
        break
      case 'queued':
        this.queuedAt ??= at
        break
      case 'attempt':
        if (event.phase === 'started') {
          if (this.queuedAt !== null && trace.queueMs === null) trace.queueMs = at - this.queuedAt
          trace.attempts.push(attempt(this.attemptsBefore + event.attempt, at))
        } else {
          const number = this.attemptsBefore + event.attempt
          const tried = trace.attempts.find((a) => a.attempt === number) ?? attempt(number, at)
          if (!trace.attempts.includes(tried)) trace.attempts.push(tried)
          tried.status = 'failed'
          tried.errorKind = event.errorKind
          tried.error = event.message
          tried.retryInMs = event.retryInMs
        }
        break
      case 'delta':
      case 'thinking':
        trace.firstTokenMs ??= at
        this.outputChars += event.text
        break
      case 'usage':
        this.usage = { input: event.usage.input, output: event.usage.output }
        break
      case 'finish':
        trace.finishReason = event.reason
        break
      case 'cache-hit':
        trace.cacheHit = true
        break
      case 'route':
        trace.route = event.route
        break
      case 'context':
        trace.context = event.context
        break
    }
  }

  /** Ends the trace once; later calls are ignored (a failure then a return both end it). */
  end(outcome: { failure?: unknown; returnedEarly?: boolean } = {}): Trace | null {
    if (this.ended) return null
    this.ended = true
    const trace = this.trace
    trace.durationMs = Math.max(0, Math.round(this.clock() - this.started))
    if (outcome.failure !== undefined) {
      const kind = outcome.failure instanceof ProviderError ? outcome.failure.kind : 'other'
      trace.status =
        this.request.signal.aborted || kind === 'aborted'
          ? 'stopped'
          : trace.firstTokenMs !== null
            ? 'interrupted'
            : 'error'
      trace.errorKind = trace.status === 'stopped' ? null : kind
      const last = trace.attempts.at(-1)
      if (last && last.status === 'ok' && trace.status === 'error') {
        last.status = 'failed'
        last.errorKind = kind
        last.error = outcome.failure instanceof Error ? outcome.failure.message : String(outcome.failure)
      }
    } else if (outcome.returnedEarly) {
      trace.status = 'stopped'
    }
    this.countTokens()
    return trace
  }

  private countTokens(): void {
    const trace = this.trace
    if (this.usage) {
      trace.tokensIn = this.usage.input
      trace.tokensOut = this.usage.output
    } else if (!trace.cacheHit || this.outputChars.length > 0) {
      // No count from the provider: estimated from the text, and marked so.
      trace.tokensEstimated = true
      const prompt = [this.request.system ?? '', ...this.request.messages.map((m) => m.content)].join('\n')
      trace.tokensIn = estimateTokens(prompt)
      trace.tokensOut = estimateTokens(this.outputChars)
    }
    const generating = trace.durationMs - (trace.firstTokenMs ?? trace.durationMs)
    if (trace.tokensOut && trace.tokensOut > 0 && generating > 0)
      trace.tokensPerSecond = Math.round((trace.tokensOut / (generating / 1000)) * 10) / 10
    const prices = trace.providerId && trace.model ? this.pricesOf(trace.providerId, trace.model) : null
    // A cached answer cost nothing: the provider was not asked.
    if (trace.cacheHit) trace.cost = 0
    else if (prices && (prices.inputPrice !== null || prices.outputPrice !== null))
      trace.cost =
        ((trace.tokensIn ?? 0) * (prices.inputPrice ?? 0) +
          (trace.tokensOut ?? 0) * (prices.outputPrice ?? 0)) /
        1_000_000
  }
}

function attempt(number: number, at: number): TraceAttempt {
  return { attempt: number, status: 'ok', errorKind: null, error: null, retryInMs: null, startedMs: at }
}
