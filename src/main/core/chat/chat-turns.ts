// What a person does with turns: ask one model or several side by side, edit a question, ask again,
// merge answers, keep one, browse the others, and let every column go on with its own thread.
// Streaming itself is the chat service's; this decides which answers to ask for and where they go.
import { MAX_COMPARE_MODELS } from '../../../shared/contract'
import type { AnswerTarget, ChatMessage, ChatThread, SentMessage } from '../../../shared/types'
import { wording } from '../../../shared/wording'
import type { ChatStore } from '../store/chat-store'
import { DEFAULT_CHAT_TITLE } from '../store/chat-store'
import { chatGone, UserFacingError } from '../user-facing-error'
import type { ChatService } from './chat-service'
import { columnsOf, readThread, shownMessageIds, withLive } from './chat-thread'
import { conversationOf } from './conversation'
import { titleFrom } from './titles'
import { estimateTokens } from './token-estimate'

export interface MergeRequest {
  questionId: string
  answerIds: string[]
  target: AnswerTarget
  /** The instructions, as the person edited them. */
  prompt: string
}

/** Room kept for the merged answer itself when checking that the inputs fit. */
const MERGE_ANSWER_ROOM = 2_000

const gone = () => new UserFacingError('not-found', wording('messageGone'))

export class ChatTurns {
  constructor(
    private readonly store: ChatStore,
    private readonly answers: ChatService,
    /** A model's context window where it is known. */
    private readonly contextWindow: (target: AnswerTarget) => number | null,
  ) {}

  thread(chatId: string): ChatThread {
    return readThread(this.store, (id) => this.answers.liveContent(id), chatId)
  }

  /**
   * A thread read elsewhere (on the reads worker), brought up to now: an answer still streaming as far
   * as the page was sent it, so the batches that follow line up.
   */
  current(thread: ChatThread): ChatThread {
    return { ...thread, messages: this.currentMessages(thread.messages) }
  }

  /**
   * Messages read elsewhere, brought up to now. One read while it was still streaming that has ended
   * since is read again here: shown as streaming, it would wait for batches that have all been sent.
   */
  currentMessages(messages: ChatMessage[]): ChatMessage[] {
    const live = (id: string) => this.answers.liveContent(id)
    return messages.map((message) =>
      message.status === 'streaming' && live(message.id) === undefined
        ? (this.store.getMessage(message.id) ?? message)
        : withLive(message, live),
    )
  }

  /**
   * A new question at the end of the chat's path, answered by each of `targets` side by side (two or
   * more), by one chosen model, or by the chat's own. After Continue separately it goes to every column.
   */
  async send(chatId: string, text: string, targets: AnswerTarget[] = []): Promise<SentMessage> {
    const chat = this.store.getChat(chatId)
    if (!chat) throw chatGone()
    const path = this.store.branch(chatId)
    const last = path.at(-1)
    if (last && last.role === 'user' && this.store.children(last.id).length > 0) {
      if (this.store.separateFrom(chatId) === last.id) return this.sendToEveryColumn(chatId, last, text)
      throw new UserFacingError('conflict', wording('keepBeforeSending'))
    }
    this.refuseWhileAnswering(last)
    const question = this.store.addMessage({
      chatId,
      parentId: last?.id ?? null,
      role: 'user',
      content: text,
      status: 'complete',
    })
    if (chat.title === DEFAULT_CHAT_TITLE && path.length === 0)
      this.store.renameChat(chatId, titleFrom(text), 'words')
    const answers = await this.askAll(chatId, [...path, question], targets)
    return this.sent(chatId, question, answers)
  }

  /** A new version of a question (its sibling), answered afresh; the old version and its answers stay. */
  async edit(messageId: string, text: string, targets: AnswerTarget[] = []): Promise<SentMessage> {
    const original = this.store.getMessage(messageId)
    if (original?.role !== 'user') throw gone()
    const history = original.parentId ? this.store.branchTo(original.parentId) : []
    this.refuseWhileAnswering(history.at(-1))
    this.refuseLeaving(original)
    const question = this.store.addMessage({
      chatId: original.chatId,
      parentId: original.parentId,
      role: 'user',
      content: text,
      status: 'complete',
    })
    const answers = await this.askAll(original.chatId, [...history, question], targets)
    return this.sent(original.chatId, question, answers)
  }

  /**
   * Asks again for the answer to the same question, of the same model (or of `target`: Ask another
   * model). In an open side-by-side turn the new answer takes the old one's column; otherwise it
   * becomes the kept answer, and the old one stays reachable with ‹ ›.
   */
  async regenerate(messageId: string, target?: AnswerTarget): Promise<SentMessage> {
    const previous = this.store.getMessage(messageId)
    if (previous?.role !== 'assistant' || !previous.parentId) {
      throw new UserFacingError('not-found', wording('answerGone'))
    }
    const history = this.store.branchTo(previous.parentId)
    const question = history.at(-1) as ChatMessage
    const open = this.isOpen(question)
    // The new answer takes the old one's place (in its column, or on the path), so the old one has
    // nothing left to stream for; what streams below it on the path would go on out of sight.
    if (!open) this.refuseLeaving(previous, { keepSelf: true })
    this.answers.stop(previous.id)
    const answer = await this.answers.ask(previous.chatId, history, {
      target: target ?? previous.target,
      slot: open ? (previous.slot ?? this.nextSlot(question.id)) : previous.slot,
      keep: !open,
      // Asking again means asking afresh: the response cache may not answer (it keeps the new answer).
      bypassCache: true,
    })
    return this.sent(previous.chatId, question, [answer])
  }

  /**
   * One more answer to a question, written by `target` from the answers chosen (their reasoning left
   * out). Refused, with the sizes, when those answers do not fit the model's window.
   */
  async merge(request: MergeRequest): Promise<SentMessage> {
    const question = this.store.getMessage(request.questionId)
    if (question?.role !== 'user') throw gone()
    const siblings = this.store.children(question.id)
    const inputs = request.answerIds.map((id) => siblings.find((answer) => answer.id === id))
    if (inputs.some((answer) => answer === undefined || answer.role !== 'assistant')) throw gone()
    const chosen = inputs as ChatMessage[]
    if (chosen.some((answer) => answer.status === 'streaming'))
      throw new UserFacingError('conflict', wording('mergeWait'))
    const history = this.store.branchTo(question.id)
    const prior = conversationOf(history.slice(0, -1))
    const prompt = mergePrompt(request.prompt, question.content, chosen)
    // The merge prompt stands for the question: the pipeline's context stage trims the turns before
    // it to the model's window like any answer's, so only the prompt itself must fit.
    const conversation = {
      messages: [...prior.messages, { role: 'user' as const, content: prompt }],
      sources: [...prior.sources, question.id],
    }
    const window = this.contextWindow(request.target)
    const needed = estimateTokens(prompt)
    if (window !== null && needed + MERGE_ANSWER_ROOM > window) {
      throw new UserFacingError(
        'invalid-input',
        wording('mergeTooLong', {
          count: chosen.length,
          tokens: needed,
          model: request.target.model,
          window,
        }),
      )
    }
    const open = this.isOpen(question)
    const kept = open ? null : this.store.keptChild(question.id)
    if (kept) this.refuseLeaving(this.requireMessage(kept))
    const answer = await this.answers.ask(question.chatId, history, {
      target: request.target,
      slot: this.nextSlot(question.id),
      keep: !open,
      mergedFrom: chosen.map((input) => input.id),
      conversation,
    })
    return this.sent(question.chatId, question, [answer])
  }

  /** Keep this answer: the conversation goes on from it, and it counts as a win over its siblings. */
  keep(answerId: string): ChatThread {
    const answer = this.requireMessage(answerId)
    if (answer.role !== 'assistant' || !answer.parentId) throw gone()
    // Only an answer that said something counts as a win; going on from a failed one is just a path.
    if (answer.status === 'complete' && answer.content.length > 0) this.store.prefer(answer)
    else this.store.keepOnPath(answer)
    if (this.store.separateFrom(answer.chatId) === answer.parentId)
      this.store.setSeparateFrom(answer.chatId, null)
    // The person has chosen: the others still coming stop (what arrived is kept, reachable with ‹ ›).
    for (const other of this.store.children(answer.parentId)) {
      if (other.id !== answer.id)
        for (const below of this.store.descend(other.id)) this.answers.stop(below.id)
    }
    return this.thread(answer.chatId)
  }

  /** ‹ › : shows another answer (or version of a question) and goes on from it; not a vote. */
  show(messageId: string): ChatThread {
    const message = this.requireMessage(messageId)
    const parent = message.parentId ? this.requireMessage(message.parentId) : null
    // Leaving: what the path shows now in this message's place (every column, if the turn is open).
    const shownNow =
      parent && this.isOpen(parent)
        ? this.store.children(parent.id)
        : [parent ? this.store.keptChild(parent.id) : (this.store.branch(message.chatId)[0]?.id ?? null)]
            .map((id) => (id ? this.store.getMessage(id) : null))
            .filter((shown): shown is ChatMessage => shown !== null)
    for (const shown of shownNow) if (shown.id !== message.id) this.refuseLeaving(shown)
    this.store.keepOnPath(message)
    return this.thread(message.chatId)
  }

  /**
   * Opens a message found by search, wherever it is: every message above it that the chat does not
   * show now becomes the one shown (as ‹ › would), top down. A message already shown (on the path or
   * in an open side-by-side turn) leaves the chat as it is.
   */
  open(messageId: string): ChatThread {
    const message = this.requireMessage(messageId)
    let thread = this.thread(message.chatId)
    let shown = new Set(shownMessageIds(thread))
    if (shown.has(message.id)) return thread
    for (const step of this.store.branchTo(message.id)) {
      if (shown.has(step.id)) continue
      thread = this.show(step.id)
      shown = new Set(shownMessageIds(thread))
    }
    return thread
  }

  /** Opens a question's answers side by side again (Compare answers). */
  sideBySide(questionId: string): ChatThread {
    const question = this.requireMessage(questionId)
    if (question.role !== 'user' || this.store.children(question.id).length < 2) throw gone()
    const kept = this.store.keptChild(question.id)
    if (kept) this.refuseLeaving(this.requireMessage(kept), { keepSelf: true })
    this.store.giveColumns(question.id)
    this.store.unkeep(question.id)
    return this.thread(question.chatId)
  }

  /** Every column of the open turn goes on with its own history; the next message goes to all. */
  continueSeparately(questionId: string): ChatThread {
    const question = this.requireMessage(questionId)
    if (!this.isOpen(question)) throw gone()
    this.store.setSeparateFrom(question.chatId, question.id)
    return this.thread(question.chatId)
  }

  siblings(messageId: string): ChatMessage[] {
    return this.store.siblings(this.requireMessage(messageId))
  }

  private async sendToEveryColumn(chatId: string, question: ChatMessage, text: string): Promise<SentMessage> {
    const columns = columnsOf(this.store.children(question.id)).map((answer) => ({
      answer,
      leaf: this.store.descend(answer.id).at(-1) ?? answer,
    }))
    for (const { leaf } of columns) this.refuseWhileAnswering(leaf)
    const questions: ChatMessage[] = []
    const answers: ChatMessage[] = []
    for (const { answer, leaf } of columns) {
      const next = this.store.addMessage({
        chatId,
        parentId: leaf.id,
        role: 'user',
        content: text,
        status: 'complete',
      })
      questions.push(next)
      const history = this.store.branchTo(next.id)
      // Each column keeps asking the model it last asked (Ask another model changes it for good).
      const target = leaf.target ?? targetOf(leaf) ?? answer.target ?? targetOf(answer)
      answers.push(await this.answers.ask(chatId, history, { target }))
    }
    return this.sent(chatId, questions[0] as ChatMessage, answers)
  }

  private async askAll(
    chatId: string,
    history: ChatMessage[],
    targets: AnswerTarget[],
  ): Promise<ChatMessage[]> {
    if (targets.length > MAX_COMPARE_MODELS)
      throw new UserFacingError('invalid-input', wording('compareTooMany', { most: MAX_COMPARE_MODELS }))
    if (targets.length < 2) return [await this.answers.ask(chatId, history, { target: targets[0] ?? null })]
    const answers: ChatMessage[] = []
    for (const [slot, target] of targets.entries())
      answers.push(await this.answers.ask(chatId, history, { target, slot, keep: false }))
    return answers
  }

  /** "Busy" is per answer: only an answer still coming cannot be built on. */
  private refuseWhileAnswering(last: ChatMessage | undefined): void {
    if (last?.status === 'streaming' && this.answers.isAnswering(last.id)) {
      throw new UserFacingError('conflict', wording('answerAboveComing'))
    }
  }

  /**
   * Refuses to move the path away from `from` while an answer on it (or in the side-by-side turn it
   * leads to) is still coming: that answer would go on streaming where nothing shows or stops it.
   */
  private refuseLeaving(from: ChatMessage, { keepSelf = false } = {}): void {
    const shown = this.store.descend(from.id)
    const end = shown.at(-1)
    if (end && end.role === 'user') {
      for (const answer of this.store.children(end.id)) shown.push(...this.store.descend(answer.id))
    }
    const leaving = keepSelf ? shown.filter((message) => message.id !== from.id) : shown
    if (leaving.some((message) => this.answers.isAnswering(message.id))) {
      throw new UserFacingError('conflict', wording('answerHereComing'))
    }
  }

  /** A question whose answers are side by side with none kept. */
  private isOpen(question: ChatMessage): boolean {
    return this.store.keptChild(question.id) === null && this.store.children(question.id).length > 0
  }

  private nextSlot(questionId: string): number {
    const slots = this.store.children(questionId).map((answer, index) => answer.slot ?? index)
    return slots.length === 0 ? 0 : Math.max(...slots) + 1
  }

  private requireMessage(id: string): ChatMessage {
    const message = this.store.getMessage(id)
    if (!message) throw gone()
    return message
  }

  private sent(chatId: string, question: ChatMessage, answers: ChatMessage[]): SentMessage {
    const thread = this.thread(chatId)
    return {
      chat: thread.chat,
      userMessage: question,
      assistantMessage: answers[0] as ChatMessage,
      answers,
      thread,
    }
  }
}

function targetOf(answer: ChatMessage): AnswerTarget | null {
  return answer.provider && answer.model ? { providerId: answer.provider, model: answer.model } : null
}

/** The merge request: the person's instructions, the question, and each answer without its reasoning. */
export function mergePrompt(instructions: string, question: string, answers: ChatMessage[]): string {
  const parts = [instructions.trim(), '', 'The question:', question]
  // Unnamed, so the merging model judges what was said, not who said it.
  answers.forEach((answer, index) => {
    parts.push('', `Answer ${index + 1}:`, withoutReasoning(answer.content))
  })
  return parts.join('\n')
}

const REASONING_TAGS = ['think', 'thinking', 'reasoning']

/**
 * Some models write their reasoning into the answer between think tags: it is not part of the answer.
 * A block left open (the answer was cut off mid-thought) runs to the end. One pass, so a hostile answer
 * full of unclosed tags costs no more than reading it.
 */
export function withoutReasoning(text: string): string {
  // ASCII only: full case folding can change the length ('İ' becomes two units), and the places found
  // in the folded copy must be the same places in the text.
  const lower = text.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
  // Where each tag next opens; a tag found nowhere further is never looked for again.
  const next = new Map(REASONING_TAGS.map((tag) => [tag, -1]))
  const opening = (from: number) => {
    let best: { index: number; tag: string } | null = null
    for (const [tag, seen] of next) {
      const index = seen >= from || seen === Number.POSITIVE_INFINITY ? seen : lower.indexOf(`<${tag}>`, from)
      next.set(tag, index < 0 ? Number.POSITIVE_INFINITY : index)
      if (index >= 0 && index !== Number.POSITIVE_INFINITY && (best === null || index < best.index))
        best = { index, tag }
    }
    return best
  }
  let kept = ''
  let at = 0
  while (at < text.length) {
    const open = opening(at)
    if (!open) {
      kept += text.slice(at)
      break
    }
    const close = lower.indexOf(`</${open.tag}>`, open.index + open.tag.length + 2)
    if (close < 0) {
      // Never closed: reasoning cut off, if the answer began with it; otherwise a tag the answer only
      // mentions, which stays.
      kept += text.slice(at, text.slice(0, open.index).trim() === '' ? open.index : text.length)
      break
    }
    kept += text.slice(at, open.index)
    at = close + open.tag.length + 3
  }
  return kept.trim()
}
