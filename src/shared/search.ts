// What search returns, shared by the main process and the renderer.
import type { MessageRole } from './types'
import type { Wording } from './wording'

/** The longest search a person can type; longer is refused at the boundary. */
export const MAX_SEARCH_CHARS = 500

/** A piece of a snippet; `match` marks the words found. Text only: the renderer never sees HTML. */
export interface SnippetPart {
  text: string
  match: boolean
}

export interface SearchHit {
  /** A message, or a chat found by its title. */
  kind: 'message' | 'title'
  chatId: string
  chatTitle: string
  /** null for a title. */
  messageId: string | null
  role: MessageRole | null
  model: string | null
  /** When the message was written (a title: when its chat last changed). */
  at: number
  snippet: SnippetPart[]
}

export interface SearchResults {
  hits: SearchHit[]
  /** Words for the person about the query itself, such as a date a filter could not read. */
  /** Filter values that could not be read, as wordings. */
  notes: Wording[]
}

/** Find in chat: the shown messages that hold the text, top to bottom. */
export interface FoundInChat {
  messageIds: string[]
  /** Matching messages on branches the chat does not show now. */
  elsewhere: number
}
