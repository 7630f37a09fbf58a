// A chat as a file. Markdown is for reading: the conversation as the chat shows it. JSON is the
// whole chat, every branch and alternative answer with votes and settings, so nothing is lost; it
// never holds a key (keys are not part of a chat).
import type { ChatExport } from '../../../shared/types'
import type { ChatStore } from '../store/chat-store'
import { chatGone } from '../user-facing-error'
import { readThread } from './chat-thread'

export const CHAT_EXPORT_FORMAT = 'roundtable-chats'

/** "GPT-4o (OpenAI)": how an answer's author is named in the Markdown. */
export type AuthorLabel = (providerId: string | null, model: string | null) => string

/** An exported file is a document of its own: a chat not named yet is called this in it. */
const UNTITLED = 'New chat'

export function exportChat(
  store: ChatStore,
  chatId: string,
  format: 'markdown' | 'json',
  label: AuthorLabel,
  now: number = Date.now(),
): ChatExport {
  const chat = store.getChat(chatId)
  if (!chat) throw chatGone()
  const base = fileNameOf(chat.title || UNTITLED)
  if (format === 'json') {
    return {
      fileName: `${base}.json`,
      mimeType: 'application/json',
      text: chatFileText([portableChatOf(store, chatId)], now),
    }
  }
  return { fileName: `${base}.md`, mimeType: 'text/markdown', text: markdownOf(store, chatId, label) }
}

/** Every chat as one Roundtable file, oldest change first (so an import keeps their order). */
export function exportAllChats(store: ChatStore, now: number = Date.now()): ChatExport {
  // A temporary chat is left out: a backup file would keep what was meant to go (Export chat on the
  // chat itself still saves it, when the person asks for that one).
  const chats = store
    .listChats()
    .reverse()
    .filter((chat) => chat.expiresAt === null)
    .map((chat) => portableChatOf(store, chat.id))
  const day = new Date(now).toISOString().slice(0, 10)
  return {
    fileName: `roundtable-chats-${day}.json`,
    mimeType: 'application/json',
    text: chatFileText(chats, now),
  }
}

function chatFileText(chats: unknown[], now: number): string {
  const document = { format: CHAT_EXPORT_FORMAT, version: 1, exportedAt: now, chats }
  return `${JSON.stringify(document, null, 2)}\n`
}

/** The whole chat as the file holds it (see transfer/roundtable-format.ts, which reads it back). */
function portableChatOf(store: ChatStore, chatId: string) {
  const chat = store.getChat(chatId)
  if (!chat) throw chatGone()
  return {
    ...chat,
    titleSource: store.titleSource(chatId),
    settings: store.chatSettings(chatId),
    compare: store.compareSettings(chatId),
    keptRootId: store.branch(chatId)[0]?.id ?? null,
    separateFrom: store.separateFrom(chatId),
    messages: store.allMessages(chatId),
  }
}

function markdownOf(store: ChatStore, chatId: string, label: AuthorLabel): string {
  const thread = readThread(store, () => undefined, chatId, Number.POSITIVE_INFINITY)
  const byId = new Map(thread.messages.map((message) => [message.id, message]))
  const parts = [`# ${oneLine(thread.chat.title || UNTITLED)}`]
  const section = (heading: string, body: string) => parts.push(`## ${heading}`, body.trim() || '*(empty)*')
  for (const id of thread.path) {
    const message = byId.get(id)
    if (!message || message.role === 'system') continue
    section(message.role === 'user' ? 'You' : label(message.provider, message.model), message.content)
  }
  const columns = thread.compare?.columns ?? []
  for (const [index, column] of columns.entries()) {
    for (const id of column.messageIds) {
      const message = byId.get(id)
      if (!message) continue
      const who = message.role === 'user' ? 'You' : label(message.provider, message.model)
      section(`${who} (answer ${index + 1} of ${columns.length})`, message.content)
    }
  }
  return `${parts.join('\n\n')}\n`
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** A name every system accepts: no path separators, reserved or control characters. */
export function fileNameOf(title: string): string {
  const cleaned = oneLine(title)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '')
    .replace(/^\.+/, '')
    .slice(0, 80)
    .trim()
  return cleaned || 'Chat'
}
