// Summarize older messages: folds the messages that fall out of a chat's window into its summary,
// with the model chosen in Settings (else the one answering). A summary is extended from the last
// one, never redone; what is too old to fit the summarizing model's own window is left out and said so.
import type { ContextSummary } from '../../../shared/context'
import type { AnswerTarget } from '../../../shared/types'
import type { Next } from '../pipeline/events'
import type { ProviderMessage } from '../providers/types'
import type { AppSettingsStore } from '../settings/app-settings'
import type { SummaryStore } from '../store/summary-store'
import { type Encoding, encodingFor } from './encodings'
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
  /** The most the summary may take in the answering model's tokens: a longer one is cut to it. */
  limit: { encoding: Encoding; tokens: number }
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

/** A summary cut to its limit is cut at the end of a sentence when one is this near the cut. */
const SENTENCE_SLACK = 0.3

export class Summarizer {
  /** One summary at a time per chat: side by side columns and Auto hops may all ask at once. */
  private readonly folding = new Map<string, Promise<ContextSummary>>()

  constructor(private readonly deps: SummarizerDeps) {}

  /**
   * Writes and stores the summary through the last of `messages`. Null: another request of the chat
   * was already summarizing; it has finished (either way), and the caller measures again.
   */
  async fold(request: FoldRequest): Promise<ContextSummary | null> {
    const running = this.folding.get(request.chatId)
    if (running) {
      await running.catch(() => undefined)
      return null
    }
    const work = this.write(request)
    this.folding.set(request.chatId, work)
    try {
      return await work
    } finally {
      if (this.folding.get(request.chatId) === work) this.folding.delete(request.chatId)
    }
  }

  private async write(request: FoldRequest): Promise<ContextSummary> {
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
    const content = await this.cut(said.trim(), request.limit)
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

  /**
   * The summary within its limit. The model is asked for a short one but not held to a token limit
   * (a reasoning model would spend it thinking), so a long one is cut here, at a sentence where it can.
   */
  private async cut(text: string, limit: FoldRequest['limit']): Promise<string> {
    let kept = text
    for (let attempt = 0; ; attempt += 1) {
      const [tokens = 0] = await this.deps.counter.count(limit.encoding, [{ key: null, text: kept }])
      if (tokens <= limit.tokens) return kept
      if (attempt === 4) throw new Error('the summary could not be cut to its room')
      // Proportionally, a little short: a round or two at most.
      kept = cutAt(kept, Math.floor((kept.length * limit.tokens * 0.95) / tokens))
    }
  }

  private summarizingModel(answering: AnswerTarget): AnswerTarget {
    const chosen = this.deps.settings.get().summaries
    return chosen.mode === 'model' ? { providerId: chosen.providerId, model: chosen.model } : answering
  }
}

/** `text` cut to at most `chars`, after the last sentence near the cut, else the last word. */
function cutAt(text: string, chars: number): string {
  if (chars <= 0) return ''
  const head = text.slice(0, chars)
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'), head.lastIndexOf('。'))
  if (sentence >= chars * (1 - SENTENCE_SLACK)) return head.slice(0, sentence + 1).trim()
  const space = head.lastIndexOf(' ')
  return (space > chars * (1 - SENTENCE_SLACK) ? head.slice(0, space) : head).trim()
}
