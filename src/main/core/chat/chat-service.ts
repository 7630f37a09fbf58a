// Sending, stopping and re-asking. Owns the streams in flight: each one runs through the pipeline,
// is written to SQLite in time-based batches and reaches the renderer about once per frame.

import type { EventSink } from '../../../shared/contract'
import { type AnswerRoute, answerRouteOf } from '../../../shared/routing'
import type {
  AnswerProgress,
  AnswerTarget,
  ChatMessage,
  MessageStatus,
  StreamFinal,
} from '../../../shared/types'
import { english, type Wording, wording } from '../../../shared/wording'
import { log } from '../log/log'
import type { Next, PipelineRequest } from '../pipeline/events'
import { ProviderError } from '../providers/provider-error'
import type { ProviderMessage, TokenUsage } from '../providers/types'
import type { ChatStore, FinishedMessage } from '../store/chat-store'
import { type StorageProblem, storageProblem } from '../store/storage-errors'
import { UserFacingError } from '../user-facing-error'
import { conversationOf } from './conversation'
import { endingOf } from './endings'
import { TextCoalescer } from './text-coalescer'

export interface ChatServiceOptions {
  store: ChatStore
  sink: EventSink
  /** The request pipeline: it chooses the provider and model and streams the answer back. */
  pipeline: Next
  /**
   * A chat's first answer came in complete (the chat can be named now), from `answeredBy` (under Auto,
   * the model routing chose, which may not be the chat's own).
   */
  onFirstAnswer?: (chatId: string, question: string, answer: string, answeredBy: AnswerTarget | null) => void
  /** How often streamed text is written to SQLite: the most a killed process can lose. */
  saveIntervalMs?: number
  /** How often a stream's text is sent to the renderer. */
  emitIntervalMs?: number
  /** How often an answer's end that could not be written (a full disk) is tried again. */
  saveRetryMs?: number
}

interface ActiveStream {
  chatId: string
  controller: AbortController
  stoppedBy: 'person' | 'shutdown' | null
  finished: Promise<void>
  /** Everything sent to the renderer so far; what a chat opened mid-answer must show. */
  emitted: string
  emittedThinking: string
  /**
   * Set once a write failed: from then on text waits here, in order, instead of being written out of
   * turn. Saved with the message's end, or later if the disk is still full then.
   */
  unsaved: UnsavedText | null
  saveProblem: StorageProblem | 'other' | null
  /** What the answer is waiting for before its first token; null once text flows. */
  progress: AnswerProgress | null
  providerId: string | null
  model: string | null
}

export interface AskOptions {
  /** The model the person asked for; none: the chat's own choice. */
  target?: AnswerTarget | null
  /** The column of a side-by-side turn. */
  slot?: number | null
  mergedFrom?: string[] | null
  /** Whether the answer becomes its question's kept answer (not in an open side-by-side turn). */
  keep?: boolean
  /** What the model is sent, when it is not simply the history (a merge), with where each comes from. */
  conversation?: { messages: ProviderMessage[]; sources: string[] }
  /** Ask the provider afresh even if the response cache holds the answer (Regenerate). */
  bypassCache?: boolean
}

interface UnsavedText {
  content: string
  thinking: string
}

/** An answer that ended while its last text could not be written; retried until it is. */
interface PendingSave {
  chatId: string
  finished: FinishedMessage
  tail: UnsavedText
  /** What the page shows meanwhile. */
  shown: Pick<ChatMessage, 'content' | 'thinking' | 'status' | 'error' | 'errorWording'>
  timer: NodeJS.Timeout | null
}

const CLOSED_MID_ANSWER = wording('closedMidAnswer')
const SAVE_RETRY_MS = 2_000

export class ChatService {
  private readonly active = new Map<string, ActiveStream>()
  private readonly pendingSaves = new Map<string, PendingSave>()
  private closing = false

  constructor(private readonly options: ChatServiceOptions) {}

  stop(messageId: string): void {
    const stream = this.active.get(messageId)
    if (!stream) return
    stream.stoppedBy = 'person'
    stream.controller.abort()
  }

  /**
   * What the page must see of an answer the database does not fully hold yet: one still streaming (as
   * far as the renderer has been sent it), or one whose end is waiting for disk space.
   */
  liveContent(messageId: string): Partial<ChatMessage> | undefined {
    const stream = this.active.get(messageId)
    if (stream) {
      return {
        content: stream.emitted,
        thinking: stream.emittedThinking,
        progress: stream.progress,
        ...(stream.model && { model: stream.model, provider: stream.providerId }),
      }
    }
    return this.pendingSaves.get(messageId)?.shown
  }

  /** Before a chat is deleted: nothing may keep writing into it. */
  async stopChat(chatId: string): Promise<void> {
    const streams = [...this.active.values()].filter((stream) => stream.chatId === chatId)
    for (const stream of streams) {
      stream.stoppedBy ??= 'person'
      stream.controller.abort()
    }
    await Promise.all(streams.map((stream) => stream.finished))
  }

  /** Resolves when every stream now in flight has been saved with its final status. */
  async settle(): Promise<void> {
    await Promise.all([...this.active.values()].map((stream) => stream.finished))
  }

  /** Stops every stream, keeping its text marked interrupted; tries once more to save what waits. */
  async shutdown(): Promise<void> {
    this.closing = true
    for (const stream of this.active.values()) {
      stream.stoppedBy ??= 'shutdown'
      stream.controller.abort()
    }
    await this.settle()
    for (const [messageId, pending] of this.pendingSaves) {
      if (pending.timer) clearTimeout(pending.timer)
      if (!this.trySave(messageId, pending))
        log.error('closing with the end of an answer unsaved (the disk is still full)')
    }
    this.pendingSaves.clear()
  }

  /** Whether an answer is still coming in. */
  isAnswering(messageId: string): boolean {
    return this.active.has(messageId)
  }

  /**
   * Adds an answer to the last message of `history` at once (the page shows it waiting) and runs the
   * pipeline for it. Several answers to one question stream side by side, each on its own.
   */
  async ask(chatId: string, history: ChatMessage[], options: AskOptions = {}): Promise<ChatMessage> {
    const { store } = this.options
    if (this.closing) throw new UserFacingError('unavailable', wording('closing'))
    const answer = store.addMessage({
      chatId,
      parentId: history.at(-1)?.id ?? null,
      role: 'assistant',
      content: '',
      status: 'streaming',
      target: options.target ?? null,
      slot: options.slot ?? null,
      mergedFrom: options.mergedFrom ?? null,
      keep: options.keep ?? true,
    })
    const stream: ActiveStream = {
      chatId,
      controller: new AbortController(),
      stoppedBy: null,
      finished: Promise.resolve(),
      emitted: '',
      emittedThinking: '',
      unsaved: null,
      saveProblem: null,
      progress: null,
      providerId: null,
      model: null,
    }
    this.active.set(answer.id, stream)
    // The pipeline keeps what is sent within the model's window, a merge's conversation as any other.
    const conversation = options.conversation ?? conversationOf(history)
    const nameChat = history.length === 1 && (answer.slot ?? 0) === 0
    stream.finished = this.stream(answer, conversation, stream, {
      target: options.target ?? null,
      nameChat,
      cache: {
        mode: store.chatSettings(chatId)?.cacheMode ?? 'auto',
        ...(options.bypassCache && { bypass: true }),
      },
    }).finally(() => this.active.delete(answer.id))
    return answer
  }

  /** Tells the page what the answer is waiting for (and, once known, which model answers). */
  private showProgress(answer: ChatMessage, stream: ActiveStream, progress: AnswerProgress | null): void {
    stream.progress = progress
    this.options.sink.emit('answerProgress', {
      chatId: answer.chatId,
      messageId: answer.id,
      providerId: stream.providerId,
      model: stream.model,
      progress,
    })
  }

  private async stream(
    answer: ChatMessage,
    { messages, sources }: { messages: ProviderMessage[]; sources?: string[] },
    stream: ActiveStream,
    how: { target: AnswerTarget | null; nameChat: boolean; cache: PipelineRequest['cache'] },
  ): Promise<void> {
    const { store, sink } = this.options
    const startedAt = performance.now()
    let firstTokenMs: number | null = null
    const firstText = () => {
      firstTokenMs ??= Math.round(performance.now() - startedAt)
    }
    const { chatId, id: messageId } = answer
    const saving = (kind: keyof UnsavedText, write: (text: string) => void) => (text: string) => {
      if (stream.unsaved) {
        stream.unsaved[kind] += text
        return
      }
      try {
        write(text)
      } catch (error) {
        log.error('could not save streamed text:', error)
        stream.unsaved = { content: '', thinking: '' }
        stream.unsaved[kind] += text
        stream.saveProblem = storageProblem(error) ?? 'other'
        // Asking the provider for more text than can be kept helps no one.
        stream.controller.abort()
      }
    }
    const text = this.channel(
      saving('content', (t) => store.appendContent(messageId, t)),
      (append) => {
        sink.emit('stream', { chatId, messageId, offset: stream.emitted.length, append })
        stream.emitted += append
      },
    )
    const thinking = this.channel(
      saving('thinking', (t) => store.appendThinking(messageId, t)),
      (append) => {
        sink.emit('stream', {
          chatId,
          messageId,
          offset: stream.emitted.length,
          append: '',
          thinking: { offset: stream.emittedThinking.length, append },
        })
        stream.emittedThinking += append
      },
    )

    let received = false
    let status: Exclude<MessageStatus, 'streaming'> = 'complete'
    let error: string | null = null
    let errorKind: string | null = null
    let errorWording: Wording | null = null
    let usage: TokenUsage | null = null
    let finishReason: string | null = null
    const tools: string[] = []
    let providerName = ''
    let cached = false
    let route: AnswerRoute | null = null
    let attempt = { attempt: 1, of: 1 }
    try {
      const events = this.options.pipeline({
        chatId,
        messageId,
        messages,
        ...(sources && { sources }),
        system: null,
        params: {},
        target: null,
        ...(how.target && { want: how.target }),
        ...(how.cache && { cache: how.cache }),
        headers: {},
        signal: stream.controller.signal,
      })
      for await (const event of events) {
        switch (event.type) {
          case 'target':
            // Told to the page with the attempt that follows at once.
            stream.providerId = event.providerId
            stream.model = event.model
            providerName = event.providerName
            store.setAnswerModel(messageId, event.providerId, event.model)
            break
          case 'queued':
            this.showProgress(answer, stream, { phase: 'queued', provider: providerName, ahead: event.ahead })
            break
          case 'attempt':
            attempt = { attempt: event.attempt, of: event.of }
            if (event.phase === 'started')
              this.showProgress(answer, stream, {
                phase: 'connecting',
                provider: providerName,
                ...attempt,
                since: Date.now(),
              })
            else if (event.retryInMs !== null)
              this.showProgress(answer, stream, {
                phase: 'retrying',
                provider: providerName,
                attempt: event.attempt + 1,
                of: event.of,
                retryAt: Date.now() + event.retryInMs,
                reason: event.errorKind,
                message: event.message,
              })
            break
          case 'summarizing':
            this.showProgress(answer, stream, { phase: 'summarizing', since: Date.now() })
            break
          case 'connected':
            this.showProgress(answer, stream, {
              phase: 'waiting',
              provider: providerName,
              ...attempt,
              since: Date.now(),
            })
            break
          case 'first-token':
            this.showProgress(answer, stream, null)
            break
          case 'delta':
            received = true
            firstText()
            text.push(event.text)
            break
          case 'thinking':
            received = true
            firstText()
            thinking.push(event.text)
            break
          case 'tool-call':
            received = true
            if (!tools.includes(event.name)) tools.push(event.name)
            break
          case 'usage':
            usage = event.usage
            break
          case 'finish':
            finishReason = event.reason
            break
          case 'cache-hit':
            cached = true
            store.markCached(messageId)
            break
          case 'route':
            route = answerRouteOf(event.route)
            store.setAnswerRoute(messageId, route)
            break
        }
      }
    } catch (failure) {
      ;({ status, error, errorKind, errorWording } = this.outcomeOf(failure, received, stream))
    }
    if (stream.progress) this.showProgress(answer, stream, null)

    const tail: UnsavedText = {
      content: (stream.unsaved?.content ?? '') + text.saver.take(),
      thinking: (stream.unsaved?.thinking ?? '') + thinking.saver.take(),
    }
    // Saved in our words, so the page can say what kind of ending it was.
    const ending =
      finishReason === null
        ? null
        : endingOf(finishReason, {
            content: stream.emitted + text.emitter.peek(),
            thinking: stream.emittedThinking + thinking.emitter.peek(),
            tools,
            ...(usage?.reasoning !== undefined && { reasoningTokens: usage.reasoning }),
          })
    const finished: FinishedMessage = {
      status,
      error,
      errorKind,
      errorWording,
      finishReason: ending,
      tokensIn: usage?.input ?? null,
      tokensOut: usage?.output ?? null,
      firstTokenMs,
      durationMs: Math.round(performance.now() - startedAt),
    }
    const lastText = text.emitter.take()
    const lastThinking = thinking.emitter.take()
    const emitFinal = (outcome: { status: FinishedMessage['status']; error: Wording | null }) => {
      const final: StreamFinal = {
        status: outcome.status,
        error: outcome.error && english(outcome.error),
        errorWording: outcome.error,
        errorKind: finished.errorKind ?? null,
        finishReason: ending,
        provider: stream.providerId,
        model: stream.model,
        tokensIn: finished.tokensIn ?? null,
        tokensOut: finished.tokensOut ?? null,
        firstTokenMs: finished.firstTokenMs ?? null,
        durationMs: finished.durationMs ?? null,
        ...(cached && { cached: true }),
        ...(route && { route }),
      }
      sink.emit('stream', {
        chatId,
        messageId,
        offset: stream.emitted.length,
        append: lastText,
        ...(lastThinking && { thinking: { offset: stream.emittedThinking.length, append: lastThinking } }),
        final,
      })
    }
    try {
      store.finishMessage(messageId, finished, tail.content, tail.thinking)
      emitFinal({ status, error: errorWording })
      const question = messages[0]
      if (status === 'complete' && how.nameChat && question && store.titleSource(chatId) === 'words')
        this.options.onFirstAnswer?.(
          chatId,
          question.content,
          stream.emitted + lastText,
          stream.providerId && stream.model ? { providerId: stream.providerId, model: stream.model } : null,
        )
    } catch (failure) {
      // The end could not be written: the page is told exactly how much is not on disk yet, and the
      // text waits in memory until it can be written.
      log.error('could not save the end of an answer:', failure)
      const problem = storageProblem(failure) ?? 'other'
      // Characters as a person counts them (an emoji is one), not UTF-16 units.
      const unsavedChars = [...tail.content].length + [...tail.thinking].length
      const shownError = notSavedYet(stream.saveProblem ?? problem, unsavedChars, stream.saveProblem !== null)
      emitFinal({ status: 'interrupted', error: shownError })
      const pending: PendingSave = {
        chatId,
        finished,
        tail,
        shown: {
          content: stream.emitted + lastText,
          thinking: stream.emittedThinking + lastThinking,
          status: 'interrupted',
          error: english(shownError),
          errorWording: shownError,
        },
        timer: null,
      }
      this.pendingSaves.set(messageId, pending)
      this.retrySave(messageId, pending)
    }
  }

  /** Writes a waiting answer's end; true when it is now on disk. */
  private trySave(messageId: string, pending: PendingSave): boolean {
    try {
      this.options.store.finishMessage(
        messageId,
        pending.finished,
        pending.tail.content,
        pending.tail.thinking,
      )
      return true
    } catch {
      return false
    }
  }

  private retrySave(messageId: string, pending: PendingSave): void {
    pending.timer = setTimeout(() => {
      pending.timer = null
      if (!this.pendingSaves.has(messageId)) return
      if (!this.trySave(messageId, pending)) return this.retrySave(messageId, pending)
      this.pendingSaves.delete(messageId)
      const shown = pending.shown
      this.options.sink.emit('stream', {
        chatId: pending.chatId,
        messageId,
        offset: shown.content.length,
        append: '',
        final: {
          status: pending.finished.status,
          error: pending.finished.error,
          errorKind: pending.finished.errorKind ?? null,
          errorWording: pending.finished.errorWording ?? null,
          finishReason: pending.finished.finishReason ?? null,
        },
      })
    }, this.options.saveRetryMs ?? SAVE_RETRY_MS)
    pending.timer.unref?.()
  }

  /** One kind of streamed text, written to SQLite every saveInterval and sent to the renderer about once a frame. */
  private channel(save: (text: string) => void, emit: (text: string) => void) {
    const saver = new TextCoalescer(save, { intervalMs: this.options.saveIntervalMs ?? 200, leading: false })
    const emitter = new TextCoalescer(emit, { intervalMs: this.options.emitIntervalMs ?? 16, leading: true })
    return {
      saver,
      emitter,
      push(text: string) {
        saver.push(text)
        emitter.push(text)
      },
    }
  }

  private outcomeOf(failure: unknown, received: boolean, stream: ActiveStream): Outcome {
    if (stream.saveProblem) return outcome('interrupted', stoppedForStorage(stream.saveProblem), 'storage')
    if (stream.stoppedBy === 'person')
      return { status: 'stopped', error: null, errorKind: null, errorWording: null }
    if (stream.stoppedBy === 'shutdown') return outcome('interrupted', CLOSED_MID_ANSWER, 'closed')
    const { said, kind } = describeFailure(failure)
    return outcome(received ? 'interrupted' : 'error', said, kind)
  }
}

interface Outcome {
  status: Exclude<MessageStatus, 'streaming'>
  /** The English of `errorWording`, stored for older pages and exports. */
  error: string | null
  errorKind: string | null
  errorWording: Wording | null
}

function outcome(status: Outcome['status'], said: Wording, errorKind: string | null): Outcome {
  return { status, error: english(said), errorKind, errorWording: said }
}

/** Words for the person, and the kind of failure; anything unexpected is logged too. */
function describeFailure(error: unknown): { said: Wording; kind: string | null } {
  if (error instanceof ProviderError) return { said: error.wording, kind: error.kind }
  if (error instanceof UserFacingError) return { said: error.wording, kind: 'no-target' }
  log.error('an answer failed:', error)
  return { said: wording('unexpectedFailure'), kind: null }
}

const STORAGE_CAUSE: Record<StorageProblem | 'other', Wording> = {
  full: wording('causeFull'),
  'read-only': wording('causeReadOnly'),
  damaged: wording('causeDamaged'),
  io: wording('causeIo'),
  other: wording('causeOther'),
}

/** What a saved answer says when saving stopped it; everything shown is on disk when this is stored. */
function stoppedForStorage(problem: StorageProblem | 'other'): Wording {
  return wording('storageStopped', { cause: STORAGE_CAUSE[problem] })
}

/** What the page says while part of an answer is only in memory: never more than is true. */
function notSavedYet(problem: StorageProblem | 'other', unsavedChars: number, stopped: boolean): Wording {
  return wording(stopped ? 'notSavedStopped' : 'notSavedEnd', {
    cause: STORAGE_CAUSE[problem],
    chars: unsavedChars,
  })
}
