// Plain data that crosses the process boundary. No functions, no classes: everything here must survive
// structured clone (IPC) and JSON (web host) unchanged.
import type { KeyStorageStatus } from './providers'

export type MessageRole = 'system' | 'user' | 'assistant'

/**
 * `streaming`: tokens are still arriving. `complete`: the provider said it finished.
 * `stopped`: the person pressed Stop. `interrupted`: the stream ended early (dropped connection, app
 * closed mid-answer). `error`: the request failed before any text arrived.
 */
export type MessageStatus = 'streaming' | 'complete' | 'stopped' | 'interrupted' | 'error'

export interface ChatSummary {
  id: string
  title: string
  createdAt: number
  updatedAt: number
}

export interface ChatMessage {
  id: string
  chatId: string
  parentId: string | null
  role: MessageRole
  content: string
  /** Reasoning the model showed before answering; empty for most models. */
  thinking: string
  status: MessageStatus
  /** A sentence for a person, never a stack trace or a key. */
  error: string | null
  model: string | null
  createdAt: number
  updatedAt: number
}

/** A chat with the messages of its current branch, root first. */
export interface ChatThread {
  chat: ChatSummary
  messages: ChatMessage[]
}

export interface SentMessage {
  userMessage: ChatMessage
  assistantMessage: ChatMessage
  chat: ChatSummary
}

export interface Notice {
  level: 'info' | 'warning' | 'error'
  text: string
  /** Something the person can do about it, offered as a button beside the text. */
  action?: 'recover-data'
}

export interface AppStatus {
  version: string
  dataDir: string
  keyStorage: KeyStorageStatus
  notices: Notice[]
}

/**
 * Stream deltas arrive batched: `append` holds every character produced since the previous batch for
 * that message. The last batch of a stream carries `final`.
 */
export interface StreamBatch {
  chatId: string
  messageId: string
  /** How many characters of the answer came before `append`: lets a receiver drop repeats and spot gaps. */
  offset: number
  append: string
  /** Thinking text, with its own offset, for models that show their reasoning. */
  thinking?: { offset: number; append: string }
  final?: { status: Exclude<MessageStatus, 'streaming'>; error: string | null }
}
