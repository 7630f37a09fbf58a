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
  /** What kind of failure `error` is (`paused`, `auth`, `rate-limited`, ...), for the actions offered. */
  errorKind: string | null
  /** The provider and model that answered (chosen inside the pipeline; null until it chose). */
  provider: string | null
  model: string | null
  /** How the answer ended, in the app's words (stop, length, refusal, tool-call:<names>, ...; chat/endings.ts). */
  finishReason: string | null
  /** Only while streaming: what the answer waits for before its first token. */
  progress?: AnswerProgress | null
  createdAt: number
  updatedAt: number
}

/** What an answer is waiting for before its first token, shown live (times are epoch ms; `provider` is its name). */
export type AnswerProgress =
  | { phase: 'queued'; provider: string; ahead: number }
  | { phase: 'connecting'; provider: string; attempt: number; of: number; since: number }
  | { phase: 'waiting'; provider: string; attempt: number; of: number; since: number }
  | {
      phase: 'retrying'
      provider: string
      /** The attempt that comes next. */
      attempt: number
      of: number
      retryAt: number
      /** The failure's kind (rate-limited, server, timeout, unreachable, ...). */
      reason: string
      message: string
    }

export interface AnswerProgressEvent {
  chatId: string
  messageId: string
  providerId: string | null
  model: string | null
  progress: AnswerProgress | null
}

/** A model paused by its circuit breaker. */
export interface ModelHealth {
  providerId: string
  model: string
  paused: boolean
  /** When it is tried again on its own (epoch ms). */
  retryAt: number | null
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
  final?: StreamFinal
}

/** How an answer ended, with what the page needs to offer the right actions. */
export interface StreamFinal {
  status: Exclude<MessageStatus, 'streaming'>
  error: string | null
  errorKind?: string | null
  finishReason?: string | null
  /** The provider and model that answered (or were asked), once the pipeline chose them. */
  provider?: string | null
  model?: string | null
}
