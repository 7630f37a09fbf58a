// Before sending: for the chosen model or models, what the next message would send of the chat (the
// composer's meter, the preview, and which messages the page dims as left out). The same measure the
// pipeline's context stage sends by, on the chat's path with the draft as its last question.
import type { ContextSummary, ContextUse } from '../../../shared/context'
import type { AnswerTarget } from '../../../shared/types'
import { wording } from '../../../shared/wording'
import type { ChatTargets } from '../chat/chat-target'
import type { Conversation } from '../chat/conversation'
import type { PipelineRequest } from '../pipeline/events'
import type { RouteDecision } from '../router/router'
import type { ChatStore } from '../store/chat-store'
import type { SummaryStore } from '../store/summary-store'
import { chatGone, UserFacingError } from '../user-facing-error'
import { type ContextWindow, charsToFill } from './context-window'

export interface ContextPreviewDeps {
  store: ChatStore
  targets: ChatTargets
  window: ContextWindow
  summaries: SummaryStore
  /** Auto: what the router would decide now for a request like the next one, spending nothing. */
  route: (request: PipelineRequest) => RouteDecision | null
  /** The newest part of the chat's conversation, about `maxChars` of text (on the reads worker). */
  read: (chatId: string, maxChars: number) => Promise<Conversation>
}

export class ContextPreview {
  constructor(private readonly deps: ContextPreviewDeps) {}

  /** `chatId` null: the first message of a chat not made yet, to the default model. */
  async preview(
    chatId: string | null,
    draft: string,
    wanted: readonly AnswerTarget[] = [],
  ): Promise<ContextUse[]> {
    const { store, targets, window } = this.deps
    if (chatId !== null && !store.getChat(chatId)) throw chatGone()
    const question = { role: 'user' as const, content: draft }
    let chosen = wanted.length > 0 ? [...wanted] : await this.chatsOwn(chatId, [question])
    // Read on the reads worker, and only as much of a long chat as the largest window could hold.
    const charsFor = (targetsNow: readonly AnswerTarget[]) => {
      const windows = targetsNow.map((target) => targets.contextWindow(target))
      return windows.includes(null) ? Number.POSITIVE_INFINITY : Math.max(0, ...windows.map(charsToFill))
    }
    const readFor = async (maxChars: number): Promise<Conversation> =>
      chatId === null ? { messages: [], sources: [], omitted: 0 } : this.deps.read(chatId, maxChars)
    let read = charsFor(chosen)
    let { messages, sources, omitted } = await readFor(read)
    // Under Auto, ask again with the conversation read: its cost can change which model wins, and a
    // winner with a larger window needs more of the chat read.
    if (wanted.length === 0 && messages.length > 0) {
      chosen = await this.chatsOwn(chatId, [...messages, question])
      if (omitted > 0 && charsFor(chosen) > read) {
        read = charsFor(chosen)
        ;({ messages, sources, omitted } = await readFor(read))
      }
    }
    // The draft is the question being answered; an empty one still shows what the chat takes.
    const next = [...messages, question]
    const uses: ContextUse[] = []
    for (const target of chosen) {
      const resolved = await (wanted.length > 0
        ? targets.forWanted(chatId ?? '', target)
        : targets.resolve(chatId ?? '')
      ).catch(() => null)
      const measured = await window.measure({
        chatId: chatId ?? '',
        providerId: target.providerId,
        model: target.model,
        system: resolved?.system ?? null,
        params: resolved?.params ?? {},
        messages: next,
        sources,
        omitted,
      })
      uses.push(measured.use)
    }
    return uses
  }

  summary(chatId: string, summaryId: string): ContextSummary {
    const summary = this.deps.summaries.get(chatId, summaryId)
    if (!summary) throw new UserFacingError('not-found', wording('summaryGone'))
    return summary
  }

  /** The chat's own model, or under Auto the one the router would pick now. */
  private async chatsOwn(
    chatId: string | null,
    messages: PipelineRequest['messages'],
  ): Promise<AnswerTarget[]> {
    const routed =
      chatId === null
        ? null
        : this.deps.route({
            chatId,
            messages,
            system: null,
            params: {},
            target: null,
            headers: {},
            signal: new AbortController().signal,
          })
    const first = routed?.order[0]
    if (first) return [first]
    const resolved = await this.deps.targets.resolve(chatId ?? '').catch(() => null)
    return resolved ? [{ providerId: resolved.provider.id, model: resolved.model }] : []
  }
}
