// Names a chat once its first answer is in, with a model (the chat's own unless Settings choose one).
// Until the name arrives the chat's first words stand; a name the person gave is never replaced; what
// the model says is cleaned so no markdown, directive or control character reaches the sidebar.
import type { EventSink } from '../../../shared/contract'
import { extractJson } from '../../../shared/json-extract'
import { stripBidiControls } from '../../../shared/text-safety'
import type { Next } from '../pipeline/events'
import type { AppSettingsStore } from '../settings/app-settings'
import type { ChatStore } from '../store/chat-store'

const TITLE_CHARS = 60
const EXCERPT_CHARS = 1_500
// A title is a few words: past this the request is cut off rather than waited for.
const TITLE_TIMEOUT_MS = 20_000

export const TITLE_INSTRUCTIONS =
  'Write a title of at most six words for the conversation below, in its language. ' +
  'Answer with JSON only: {"title": "..."}. No quotes or punctuation at the end, no markdown.'

export class ChatTitler {
  private readonly running = new Set<Promise<void>>()

  constructor(
    private readonly deps: { store: ChatStore; pipeline: Next; settings: AppSettingsStore; sink: EventSink },
  ) {}

  /** Starts naming the chat in the background; failures leave the first words in place. */
  name(chatId: string, question: string, answer: string): void {
    if (this.deps.settings.get().titles.mode === 'off') return
    const task = this.ask(chatId, question, answer)
      .catch((error) =>
        console.warn('[roundtable] a chat title could not be made:', (error as Error).message),
      )
      .finally(() => this.running.delete(task))
    this.running.add(task)
  }

  /** Resolves when every title being made has arrived (or failed). */
  async settle(): Promise<void> {
    await Promise.all([...this.running])
  }

  private async ask(chatId: string, question: string, answer: string): Promise<void> {
    const excerpt = `Question: ${question.slice(0, EXCERPT_CHARS)}\n\nAnswer: ${answer.slice(0, EXCERPT_CHARS)}`
    let said = ''
    const events = this.deps.pipeline({
      chatId,
      purpose: 'title',
      messages: [{ role: 'user', content: excerpt }],
      system: TITLE_INSTRUCTIONS,
      params: { maxTokens: 60 },
      target: null,
      headers: {},
      signal: AbortSignal.timeout(TITLE_TIMEOUT_MS),
    })
    for await (const event of events) if (event.type === 'delta') said += event.text
    const title = cleanTitle(said)
    if (!title) return
    const chat = this.deps.store.nameByModel(chatId, title)
    if (chat) this.deps.sink.emit('chatChanged', chat)
  }
}

/** What a model proposed, as a title: from its JSON if it gave some, without markdown or directives. */
export function cleanTitle(said: string): string {
  const extracted = extractJson(said)
  const raw =
    extracted.kind === 'json' && typeof (extracted.value as { title?: unknown })?.title === 'string'
      ? ((extracted.value as { title: string }).title as string)
      : said
  const plain = stripBidiControls(raw.split('\n').find((line) => line.trim()) ?? '')
    // Fake-provider style directives (#words=5) and markdown headings, emphasis, code and links.
    .replace(/(^|\s)#\S*/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~>#]+/g, '')
    .replace(/^\s*(title\s*:\s*)/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“”‘’«»]+|["'“”‘’«».!?,;:]+$/g, '')
    .trim()
  if (!plain) return ''
  return plain.length <= TITLE_CHARS ? plain : `${plain.slice(0, TITLE_CHARS - 1).trimEnd()}…`
}
