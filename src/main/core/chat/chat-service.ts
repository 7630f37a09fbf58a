// Sending, stopping and re-asking. Owns the streams in flight: each one runs through the pipeline,
// is written to SQLite in time-based batches and reaches the renderer about once per frame.
import type { EventSink } from '../../../shared/contract'
import type { ChatMessage, MessageStatus, SentMessage } from '../../../shared/types'
import { runChatPipeline } from '../pipeline/chat-pipeline'
import type { RetryPolicy } from '../pipeline/retry'
import { ProviderError } from '../providers/provider-error'
import type { ProviderMessage, TokenUsage } from '../providers/types'
import { type ChatStore, DEFAULT_CHAT_TITLE } from '../store/chat-store'
import { chatGone, UserFacingError } from '../user-facing-error'
import { type ChatTarget, NoTargetError } from './chat-target'
import { TextCoalescer } from './text-coalescer'

export interface ChatServiceOptions {
  store: ChatStore
  sink: EventSink
  /** Where a chat's next message goes; throws with a sentence when it cannot go anywhere. */
  targets: { resolve(chatId: string): Promise<ChatTarget> }
  /** How often streamed text is written to SQLite: the most a killed process can lose. */
  saveIntervalMs?: number
  /** How often a stream's text is sent to the renderer. */
  emitIntervalMs?: number
  retry?: RetryPolicy
}

interface ActiveStream {
  chatId: string
  controller: AbortController
  stoppedBy: 'person' | 'shutdown' | null
  finished: Promise<void>
  /** Everything sent to the renderer so far; what a chat opened mid-answer must show. */
  emitted: string
  emittedThinking: string
}

const TITLE_LENGTH = 60
const CLOSED_MID_ANSWER = 'Roundtable closed before this answer finished.'

export class ChatService {
  private readonly active = new Map<string, ActiveStream>()
  /** Chats whose answer is being set up (provider and key looked up) but not yet streaming. */
  private readonly preparing = new Map<string, Promise<unknown>>()
  private closing = false

  constructor(private readonly options: ChatServiceOptions) {}

  async send(chatId: string, text: string): Promise<SentMessage> {
    const { store } = this.options
    const chat = store.getChat(chatId)
    if (!chat) throw chatGone()
    this.refuseWhileAnswering(chatId)
    const branch = store.branch(chatId)
    const userMessage = store.addMessage({
      chatId,
      parentId: branch.at(-1)?.id ?? null,
      role: 'user',
      content: text,
      status: 'complete',
    })
    if (chat.title === DEFAULT_CHAT_TITLE && branch.length === 0) store.renameChat(chatId, titleFrom(text))
    const assistantMessage = await this.startAnswer(chatId, [...branch, userMessage])
    return { userMessage, assistantMessage, chat: this.requireChat(chatId) }
  }

  async regenerate(messageId: string): Promise<SentMessage> {
    const { store } = this.options
    const message = store.getMessage(messageId)
    if (message?.role !== 'assistant' || !message.parentId) {
      throw new UserFacingError('not-found', 'That answer no longer exists.')
    }
    this.refuseWhileAnswering(message.chatId)
    const history = store.branchTo(message.parentId)
    const userMessage = history.at(-1) as ChatMessage
    const assistantMessage = await this.startAnswer(message.chatId, history)
    return { userMessage, assistantMessage, chat: this.requireChat(message.chatId) }
  }

  stop(messageId: string): void {
    const stream = this.active.get(messageId)
    if (!stream) return
    stream.stoppedBy = 'person'
    stream.controller.abort()
  }

  /** The text of an answer still streaming, as far as the renderer has been sent it. */
  liveContent(messageId: string): { content: string; thinking: string } | undefined {
    const stream = this.active.get(messageId)
    return stream && { content: stream.emitted, thinking: stream.emittedThinking }
  }

  /** Before a chat is deleted: nothing may keep writing into it. */
  async stopChat(chatId: string): Promise<void> {
    // An answer still being set up starts streaming (or fails) first; then it is stopped like the rest.
    await this.preparing.get(chatId)
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

  /** Stops every stream, keeping its text marked interrupted. */
  async shutdown(): Promise<void> {
    this.closing = true
    await Promise.all(this.preparing.values())
    for (const stream of this.active.values()) {
      stream.stoppedBy ??= 'shutdown'
      stream.controller.abort()
    }
    await this.settle()
  }

  private refuseWhileAnswering(chatId: string): void {
    const busy =
      this.preparing.has(chatId) || [...this.active.values()].some((stream) => stream.chatId === chatId)
    if (busy) {
      throw new UserFacingError(
        'conflict',
        'An answer is still coming in this chat. Wait for it or stop it first.',
      )
    }
  }

  private async startAnswer(chatId: string, history: ChatMessage[]): Promise<ChatMessage> {
    const { store } = this.options
    const parentId = history.at(-1)?.id ?? null
    if (this.closing) throw new UserFacingError('unavailable', 'Roundtable is closing.')
    const resolving: Promise<ChatTarget | { failure: string }> = this.options.targets
      .resolve(chatId)
      .catch((error: unknown) => ({ failure: describeSetupFailure(error) }))
    this.preparing.set(chatId, resolving)
    let resolved: ChatTarget | { failure: string }
    try {
      resolved = await resolving
    } finally {
      this.preparing.delete(chatId)
    }
    // The chat may have been deleted, or the app begun closing, while the target was looked up.
    if (!store.getChat(chatId)) throw chatGone()
    if (this.closing) throw new UserFacingError('unavailable', 'Roundtable is closing.')
    if ('failure' in resolved) return this.failedAnswer(chatId, parentId, resolved.failure)
    const target = resolved
    const answer = store.addMessage({
      chatId,
      parentId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      provider: target.provider.id,
      model: target.model,
    })
    const controller = new AbortController()
    const stream: ActiveStream = {
      chatId,
      controller,
      stoppedBy: null,
      finished: Promise.resolve(),
      emitted: '',
      emittedThinking: '',
    }
    this.active.set(answer.id, stream)
    stream.finished = this.stream(answer, toProviderMessages(history), target, stream).finally(() =>
      this.active.delete(answer.id),
    )
    return answer
  }

  private async stream(
    answer: ChatMessage,
    messages: ProviderMessage[],
    target: ChatTarget,
    stream: ActiveStream,
  ): Promise<void> {
    const { store, sink } = this.options
    const { chatId, id: messageId } = answer
    let saveFailure: string | null = null
    const saving = (write: (text: string) => void) => (text: string) => {
      try {
        write(text)
      } catch (error) {
        console.error('[roundtable] could not save streamed text:', error)
        saveFailure = 'Roundtable could not save this answer (is the disk full?). The text above was kept.'
        stream.controller.abort()
      }
    }
    const text = this.channel(
      saving((t) => store.appendContent(messageId, t)),
      (append) => {
        sink.emit('stream', { chatId, messageId, offset: stream.emitted.length, append })
        stream.emitted += append
      },
    )
    const thinking = this.channel(
      saving((t) => store.appendThinking(messageId, t)),
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
    let usage: TokenUsage | null = null
    try {
      const events = runChatPipeline(
        {
          provider: target.provider,
          model: target.model,
          messages,
          system: target.system,
          params: target.params,
          signal: stream.controller.signal,
        },
        this.options.retry ? { retry: this.options.retry } : {},
      )
      for await (const event of events) {
        if (event.type === 'delta') {
          received = true
          text.push(event.text)
        } else if (event.type === 'thinking') {
          received = true
          thinking.push(event.text)
        } else {
          usage = event.usage
        }
      }
    } catch (failure) {
      ;({ status, error } = this.outcomeOf(failure, received, stream, saveFailure))
    }

    try {
      store.finishMessage(
        messageId,
        { status, error, tokensIn: usage?.input ?? null, tokensOut: usage?.output ?? null },
        text.saver.take(),
        thinking.saver.take(),
      )
    } catch (failure) {
      console.error('[roundtable] could not save the end of an answer:', failure)
    }
    const lastThinking = thinking.emitter.take()
    sink.emit('stream', {
      chatId,
      messageId,
      offset: stream.emitted.length,
      append: text.emitter.take(),
      ...(lastThinking && { thinking: { offset: stream.emittedThinking.length, append: lastThinking } }),
      final: { status, error },
    })
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

  private outcomeOf(
    failure: unknown,
    received: boolean,
    stream: ActiveStream,
    saveFailure: string | null,
  ): { status: Exclude<MessageStatus, 'streaming'>; error: string | null } {
    if (saveFailure) return { status: 'interrupted', error: saveFailure }
    if (stream.stoppedBy === 'person') return { status: 'stopped', error: null }
    if (stream.stoppedBy === 'shutdown') return { status: 'interrupted', error: CLOSED_MID_ANSWER }
    const message =
      failure instanceof ProviderError
        ? failure.message
        : 'The answer failed for a reason Roundtable did not expect.'
    if (!(failure instanceof ProviderError)) console.error('[roundtable] stream failed:', failure)
    return { status: received ? 'interrupted' : 'error', error: message }
  }

  private failedAnswer(chatId: string, parentId: string | null, error: string): ChatMessage {
    const { store } = this.options
    const answer = store.addMessage({
      chatId,
      parentId,
      role: 'assistant',
      content: '',
      status: 'streaming',
    })
    store.finishMessage(answer.id, { status: 'error', error })
    return store.getMessage(answer.id) as ChatMessage
  }

  private requireChat(chatId: string) {
    const chat = this.options.store.getChat(chatId)
    if (!chat) throw chatGone()
    return chat
  }
}

/** Words for the person when no provider or model could be chosen; anything unexpected is logged too. */
function describeSetupFailure(error: unknown): string {
  if (error instanceof NoTargetError || error instanceof ProviderError || error instanceof UserFacingError) {
    return error.message
  }
  console.error('[roundtable] could not set up an answer:', error)
  return 'Could not choose a model: something went wrong inside Roundtable. The details are in its log.'
}

function toProviderMessages(history: ChatMessage[]): ProviderMessage[] {
  // Failed answers have nothing to say; stopped and interrupted ones are part of what the person saw.
  const messages: ProviderMessage[] = []
  for (const message of history) {
    if (message.role === 'system' || message.status === 'error' || message.content.length === 0) continue
    messages.push({ role: message.role, content: message.content })
  }
  return messages
}

export function titleFrom(text: string): string {
  const firstLine = text.trim().split('\n', 1)[0]?.trim() ?? ''
  const collapsed = firstLine.replace(/\s+/g, ' ')
  if (collapsed.length === 0) return DEFAULT_CHAT_TITLE
  return collapsed.length <= TITLE_LENGTH ? collapsed : `${collapsed.slice(0, TITLE_LENGTH - 1).trimEnd()}…`
}
