// What one request sends of a chat's conversation to one model: counts the messages (newest first,
// until the window is full), finds the stored summary on the path, and plans with context-plan.ts.
// The pipeline's context stage sends by it; the composer's meter and preview show the same figures.
import type { ContextStrategy, ContextSummary, ContextUse } from '../../../shared/context'
import type { GenerationParams, ModelInfo } from '../../../shared/providers'
import type { ProviderMessage } from '../providers/types'
import type { SummaryStore } from '../store/summary-store'
import {
  answerRoomFor,
  type ContextPlan,
  planContext,
  summaryRoomFor,
  TOKENS_PER_MESSAGE,
} from './context-plan'
import { type Encoding, encodingFor } from './encodings'
import type { TokenCalibration } from './token-calibration'
import type { TokenCounter } from './token-counter'

export interface ContextWindowDeps {
  counter: TokenCounter
  calibration: TokenCalibration
  summaries: SummaryStore
  modelInfo: (providerId: string, model: string) => ModelInfo | null
  strategyOf: (chatId: string) => ContextStrategy
}

export interface ContextInput {
  chatId: string
  providerId: string
  model: string
  system: string | null
  params: GenerationParams
  messages: readonly ProviderMessage[]
  /** The stored message each of `messages` comes from. */
  sources: readonly string[]
  /** Older messages of the path not given (a preview reads only the newest part of a long chat). */
  omitted?: number
  /** Instead of the chat's own (a failed summary falls back to the sliding window). */
  strategy?: ContextStrategy
}

export interface Measured {
  use: ContextUse
  plan: ContextPlan
  /** The stored summary found on the path (used, or to be extended). */
  summary: ContextSummary | null
  /** What is sent: the kept messages, and the system prompt with the summary when one is used. */
  messages: ProviderMessage[]
  system: string | null
  /**
   * The most a new summary may take, in the answering model's encoding before calibration, so that
   * with its heading it stays within the room the plan kept for it. Null: the window is not known.
   */
  summaryLimit: { encoding: Encoding; tokens: number } | null
}

/** Text enough to fill any window of `tokens` (a token is about four characters; twice that, to be sure). */
export function charsToFill(tokens: number | null): number {
  return tokens === null ? Number.POSITIVE_INFINITY : tokens * 8
}

export const SUMMARY_HEADING = 'Summary of the earlier conversation (older messages are not shown):'

export class ContextWindow {
  constructor(private readonly deps: ContextWindowDeps) {}

  async measure(input: ContextInput): Promise<Measured> {
    const { deps } = this
    const info = deps.modelInfo(input.providerId, input.model)
    const window = info?.contextWindow ?? null
    const strategy = input.strategy ?? deps.strategyOf(input.chatId)
    const { encoding, exact } = encodingFor(input.model)
    const corrected = (tokens: number) => deps.calibration.apply(input.providerId, input.model, tokens)
    const answerRoom =
      window === null ? 0 : answerRoomFor(window, input.params.maxTokens, info?.maxOutputTokens)
    const [systemCount = 0] = await deps.counter.count(encoding, [{ key: null, text: input.system ?? '' }])
    const counts = await deps.counter.countNewest(
      encoding,
      input.messages.map((message, index) => ({ key: input.sources[index] ?? null, text: message.content })),
      window === null ? Number.POSITIVE_INFINITY : window,
    )
    const found = strategy === 'summarize' ? deps.summaries.latestOnPath(input.chatId, input.sources) : null
    const through = found ? input.sources.indexOf(found.throughMessageId) : -1
    const summary = found && through >= 0 ? found : null
    // Counted as it is sent: under its heading, after the system prompt.
    const [summaryCount = 0] = summary
      ? await deps.counter.count(encoding, [
          { key: `summary ${summary.id}`, text: summaryBlock(summary.content) },
        ])
      : []
    const plan = planContext({
      // An unknown window holds everything: nothing is left out, nothing can be checked.
      window: window ?? Number.POSITIVE_INFINITY,
      answerRoom,
      systemTokens: corrected(systemCount),
      messages: input.messages.map((message, index) => {
        const tokens = counts[index]
        return {
          role: message.role,
          tokens: tokens === null || tokens === undefined ? null : corrected(tokens),
        }
      }),
      strategy,
      summary: summary ? { through, tokens: corrected(summaryCount) + TOKENS_PER_MESSAGE } : null,
    })
    let summaryLimit: Measured['summaryLimit'] = null
    if (window !== null && strategy === 'summarize') {
      const [headingCount = 0] = await deps.counter.count(encoding, [
        { key: 'summary heading', text: summaryBlock('') },
      ])
      const ratio = deps.calibration.ratio(input.providerId, input.model)
      const room = summaryRoomFor(window, answerRoom) - TOKENS_PER_MESSAGE
      summaryLimit = { encoding, tokens: Math.max(0, Math.floor(room / ratio) - headingCount) }
    }
    const usedSummary = plan.useSummary ? summary : null
    const use: ContextUse = {
      providerId: input.providerId,
      model: input.model,
      strategy,
      window,
      answerRoom,
      inputTokens: plan.inputTokens,
      exact,
      fits: plan.fits,
      sent: input.messages.length - plan.keepFrom,
      leftOut: plan.keepFrom + (input.omitted ?? 0),
      firstSentId: input.sources[plan.keepFrom] ?? null,
      summary: usedSummary
        ? { id: usedSummary.id, throughMessageId: usedSummary.throughMessageId, covered: usedSummary.covered }
        : null,
      toSummarize: plan.summarize ? plan.summarize.to - plan.summarize.from : 0,
      estimatedInputCost:
        info?.inputPrice === null || info?.inputPrice === undefined
          ? null
          : (plan.inputTokens * info.inputPrice) / 1_000_000,
    }
    return {
      use,
      plan,
      summary,
      messages: input.messages.slice(plan.keepFrom),
      system: usedSummary ? withSummary(input.system, usedSummary.content) : input.system,
      summaryLimit,
    }
  }
}

/** The chat's system prompt with the summary after it, so every provider reads it the same way. */
export function withSummary(system: string | null, summary: string): string {
  const block = summaryBlock(summary)
  return system ? `${system}\n\n${block}` : block
}

function summaryBlock(summary: string): string {
  return `${SUMMARY_HEADING}\n${summary}`
}
