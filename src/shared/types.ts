import type { ContextUse } from './context'
// Plain data that crosses the process boundary. No functions, no classes: everything here must survive
// structured clone (IPC) and JSON (web host) unchanged.
import type { KeyStorageStatus } from './providers'
import type { AnswerRoute, RouteTrace } from './routing'
import type { Wording } from './wording'

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
  /** No message yet. */
  empty: boolean
  /** When the person pinned it to the top of the list; null when not pinned. */
  pinnedAt: number | null
  /** When a temporary chat is deleted (ms since the epoch); null: kept until the person deletes it. */
  expiresAt: number | null
  createdAt: number
  updatedAt: number
}

/** A page of the chat list, newest first; the first page also holds every pinned chat. */
export interface ChatPage {
  chats: ChatSummary[]
  /** Where the next page starts; null after the last. */
  next: string | null
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
  /** `error` as a code with parameters, worded in the language shown; null for older answers. */
  errorWording: Wording | null
  /** The provider and model that answered (chosen inside the pipeline; null until it chose). */
  provider: string | null
  model: string | null
  /** How the answer ended, in the app's words (stop, length, refusal, tool-call:<names>, ...; chat/endings.ts). */
  finishReason: string | null
  /** The model the person asked for (side by side, a column's retry); null: the chat's own choice. */
  target: AnswerTarget | null
  /** The column of a side-by-side turn this answer fills. */
  slot: number | null
  /** A merged answer: the answers it drew on. */
  mergedFrom: string[] | null
  /** The person's thumbs up (1) or down (-1). */
  vote: 1 | -1 | null
  /** The person chose this answer with Keep this answer (a win over the other answers of its turn). */
  preferred: boolean
  /** The answer came whole from the response cache: nothing was sent to the provider. */
  cached: boolean
  /** The provider's count where it gave one; null where it did not. */
  tokensIn: number | null
  tokensOut: number | null
  /** From asking to the first text, and to the end, in ms (null until known). */
  firstTokenMs: number | null
  durationMs: number | null
  /** Auto chose the model: the profile, and the models that failed first. Absent: not routed. */
  route?: AnswerRoute
  /** Only while streaming: what the answer waits for before its first token. */
  progress?: AnswerProgress | null
  createdAt: number
  updatedAt: number
}

/** What an answer is waiting for before its first token, shown live (times are epoch ms; `provider` is its name). */
export type AnswerProgress =
  /** Summarize older messages: what fell out of the window is being summarized first. */
  | { phase: 'summarizing'; since: number }
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

/** A model to ask, as the person chose it: the same model may appear twice at other temperatures. */
export interface AnswerTarget {
  providerId: string
  model: string
  temperature?: number
}

export type CompareLayout = 'columns' | 'grid' | 'tabs'

/** How a chat compares models; remembered per chat. */
export interface CompareSettings {
  /** The models the next message goes to; fewer than two means one answer, from the chat's model. */
  targets: AnswerTarget[]
  layout: CompareLayout
  syncScroll: boolean
  /** Model names hidden in the columns until the person keeps an answer or votes. */
  blind: boolean
}

export interface ModelSet {
  id: string
  name: string
  targets: AnswerTarget[]
}

/** Where a message sits among the other answers to its question (or the other versions of a question). */
export interface SiblingInfo {
  /** 1-based. */
  index: number
  count: number
  previousId: string | null
  nextId: string | null
}

export interface CompareColumn {
  answerId: string
  /** The answer, then (after Continue separately) the rest of its own thread, in order. */
  messageIds: string[]
}

/** A question answered side by side whose answer the person has not kept yet. */
export interface CompareTurn {
  questionId: string
  /** Every column goes on with its own thread: the next message goes to all of them. */
  separate: boolean
  columns: CompareColumn[]
}

/** A chat as the page shows it: the kept path, and the side-by-side turn at its end if one is open. */
export interface ChatThread {
  chat: ChatSummary
  /** The kept path, root first (ending at an open side-by-side turn's question). */
  path: string[]
  /**
   * The path's latest messages (a long chat's earlier ones are read by id with `readMessages` as they
   * come into view) and the open turn's columns'.
   */
  messages: ChatMessage[]
  /** Only for messages that have siblings. */
  siblings: Record<string, SiblingInfo>
  compare: CompareTurn | null
  settings: CompareSettings
}

/** A deleted message and what followed it; `undoToken` puts them back (for a while). */
export interface DeletedMessages {
  thread: ChatThread
  undoToken: string
}

export interface ChatExport {
  fileName: string
  mimeType: 'text/markdown' | 'application/json'
  text: string
}

/** What sending (or asking again) started: the question, its new answers, and the chat as it is now. */
export interface SentMessage {
  chat: ChatSummary
  userMessage: ChatMessage
  /** The first of `answers`. */
  assistantMessage: ChatMessage
  answers: ChatMessage[]
  thread: ChatThread
}

export interface LeaderboardRow {
  providerId: string
  model: string
  /** Names as the person knows them now (the id where the model or provider is gone). */
  providerName: string
  modelName: string
  /** Elo-like: 1500 is average; with a 95% interval. */
  rating: number
  low: number
  high: number
  wins: number
  losses: number
  up: number
  down: number
}

export type LeaderboardPeriod = '7d' | '30d' | 'all'

export interface Notice {
  level: 'info' | 'warning' | 'error'
  /** The English, for the log and older pages. */
  text: string
  /** What the page shows, in the language shown. */
  wording?: Wording
  /** Something the person can do about it, offered as a button beside the text. */
  action?: 'recover-data'
}

/** What Recover data did, in English and as a wording for the page. */
export interface RecoveryResult {
  message: string
  wording: Wording
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
  errorWording?: Wording | null
  finishReason?: string | null
  /** The provider and model that answered (or were asked), once the pipeline chose them. */
  provider?: string | null
  model?: string | null
  tokensIn?: number | null
  tokensOut?: number | null
  firstTokenMs?: number | null
  durationMs?: number | null
  /** The answer came from the response cache. */
  cached?: boolean
  route?: AnswerRoute
}

/** One try at the provider within a request. */
export interface TraceAttempt {
  attempt: number
  status: 'ok' | 'failed'
  errorKind: string | null
  /** In plain words, as the person was shown it. */
  error: string | null
  /** The wait before the next attempt; null when none followed. */
  retryInMs: number | null
  /** When it started, counted from the start of the request. */
  startedMs: number
}

/** What one provider request did, for the answer's timing line, its details and Monitoring. */
/** What a request is for: an answer in a chat, or the app's own (a chat's title, a summary of its start). */
export type RequestPurpose = 'answer' | 'title' | 'summary'

export interface Trace {
  id: string
  chatId: string | null
  messageId: string | null
  purpose: RequestPurpose
  providerId: string | null
  providerName: string | null
  model: string | null
  /** How the model was chosen (filled by routing); null: the chat's own choice. */
  route: RouteTrace | null
  status: 'complete' | 'stopped' | 'interrupted' | 'error'
  errorKind: string | null
  finishReason: string | null
  startedAt: number
  queueMs: number | null
  firstTokenMs: number | null
  durationMs: number
  tokensIn: number | null
  tokensOut: number | null
  /** The provider gave no usage: the counts are estimates. */
  tokensEstimated: boolean
  tokensPerSecond: number | null
  /** US dollars from the model's prices; null where they are unknown. */
  cost: number | null
  cacheHit: boolean
  /** What an answer sent of its conversation; null: not an answer in a chat, or traced before this was kept. */
  context: ContextUse | null
  attempts: TraceAttempt[]
}

export type MonitoringRange = '24h' | '7d' | '30d'

export interface ModelStats {
  providerId: string | null
  providerName: string | null
  model: string | null
  requests: number
  errors: number
  p50FirstTokenMs: number | null
  p95FirstTokenMs: number | null
  p50TokensPerSecond: number | null
  tokens: number
  cost: number
  cacheHits: number
  /** The model's circuit breaker now: closed (fine), open (paused) or half-open (probing). */
  breaker: 'closed' | 'open' | 'half-open'
}

/** One bucket of time (an hour for 24 hours, a day otherwise). */
export interface MonitoringBucket {
  start: number
  requests: number
  errors: number
  tokens: number
  cost: number
  p50FirstTokenMs: number | null
  p50DurationMs: number | null
}

export interface MonitoringReport<Models = ModelStats> {
  range: MonitoringRange
  from: number
  to: number
  bucketMs: number
  totals: { requests: number; errors: number; tokens: number; cost: number; cacheHits: number }
  models: Models[]
  buckets: MonitoringBucket[]
}

export interface RequestLogFilter {
  range: MonitoringRange
  providerId?: string
  model?: string
  status?: Trace['status']
  chatId?: string
  /** Paging: rows that started before this time. */
  before?: number
  limit?: number
}

/** A row of the request log: a trace without its attempts, with the chat's title. */
export type RequestLogRow = Omit<Trace, 'attempts' | 'route'> & {
  chatTitle: string | null
  attemptCount: number
}

/** How far Import chats has got: reading the file (conversations so far), then saving them at once. */
export interface ChatImportProgress {
  importId: string
  phase: 'reading' | 'saving' | 'done'
  bytesRead: number
  totalBytes: number
  /** Chats read so far (while saving and after: chats added). */
  chats: number
  messages: number
}

/** What Import chats did. */
export interface ChatImportReport {
  kind: 'chatgpt' | 'roundtable'
  chats: number
  messages: number
  /** Chats already there from an earlier import (or the same chat): left as they are. */
  alreadyThere: number
  /** What could not be imported, each with its reason (messages left out of a conversation, ...). */
  /** What was left out and why, as wordings. */
  problems: Wording[]
  /** Images and files in ChatGPT messages: not imported (their text is). */
  nonTextParts: number
  /** Messages left out because they could not be placed in their conversation. */
  leftOut: number
}
