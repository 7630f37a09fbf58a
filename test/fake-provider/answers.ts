/**
 * Deterministic answer text for the fake provider, and how it is cut into stream chunks.
 * Everything here is a pure function of the request so tests can predict the exact output.
 */

/** Multi-byte sample used by `#fault=utf8`: 2-, 3- and 4-byte UTF-8 sequences (the emoji is also a UTF-16 surrogate pair). */
export const UTF8_SAMPLE = 'héllo wörld — 你好 🎉'

/** Text of one message's `content`: a string, or the `text` parts of a content-part array joined by newlines. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  const texts: string[] = []
  for (const part of content) {
    if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') texts.push(part.text)
  }
  return texts.join('\n')
}

/** Text of the last message with role 'user' ('' if there is none). Directives are read from here. */
export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return ''
  for (let i = messages.length - 1; i >= 0; i--) {
    const message: unknown = messages[i]
    if (isRecord(message) && message.role === 'user') return contentText(message.content)
  }
  return ''
}

/** All message text in the prompt, used only to estimate prompt tokens. */
export function promptText(messages: unknown): string {
  if (!Array.isArray(messages)) return ''
  return messages.map((m: unknown) => (isRecord(m) ? contentText(m.content) : '')).join('\n')
}

/** The usual rough estimate of four characters (UTF-16 code units) per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}

// Sentence lengths cycle through this list so paragraphs look uneven, like real prose.
const SENTENCE_LENGTHS = [7, 12, 5, 9, 14, 6, 10]
const SENTENCES_PER_PARAGRAPH = 4

/**
 * Exactly `n` whitespace-separated words `word1 … wordN`, grouped into sentences ending in '.' and
 * paragraphs separated by blank lines. Every tenth word is **bold** so markdown rendering is exercised
 * without changing the word count.
 */
export function fillerWords(n: number): string {
  const paragraphs: string[] = []
  let sentences: string[] = []
  let words: string[] = []
  let sentenceIndex = 0
  for (let i = 1; i <= n; i++) {
    words.push(i % 10 === 0 ? `**word${i}**` : `word${i}`)
    const target = SENTENCE_LENGTHS[sentenceIndex % SENTENCE_LENGTHS.length] ?? 8
    if (words.length === target || i === n) {
      sentences.push(`${words.join(' ')}.`)
      words = []
      sentenceIndex++
      if (sentences.length === SENTENCES_PER_PARAGRAPH || i === n) {
        paragraphs.push(sentences.join(' '))
        sentences = []
      }
    }
  }
  return paragraphs.join('\n\n')
}

export interface AnswerOptions {
  /** Last user message with directives removed. */
  userText: string
  /** `#received`: the report of what the request held, answered instead of the echo. */
  received?: string
  /** `#words=N`: answer with N filler words instead of the echo. */
  words?: number
  /** `#fault=utf8`: append UTF8_SAMPLE on its own paragraph. */
  utf8?: boolean
}

/** What the fake answers, whatever the wire: a title, nothing (for endings without text), a refusal, or the usual. */
export function answerText(
  opts: AnswerOptions & { title: string | null; ending: string | undefined },
): string {
  if (opts.title !== null) return opts.title
  if (opts.ending === 'empty' || opts.ending === 'tool' || opts.ending === 'reasoning-only') return ''
  if (opts.ending === 'refusal') return REFUSAL_TEXT
  return composeAnswer(opts)
}

/** The full answer: `Echo: <text>` by default, N filler words with `#words=N`, plus the UTF-8 sample if asked. */
export function composeAnswer(opts: AnswerOptions): string {
  const body =
    opts.received ?? (opts.words !== undefined ? fillerWords(opts.words) : `Echo: ${opts.userText}`)
  return opts.utf8 ? `${body}\n\n${UTF8_SAMPLE}` : body
}

/**
 * The visible reasoning streamed before the answer: Anthropic thinking blocks when the request enables
 * thinking, DeepSeek-style `reasoning_content` for `#reasoning` on the OpenAI side.
 */
export function thinkingText(userText: string): string {
  return `Let me think about: ${userText}.`
}

// Longer words are cut into pieces of this many code points, so chunks run from a few characters to a word.
const MAX_CHUNK_CODE_POINTS = 10
const PIECE_CODE_POINTS = 4

/**
 * Cuts the answer into stream deltas of a few characters up to one word (with its trailing whitespace).
 * Cuts fall between code points, never inside a surrogate pair, and the pieces join back to `text` exactly.
 */
export function chunkAnswer(text: string): string[] {
  const chunks: string[] = []
  // Each token is a word plus the whitespace after it; a leading run of whitespace is its own token.
  for (const token of text.match(/\S+\s*|\s+/gu) ?? []) {
    const codePoints = Array.from(token)
    const word = token.trimEnd()
    if (Array.from(word).length <= MAX_CHUNK_CODE_POINTS) {
      chunks.push(token)
      continue
    }
    for (let i = 0; i < codePoints.length; i += PIECE_CODE_POINTS) {
      chunks.push(codePoints.slice(i, i + PIECE_CODE_POINTS).join(''))
    }
  }
  return chunks
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** What the fake says when `#ending=refusal` asks it to refuse. */
export const REFUSAL_TEXT = "I can't help with that request."
/** The tool `#ending=tool` asks to call, and with what. */
export const TOOL_NAME = 'get_weather'
export const TOOL_ARGUMENTS = '{"city":"Paris"}'

/**
 * The fake as a model naming a chat: when the system prompt asks for a title, it answers the JSON the
 * app asks for, made of the question's first six words (directives left out). Null for any other request.
 */
export function titleAnswer(system: string, userText: string): string | null {
  if (!system.startsWith('Write a title')) return null
  const question = /^Question: ([^\n]*)/.exec(userText)?.[1] ?? userText
  const words = question
    .split(/\s+/)
    .filter((word) => word && !word.startsWith('#'))
    .slice(0, 6)
  return JSON.stringify({ title: words.join(' ') })
}

/**
 * The fake as a model summarizing a conversation for the app (its instructions begin "Summarize the
 * conversation"): one line naming the first three words of every question it was shown, so a test can
 * tell which messages a summary covers. Null for any other request.
 */
export function summaryAnswer(system: string, userText: string): string | null {
  if (!system.startsWith('Summarize the conversation')) return null
  const questions = [...userText.matchAll(/^User: (.*)$/gm)].map((match) =>
    (match[1] ?? '').split(/\s+/).slice(0, 3).join(' '),
  )
  const earlier = /^Summary so far:\n(.*)$/m.exec(userText)?.[1]
  return [earlier, `Summary of ${questions.length} questions: ${questions.join('; ')}.`]
    .filter(Boolean)
    .join(' ')
}

/** The app's own requests (a title, a summary): answered as asked, directives left alone. */
export function ownAnswer(system: string, userText: string): string | null {
  return titleAnswer(system, userText) ?? summaryAnswer(system, userText)
}

const QUOTED_CHARS = 60

/**
 * `#received`: what the request held, in one line a test can read: how many messages of each role,
 * the first one's opening words, and the system prompt's, so trimming and summaries can be seen.
 */
export function receivedReport(system: string, messages: unknown): string {
  const list = Array.isArray(messages) ? messages.filter(isRecord) : []
  const conversation = list.filter((message) => message.role !== 'system')
  const count = (role: string) => conversation.filter((message) => message.role === role).length
  const quote = (text: string) => `«${text.slice(0, QUOTED_CHARS).replace(/\s+/g, ' ')}»`
  const first = conversation[0] ? contentText(conversation[0].content) : ''
  return [
    `Received ${conversation.length} messages (user ${count('user')}, assistant ${count('assistant')}).`,
    `First: ${quote(first)}.`,
    system ? `System: ${quote(system)}.` : 'No system prompt.',
  ].join(' ')
}

/** The text of the system message(s) of an OpenAI-style request. */
export function systemMessageText(messages: unknown): string {
  if (!Array.isArray(messages)) return ''
  return messages
    .filter((m: unknown) => isRecord(m) && m.role === 'system')
    .map((m) => contentText((m as { content?: unknown }).content))
    .join('\n')
}
