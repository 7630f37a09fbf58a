// Names a chat once its first answer is in, with a model (the chat's own unless Settings choose one).
// Until the name arrives the chat's first words stand; a name the person gave is never replaced; what
// the model says is cleaned so no markdown, directive or control character reaches the sidebar.
import type { EventSink } from '../../../shared/contract'
import type { AnswerTarget } from '../../../shared/types'
import { log } from '../log/log'
import type { Next } from '../pipeline/events'
import type { AppSettingsStore } from '../settings/app-settings'
import type { ChatStore } from '../store/chat-store'
import { cleanTitle } from './titles'

const EXCERPT_CHARS = 1_500
// A title is a few words: past this the request is cut off rather than waited for.
const TITLE_TIMEOUT_MS = 20_000

export const TITLE_INSTRUCTIONS =
  'Write a title of at most six words for the conversation below, in its language. ' +
  'Answer with JSON only: {"title": "..."}. No quotes or punctuation at the end, no markdown.'

export class ChatTitler {
  private readonly running = new Set<Promise<void>>()
  // Closing (or recovering the data file) must not wait for a title nobody will see.
  private readonly closing = new AbortController()

  constructor(
    private readonly deps: { store: ChatStore; pipeline: Next; settings: AppSettingsStore; sink: EventSink },
  ) {}

  /**
   * Starts naming the chat in the background; failures leave the first words in place. `answeredBy`:
   * the model that wrote the first answer, which names the chat unless Settings choose another.
   */
  name(chatId: string, question: string, answer: string, answeredBy: AnswerTarget | null = null): void {
    if (this.deps.settings.get().titles.mode === 'off') return
    const task = this.ask(chatId, question, answer, answeredBy)
      .catch((error) => log.warn('a chat title could not be made:', (error as Error).message))
      .finally(() => this.running.delete(task))
    this.running.add(task)
  }

  /** Resolves when every title being made has arrived (or failed). */
  async settle(): Promise<void> {
    await Promise.all([...this.running])
  }

  /** Calls off every title still being made. */
  async stop(): Promise<void> {
    this.closing.abort()
    await this.settle()
  }

  private async ask(
    chatId: string,
    question: string,
    answer: string,
    answeredBy: AnswerTarget | null,
  ): Promise<void> {
    const excerpt = `Question: ${question.slice(0, EXCERPT_CHARS)}\n\nAnswer: ${answer.slice(0, EXCERPT_CHARS)}`
    let said = ''
    const events = this.deps.pipeline({
      chatId,
      purpose: 'title',
      messages: [{ role: 'user', content: excerpt }],
      system: TITLE_INSTRUCTIONS,
      // No token limit: a reasoning model would spend a small one thinking and name nothing.
      params: {},
      target: null,
      ...(answeredBy && { want: answeredBy }),
      // A title is the app's own request: cached under Auto, as the chat's Cache setting allows.
      cache: { mode: this.deps.store.chatSettings(chatId)?.cacheMode ?? 'auto' },
      headers: {},
      signal: AbortSignal.any([AbortSignal.timeout(TITLE_TIMEOUT_MS), this.closing.signal]),
    })
    for await (const event of events) if (event.type === 'delta') said += event.text
    const title = cleanTitle(said)
    if (!title) return
    const chat = this.deps.store.nameByModel(chatId, title)
    if (chat) this.deps.sink.emit('chatChanged', chat)
  }
}
