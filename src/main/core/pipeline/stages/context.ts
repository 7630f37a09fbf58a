// Keeps a chat's conversation within the chosen model's window, after the target is known (routing
// and side by side each get what fits their own model): the sliding window sends the most recent
// turns that fit; Summarize older messages first folds what falls out into the chat's summary. The
// request's `context` event says what was sent; the trace keeps it and the page shows it.
import type { ContextUse } from '../../../../shared/context'
import type { AnswerTarget } from '../../../../shared/types'
import { type Wording, wording } from '../../../../shared/wording'
import type { ContextInput, ContextWindow } from '../../context/context-window'
import type { Summarizer } from '../../context/summarizer'
import { log } from '../../log/log'
import { ProviderError, stopped } from '../../providers/provider-error'
import type { Stage } from '../events'

export function contextStage(
  window: ContextWindow,
  summarizer: Summarizer,
  /** Whether the model's breaker would refuse it now: then nothing is spent summarizing for it. */
  refuses: (target: AnswerTarget) => boolean,
): Stage {
  return async function* context(request, next) {
    const target = request.target
    if ((request.purpose ?? 'answer') !== 'answer' || !request.sources || !target) {
      yield* next(request)
      return
    }
    const input: ContextInput = {
      chatId: request.chatId,
      providerId: target.providerId,
      model: target.model,
      system: request.system,
      params: request.params,
      messages: request.messages,
      sources: request.sources,
    }
    const answering = { providerId: target.providerId, model: target.model }
    let measured = await window.measure(input)
    const fold = measured.plan.summarize
    const limit = measured.summaryLimit
    if (fold && limit && !refuses(answering)) {
      yield { type: 'summarizing' }
      try {
        await summarizer.fold({
          chatId: request.chatId,
          answering,
          previous: measured.plan.useSummary ? measured.summary : null,
          messages: request.messages.slice(fold.from, fold.to),
          sources: request.sources.slice(fold.from, fold.to),
          limit,
          signal: request.signal,
        })
        measured = await window.measure(input)
      } catch (error) {
        if (request.signal.aborted) throw stopped()
        // The answer still comes, from the most recent turns that fit; the next send tries again.
        log.warn('earlier messages could not be summarized:', (error as Error).message)
        measured = await window.measure({ ...input, strategy: 'window' })
      }
    }
    // Still wanting a summary (another request's summary covered less, or the breaker is open):
    // this answer goes with the most recent turns that fit, never with more than the window holds.
    if (measured.plan.summarize) measured = await window.measure({ ...input, strategy: 'window' })
    yield { type: 'context', context: measured.use }
    if (!measured.use.fits) throw new ProviderError('too-long', tooLong(measured.use))
    yield* next({ ...request, messages: measured.messages, system: measured.system })
  }
}

function tooLong(use: ContextUse): Wording {
  return wording('tooLong', {
    model: use.model,
    tokens: use.inputTokens,
    window: use.window ?? 0,
    answerRoom: use.answerRoom,
  })
}
