// What a model is sent of a chat's history. Plain code: the reads worker loads it as it is.
import type { ChatMessage } from '../../../shared/types'
import type { ProviderMessage } from '../providers/types'
import type { ChatStore } from '../store/chat-store'

export interface Conversation {
  messages: ProviderMessage[]
  /** The stored message each of `messages` comes from. */
  sources: string[]
  /** Older messages of the path not included (see conversationTail). */
  omitted: number
}

/** A history as a model is sent it, with the stored message each one comes from. */
export function conversationOf(history: readonly ChatMessage[]): Conversation {
  // Failed answers have nothing to say; stopped and interrupted ones are part of what the person saw.
  const messages: ProviderMessage[] = []
  const sources: string[] = []
  for (const message of history) {
    if (message.role === 'system' || message.status === 'error' || message.content.length === 0) continue
    messages.push({ role: message.role, content: message.content })
    sources.push(message.id)
  }
  return { messages, sources, omitted: 0 }
}

/**
 * The newest part of a chat's conversation, up to about `maxChars` of text (the rest is `omitted`):
 * enough for any window it is measured against, without sending a 10,000-message chat's every word
 * across threads for a preview.
 */
export function conversationTail(store: ChatStore, chatId: string, maxChars: number): Conversation {
  const whole = conversationOf(store.branch(chatId))
  let chars = 0
  let from = whole.messages.length
  while (from > 0 && chars <= maxChars) {
    from -= 1
    chars += whole.messages[from]?.content.length ?? 0
  }
  return { messages: whole.messages.slice(from), sources: whole.sources.slice(from), omitted: from }
}
