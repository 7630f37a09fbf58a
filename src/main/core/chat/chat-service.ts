// Sending, stopping and re-asking. Owns the streams in flight: each one runs through the pipeline,
// is written to SQLite in time-based batches and reaches the renderer about once per frame.
import type { EventSink } from '../../../shared/contract'
import type { ChatMessage, MessageStatus, SentMessage } from '../../../shared/types'
import { runChatPipeline } from '../pipeline/chat-pipeline'
import type { RetryPolicy } from '../pipeline/retry'
import type { ConfiguredProvider } from '../providers/environment'
import { ProviderError } from '../providers/provider-error'
import type { ProviderMessage, TokenUsage } from '../providers/types'
import { type ChatStore, DEFAULT_CHAT_TITLE } from '../store/chat-store'
import { UserFacingError } from '../user-facing-error'
import { TextCoalescer } from './text-coalescer'

export interface ChatServiceOptions {
  store: ChatStore
  sink: EventSink
  provider: () => ConfiguredProvider | null
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
}

const TITLE_LENGTH = 60
const NO_PROVIDER =
  'No provider is set up. Set OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible server), then restart Roundtable.'
const CLOSED_MID_ANSWER = 'Roundtable closed before this answer finished.'

export class ChatService {
  private readonly active = new Map<string, ActiveStream>()
  private listedModel: string | null = null

  constructor(private readonly options: ChatServiceOptions) {}

  async send(chatId: string, text: string): Promise<SentMessage> {
    const { store } = this.options
    const chat = store.getChat(chatId)
    if (!chat) throw new UserFacingError('not-found', 'That chat no longer exists.')
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
  liveContent(messageId: string): string | undefined {
    return this.active.get(messageId)?.emitted
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

  /** Stops every stream, keeping its text marked interrupted. */
  async shutdown(): Promise<void> {
    for (const stream of this.active.values()) {
      stream.stoppedBy ??= 'shutdown'
      stream.controller.abort()
    }
    await this.settle()
  }

  private refuseWhileAnswering(chatId: string): void {
    for (const stream of this.active.values()) {
      if (stream.chatId === chatId) {
        throw new UserFacingError(
          'conflict',
          'An answer is still coming in this chat. Wait for it or stop it first.',
        )
      }
    }
  }

  private async startAnswer(chatId: string, history: ChatMessage[]): Promise<ChatMessage> {
    const { store } = this.options
    const parentId = history.at(-1)?.id ?? null
    const configured = this.options.provider()
    if (!configured) return this.failedAnswer(chatId, parentId, NO_PROVIDER, null)
    let model: string
    try {
      model = await this.resolveModel(configured)
    } catch (error) {
      const message = error instanceof ProviderError ? error.message : 'Could not choose a model.'
      return this.failedAnswer(chatId, parentId, message, configured.provider.id)
    }
    const answer = store.addMessage({
      chatId,
      parentId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      provider: configured.provider.id,
      model,
    })
    const controller = new AbortController()
    const stream: ActiveStream = {
      chatId,
      controller,
      stoppedBy: null,
      finished: Promise.resolve(),
      emitted: '',
    }
    this.active.set(answer.id, stream)
    stream.finished = this.stream(answer, toProviderMessages(history), configured, model, stream).finally(
      () => this.active.delete(answer.id),
    )
    return answer
  }

  private async stream(
    answer: ChatMessage,
    messages: ProviderMessage[],
    configured: ConfiguredProvider,
    model: string,
    stream: ActiveStream,
  ): Promise<void> {
    const { store, sink } = this.options
    let saveFailure: string | null = null
    const saver = new TextCoalescer(
      (text) => {
        try {
          store.appendContent(answer.id, text)
        } catch (error) {
          console.error('[roundtable] could not save streamed text:', error)
          saveFailure = 'Roundtable could not save this answer (is the disk full?). The text above was kept.'
          stream.controller.abort()
        }
      },
      { intervalMs: this.options.saveIntervalMs ?? 200, leading: false },
    )
    const emitter = new TextCoalescer(
      (append) => {
        sink.emit('stream', {
          chatId: answer.chatId,
          messageId: answer.id,
          offset: stream.emitted.length,
          append,
        })
        stream.emitted += append
      },
      { intervalMs: this.options.emitIntervalMs ?? 16, leading: true },
    )

    let received = false
    let status: Exclude<MessageStatus, 'streaming'> = 'complete'
    let error: string | null = null
    let usage: TokenUsage | null = null
    try {
      const events = runChatPipeline(
        { provider: configured.provider, model, messages, signal: stream.controller.signal },
        this.options.retry ? { retry: this.options.retry } : {},
      )
      for await (const event of events) {
        if (event.type === 'delta') {
          received = true
          saver.push(event.text)
          emitter.push(event.text)
        } else {
          usage = event.usage
        }
      }
    } catch (failure) {
      ;({ status, error } = this.outcomeOf(failure, received, stream, saveFailure))
    }

    try {
      store.finishMessage(
        answer.id,
        { status, error, tokensIn: usage?.input ?? null, tokensOut: usage?.output ?? null },
        saver.take(),
      )
    } catch (failure) {
      console.error('[roundtable] could not save the end of an answer:', failure)
    }
    sink.emit('stream', {
      chatId: answer.chatId,
      messageId: answer.id,
      offset: stream.emitted.length,
      append: emitter.take(),
      final: { status, error },
    })
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

  private failedAnswer(
    chatId: string,
    parentId: string | null,
    error: string,
    provider: string | null,
  ): ChatMessage {
    const { store } = this.options
    const answer = store.addMessage({
      chatId,
      parentId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      provider,
    })
    store.finishMessage(answer.id, { status: 'error', error })
    return store.getMessage(answer.id) as ChatMessage
  }

  private async resolveModel(configured: ConfiguredProvider): Promise<string> {
    if (configured.model) return configured.model
    if (this.listedModel) return this.listedModel
    const models = await configured.provider.listModels()
    const first = models[0]
    if (!first) {
      throw new ProviderError(
        'not-found',
        `${configured.provider.name} lists no models. Set ROUNDTABLE_MODEL to the model to use.`,
      )
    }
    this.listedModel = first
    return first
  }

  private requireChat(chatId: string) {
    const chat = this.options.store.getChat(chatId)
    if (!chat) throw new UserFacingError('not-found', 'That chat no longer exists.')
    return chat
  }
}

function toProviderMessages(history: ChatMessage[]): ProviderMessage[] {
  // Failed answers have nothing to say; stopped and interrupted ones are part of what the person saw.
  return history
    .filter((message) => message.status !== 'error' && message.content.length > 0)
    .map((message) => ({ role: message.role, content: message.content }))
}

export function titleFrom(text: string): string {
  const firstLine = text.trim().split('\n', 1)[0]?.trim() ?? ''
  const collapsed = firstLine.replace(/\s+/g, ' ')
  if (collapsed.length === 0) return DEFAULT_CHAT_TITLE
  return collapsed.length <= TITLE_LENGTH ? collapsed : `${collapsed.slice(0, TITLE_LENGTH - 1).trimEnd()}…`
}
