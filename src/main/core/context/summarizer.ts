// Summarize older messages: folds the messages that fall out of a chat's window into its summary,
// with the model chosen in Settings (else the one answering). A summary is extended from the last
// one, never redone; what is too old to fit the summarizing model's own window is left out and said so.
import type { ContextSummary } from '../../../shared/context'
import type { AnswerTarget } from '../../../shared/types'
import type { Next } from '../pipeline/events'
import type { ProviderMessage } from '../providers/types'
import type { AppSettingsStore } from '../settings/app-settings'
import type { SummaryStore } from '../store/summary-store'
import { encodingFor } from './encodings'
import type { TokenCounter } from './token-counter'

export const SUMMARY_INSTRUCTIONS =
  'Summarize the conversation below so that an assistant can continue it without seeing it. Keep names, ' +
  'facts, figures, decisions, code identifiers, the person’s preferences and open questions; leave out ' +
  'pleasantries. Write in the conversation’s language, in short plain sentences, at most 300 words. ' +
  'Answer with the summary only.'

/** What a summarizing model is assumed to hold when its window is not known. */
const UNKNOWN_WINDOW = 16_000
/** Room kept for the summary itself (at most a quarter of a small window) and the instructions. */
const SUMMARY_ANSWER_ROOM = 1_024
const INSTRUCTION_ROOM = 120

export interface FoldRequest {
  chatId: string
  /** The model answering the request the summary is for. */
  answering: AnswerTarget
  /** The summary it extends; null: the first. */
  previous: ContextSummary | null
  /** The messages falling out, oldest first, with the stored message each comes from. */
  messages: readonly ProviderMessage[]
  sources: readonly string[]
  signal: AbortSignal
}

export interface SummarizerDeps {
  /** Late-bound: the summarizer is itself called from inside the pipeline. */
  pipeline: () => Next
  settings: AppSettingsStore
  counter: TokenCounter
  summaries: SummaryStore
  windowOf: (target: AnswerTarget) => number | null
}

export class Summarizer {
  constructor(private readonly deps: SummarizerDeps) {}

  /** Writes and stores the summary through the last of `messages`. */
  async fold(request: FoldRequest): Promise<ContextSummary> {
    const through = request.sources.at(-1)
    if (!through) throw new Error('nothing to summarize')
    const target = this.summarizingModel(request.answering)
    const { encoding } = encodingFor(target.model)
    const previous = request.previous?.content ?? ''
    const [previousTokens = 0] = await this.deps.counter.count(encoding, [
      { key: request.previous ? `summary ${request.previous.id}` : null, text: previous },
    ])
    const window = this.deps.windowOf(target) ?? UNKNOWN_WINDOW
    const room =
      window - Math.min(SUMMARY_ANSWER_ROOM, Math.floor(window / 4)) - INSTRUCTION_ROOM - previousTokens
    const counts = await this.deps.counter.countNewest(
      encoding,
      request.messages.map((message, index) => ({
        key: request.sources[index] ?? null,
        text: message.content,
      })),
      room,
    )
    // The newest that fit the summarizing model; older ones are left out.
    let from = counts.length
    let used = 0
    while (from > 0) {
      const tokens = counts[from - 1]
      if (tokens === null || tokens === undefined || used + tokens + 4 > room) break
      used += tokens + 4
      from -= 1
    }
    const folded = request.messages.slice(from)
    if (folded.length === 0) throw new Error('the messages to summarize do not fit the summarizing model')
    const transcript = [
      ...(request.previous ? ['Summary so far:', previous, ''] : []),
      'Conversation:',
      ...folded.map((message) => `${message.role === 'user' ? 'User' : 'Assistant'}: ${message.content}`),
    ].join('\n')
    let said = ''
    for await (const event of this.deps.pipeline()({
      chatId: request.chatId,
      purpose: 'summary',
      messages: [{ role: 'user', content: transcript }],
      system: SUMMARY_INSTRUCTIONS,
      // No token limit: a reasoning model would spend a small one thinking and summarize nothing.
      params: {},
      target: null,
      want: target,
      headers: {},
      signal: request.signal,
    })) {
      if (event.type === 'delta') said += event.text
    }
    const content = said.trim()
    if (!content) throw new Error('the summary came back empty')
    return this.deps.summaries.add({
      chatId: request.chatId,
      throughMessageId: through,
      extendsId: request.previous?.id ?? null,
      content,
      covered: (request.previous?.covered ?? 0) + folded.length,
      leftOut: (request.previous?.leftOut ?? 0) + from,
      providerId: target.providerId,
      model: target.model,
    })
  }

  private summarizingModel(answering: AnswerTarget): AnswerTarget {
    const chosen = this.deps.settings.get().summaries
    return chosen.mode === 'model' ? { providerId: chosen.providerId, model: chosen.model } : answering
  }
}
