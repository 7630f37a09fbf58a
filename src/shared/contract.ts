// The one contract between the renderer and the main process. The preload bridge, the ipcMain wiring,
// the web host's routes and the renderer's client are all derived from `calls` and `events`, so a call
// declared here and forgotten elsewhere is a type error, and no channel exists outside this file.
import { z } from 'zod'
import {
  type ContextSummary,
  type ContextUse,
  contextStrategySchema,
  MAX_PREVIEW_DRAFT,
  summarySettingsSchema,
} from './context'
import { languageSettingSchema } from './language'
import {
  CHAT_FILE_PIECE_BYTES,
  MAX_CHAT_FILE_BYTES,
  MAX_COMPARE_MODELS,
  MAX_IMPORT_CHARS,
  MAX_MESSAGE_CHARS,
} from './limits'
import {
  type AppSettings,
  CACHE_MODES,
  CACHE_SETTING_LIMITS,
  type CacheMode,
  type CacheStats,
  type ChatSettings,
  type ConnectionTest,
  type LocalServer,
  PRESET_IDS,
  type ProviderView,
  REQUEST_SETTING_LIMITS,
  type RequestSettings,
  TEMPORARY_CHAT_HOURS_LIMITS,
  TRACE_RETENTION_LIMITS,
} from './providers'
import { type RoutingProfile, routingProfileDraftSchema } from './routing'
import { type FoundInChat, MAX_SEARCH_CHARS, type SearchResults } from './search'
import { hasLoneSurrogate, LONE_SURROGATE_MESSAGE, stripBidiControls } from './text-safety'
import type {
  AnswerProgressEvent,
  AppStatus,
  ChatExport,
  ChatImportProgress,
  ChatImportReport,
  ChatMessage,
  ChatPage,
  ChatSummary,
  ChatThread,
  CompareSettings,
  DeletedMessages,
  LeaderboardRow,
  ModelHealth,
  ModelSet,
  MonitoringReport,
  RecoveryResult,
  RequestLogRow,
  SentMessage,
  StreamBatch,
  Trace,
} from './types'

// Defined in limits.ts, which the page imports without pulling in zod; the main process reads them here.
export { CHAT_FILE_PIECE_BYTES, MAX_CHAT_FILE_BYTES, MAX_COMPARE_MODELS, MAX_IMPORT_CHARS, MAX_MESSAGE_CHARS }

export const MAX_TITLE_CHARS = 200
const MAX_SYSTEM_PROMPT_CHARS = 100_000
const MAX_MERGE_PROMPT_CHARS = 20_000
const MAX_SET_NAME_CHARS = 100

/** What most calls carry (ids, a title, a few numbers), as JSON bytes. */
export const DEFAULT_CALL_BYTES = 16 * 1024

/**
 * The JSON body that can carry `chars` characters of text, however they are written: a control
 * character becomes `\u00XX` (6 bytes), the most any UTF-16 unit takes; plus the envelope and the
 * call's other fields.
 */
export function bodyBytesFor(chars: number): number {
  return chars * 6 + DEFAULT_CALL_BYTES
}

interface CallSpec<Input extends z.ZodType, Output> {
  input: Input
  /** The largest request body a host reads for this call, in bytes: sized to what the call carries. */
  maxBytes: number
  /** Type-only marker: never read at run time. */
  output?: Output
}

function call<Input extends z.ZodType>(input: Input, maxBytes = DEFAULT_CALL_BYTES) {
  return { returns: <Output>(): CallSpec<Input, Output> => ({ input, maxBytes }) }
}

const none = z.undefined()
/** Any free text that is stored: refused, with a sentence, when it holds half of a UTF-16 pair. */
const text = () => z.string().refine((value) => !hasLoneSurrogate(value), LONE_SURROGATE_MESSAGE)
const id = z.string().min(1).max(100)
const chatRef = z.object({ chatId: id }).strict()
/** The most messages one `readMessages` call returns: a few screens of a long chat. */
export const MAX_READ_MESSAGES = 500
const messageText = text()
  .max(MAX_MESSAGE_CHARS, `A message can hold at most ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters.`)
  .refine((value) => value.trim().length > 0, 'The message is empty.')

const messageRef = z.object({ messageId: id }).strict()
const searchText = text().max(MAX_SEARCH_CHARS, `A search can be at most ${MAX_SEARCH_CHARS} characters.`)
const monitoringRange = z.enum(['24h', '7d', '30d'])
const questionRef = z.object({ questionId: id }).strict()
const answerTarget = z
  .object({
    providerId: id,
    model: z.string().min(1).max(300),
    temperature: z.number().min(0).max(2).optional(),
  })
  .strict()
const compareTargets = z
  .array(answerTarget)
  .max(MAX_COMPARE_MODELS, `Compare at most ${MAX_COMPARE_MODELS} models at once.`)

const presetId = z.enum(PRESET_IDS)
// Header names and values are ASCII by HTTP's rules, so 50 of the largest fit in this.
const PROVIDER_CALL_BYTES = 256 * 1024
const providerRef = z.object({ providerId: id }).strict()
const headers = z.record(z.string().max(200), text().max(4_000)).refine((h) => Object.keys(h).length <= 50, {
  message: 'At most 50 extra headers.',
})
const azure = z
  .object({
    deployment: z.string().trim().min(1, 'Azure needs the deployment name.').max(200),
    apiVersion: z.string().trim().min(1, 'Azure needs an api-version.').max(50),
  })
  .strict()
/** A key as pasted: the main process trims it. Long enough for any provider's keys, not for a novel. */
const apiKey = z.string().max(4_000, 'That is too long to be an API key.')
const providerDraft = z
  .object({
    preset: presetId,
    name: text().max(200),
    baseURL: z.string().max(2_000),
    headers,
    azure: azure.nullable(),
  })
  .strict()
const optionalNumber = (min: number, max: number) => z.number().min(min).max(max).optional()
const generationParams = z
  .object({
    temperature: optionalNumber(0, 2),
    topP: optionalNumber(0, 1),
    maxTokens: z.number().int().min(1).max(1_000_000).optional(),
    reasoningEffort: z.enum(['low', 'medium', 'high']).optional(),
  })
  .strict()
const modelInput = z
  .object({
    id: text().trim().min(1, 'Give the model its id.').max(300),
    displayName: text().trim().max(200).nullable(),
    contextWindow: z.number().int().min(1).max(100_000_000).nullable(),
    maxOutputTokens: z.number().int().min(1).max(100_000_000).nullable(),
    inputPrice: z.number().min(0).max(100_000).nullable(),
    outputPrice: z.number().min(0).max(100_000).nullable(),
    vision: z.boolean(),
    reasoning: z.boolean(),
  })
  .strict()
const proxy = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('system') }).strict(),
  z.object({ mode: z.literal('none') }).strict(),
  z
    .object({
      mode: z.literal('custom'),
      url: z.string().trim().max(2_000),
      bypass: z.array(z.string().max(300)).max(200),
    })
    .strict(),
])

const requestSetting = (name: keyof RequestSettings, what: string) =>
  z
    .number()
    .int(`${what} must be a whole number.`)
    .min(REQUEST_SETTING_LIMITS[name].min, `${what} must be at least ${REQUEST_SETTING_LIMITS[name].min}.`)
    .max(REQUEST_SETTING_LIMITS[name].max, `${what} can be at most ${REQUEST_SETTING_LIMITS[name].max}.`)
const requestSettings = z
  .object({
    maxAttempts: requestSetting('maxAttempts', 'Attempts'),
    connectTimeoutSeconds: requestSetting('connectTimeoutSeconds', 'The connect timeout'),
    firstTokenTimeoutSeconds: requestSetting('firstTokenTimeoutSeconds', 'The first-token timeout'),
    idleTimeoutSeconds: requestSetting('idleTimeoutSeconds', 'The idle timeout'),
    totalTimeoutMinutes: requestSetting('totalTimeoutMinutes', 'The total timeout'),
  })
  .strict()

export const calls = {
  getStatus: call(none).returns<AppStatus>(),
  /** Copies what can still be read out of a damaged data file into a new one (the damaged one is kept). */
  recoverData: call(none).returns<RecoveryResult>(),
  listChats: call(none).returns<ChatSummary[]>(),
  /** The chat list a page at a time, newest first (the first page with the pinned chats). */
  listChatPage: call(
    z
      .object({
        limit: z.number().int().min(1).max(1_000),
        after: z
          .string()
          .regex(/^\d{1,16}\.\d{1,16}$/, 'That page of the chat list does not exist.')
          .optional(),
      })
      .strict(),
  ).returns<ChatPage>(),
  /** A new chat; `temporary`: it is deleted once the Temporary chats setting's time has passed. */
  createChat: call(
    z.object({ temporary: z.boolean().optional() }).strict().optional(),
  ).returns<ChatSummary>(),
  /** Keep chat: a temporary chat becomes an ordinary one, kept until deleted. */
  keepChat: call(chatRef).returns<ChatSummary>(),
  openChat: call(chatRef).returns<ChatThread>(),
  /** Messages of a long chat's path that its thread left out, as they come into view. */
  readMessages: call(
    z.object({ chatId: id, messageIds: z.array(id).max(MAX_READ_MESSAGES) }).strict(),
  ).returns<ChatMessage[]>(),
  renameChat: call(
    z
      .object({
        chatId: id,
        // Bidirectional controls go first, so a name made only of them is an empty name.
        title: text()
          .transform(stripBidiControls)
          .pipe(
            z
              .string()
              .trim()
              .min(1, 'A chat needs a name.')
              .max(MAX_TITLE_CHARS, `A chat name can be at most ${MAX_TITLE_CHARS} characters.`),
          ),
      })
      .strict(),
  ).returns<ChatSummary>(),
  deleteChat: call(chatRef).returns<void>(),
  /** Pinned chats stay at the top of the list. */
  pinChat: call(z.object({ chatId: id, pinned: z.boolean() }).strict()).returns<ChatSummary>(),
  /** The chat as a file: its kept conversation as Markdown, or every branch as Roundtable JSON. */
  exportChat: call(
    z.object({ chatId: id, format: z.enum(['markdown', 'json']) }).strict(),
  ).returns<ChatExport>(),
  /** Deletes a message and every message that follows it; `undoDelete` puts them back for a while. */
  deleteMessage: call(messageRef).returns<DeletedMessages>(),
  undoDelete: call(z.object({ undoToken: id }).strict()).returns<ChatThread>(),
  /** What the request behind an answer did (its latest, if it was asked again); null: none recorded. */
  getTrace: call(
    z.union([z.object({ messageId: id }).strict(), z.object({ traceId: id }).strict()]),
  ).returns<Trace | null>(),
  /** Figures per model and per hour or day, for the Monitoring page. */
  getMonitoring: call(z.object({ range: monitoringRange }).strict()).returns<MonitoringReport>(),
  /** The request log, newest first, filtered. */
  listRequests: call(
    z
      .object({
        range: monitoringRange,
        providerId: id.optional(),
        model: z.string().min(1).max(300).optional(),
        status: z.enum(['complete', 'stopped', 'interrupted', 'error']).optional(),
        chatId: id.optional(),
        before: z.number().int().nonnegative().optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
  ).returns<RequestLogRow[]>(),
  /** Asks the chat's model, one chosen model, or two to eight `targets` side by side. */
  sendMessage: call(
    z.object({ chatId: id, text: messageText, targets: compareTargets.optional() }).strict(),
    bodyBytesFor(MAX_MESSAGE_CHARS),
  ).returns<SentMessage>(),
  /** A new version of a question, answered afresh; the old version stays reachable with ‹ ›. */
  editMessage: call(
    z.object({ messageId: id, text: messageText, targets: compareTargets.optional() }).strict(),
    bodyBytesFor(MAX_MESSAGE_CHARS),
  ).returns<SentMessage>(),
  /** Aborts the provider request; the partial answer is kept and marked stopped. */
  stopMessage: call(messageRef).returns<void>(),
  /**
   * Asks again for the answer to the same question (of `target`: Ask another model). The new answer
   * is a sibling of `messageId`: in its column side by side, else the kept one.
   */
  regenerate: call(
    z.object({ messageId: id, target: answerTarget.optional() }).strict(),
  ).returns<SentMessage>(),
  /** One more answer to the question, written by `target` from the chosen answers. */
  mergeAnswers: call(
    z
      .object({
        questionId: id,
        answerIds: z
          .array(id)
          .min(2, 'Choose at least two answers to merge.')
          .max(MAX_COMPARE_MODELS * 4),
        target: answerTarget,
        prompt: text()
          .trim()
          .min(1, 'Say how to merge the answers.')
          .max(
            MAX_MERGE_PROMPT_CHARS,
            `The merge prompt can be at most ${MAX_MERGE_PROMPT_CHARS} characters.`,
          ),
      })
      .strict(),
    bodyBytesFor(MAX_MERGE_PROMPT_CHARS),
  ).returns<SentMessage>(),
  /** Keep this answer: the conversation goes on from it; a win over the other answers of its turn. */
  keepAnswer: call(messageRef).returns<ChatThread>(),
  /** ‹ › : shows another answer or version, and the conversation goes on from it (not a vote). */
  showMessage: call(messageRef).returns<ChatThread>(),
  // Search (Ctrl/Cmd+K) and find in chat (Ctrl/Cmd+F). Any text is a valid query: FTS syntax is text.
  /** Every message (all branches) and chat title holding the words; filters model:, in:title, before:, after:, role:. */
  search: call(
    z.object({ query: searchText, limit: z.number().int().min(1).max(100).optional() }).strict(),
  ).returns<SearchResults>(),
  /** The shown messages of a chat that hold the text, top to bottom, and how many more on other branches. */
  findInChat: call(z.object({ chatId: id, query: searchText }).strict()).returns<FoundInChat>(),
  /** Opens a message wherever it is: keeps every message above it on the path, and returns the thread. */
  openMessage: call(messageRef).returns<ChatThread>(),
  /** The answers to the same question (or versions of the same question), oldest first. */
  listSiblings: call(messageRef).returns<ChatMessage[]>(),
  /** Shows a question's answers side by side again, with none kept. */
  compareAnswers: call(questionRef).returns<ChatThread>(),
  /** Every column goes on with its own history: the next message goes to all of them. */
  continueSeparately: call(questionRef).returns<ChatThread>(),
  voteAnswer: call(
    z.object({ messageId: id, value: z.union([z.literal(1), z.literal(-1), z.null()]) }).strict(),
  ).returns<ChatMessage>(),
  getLeaderboard: call(z.object({ period: z.enum(['7d', '30d', 'all']) }).strict()).returns<
    LeaderboardRow[]
  >(),
  updateCompareSettings: call(
    z
      .object({
        chatId: id,
        targets: compareTargets.optional(),
        layout: z.enum(['columns', 'grid', 'tabs']).optional(),
        syncScroll: z.boolean().optional(),
        blind: z.boolean().optional(),
      })
      .strict(),
  ).returns<CompareSettings>(),
  listModelSets: call(none).returns<ModelSet[]>(),
  saveModelSet: call(
    z
      .object({
        name: text()
          .trim()
          .min(1, 'Give the set a name.')
          .max(MAX_SET_NAME_CHARS, `A set name can be at most ${MAX_SET_NAME_CHARS} characters.`),
        targets: compareTargets.min(2, 'A set holds at least two models.'),
      })
      .strict(),
  ).returns<ModelSet[]>(),
  deleteModelSet: call(z.object({ setId: id }).strict()).returns<ModelSet[]>(),
  /** Auto's routing profiles: the built-in ones (Fast, Cheap, Best, Balanced), then the person's own. */
  listRoutingProfiles: call(none).returns<RoutingProfile[]>(),
  /** Saves a new profile (no id) or changes one; returns every profile. */
  saveRoutingProfile: call(
    z.object({ id: id.optional(), profile: routingProfileDraftSchema }).strict(),
    PROVIDER_CALL_BYTES,
  ).returns<RoutingProfile[]>(),
  /** Removes one's own profile, or puts a built-in one back as it shipped. */
  deleteRoutingProfile: call(z.object({ id }).strict()).returns<RoutingProfile[]>(),
  /** Models paused by their circuit breakers. */
  getModelHealth: call(none).returns<ModelHealth[]>(),
  /** Ends a paused model's cooldown now: the next request is the one probe. */
  tryModelNow: call(z.object({ providerId: id, model: z.string().min(1).max(300) }).strict()).returns<void>(),

  listProviders: call(none).returns<ProviderView[]>(),
  addProvider: call(
    providerDraft.extend({ apiKey: apiKey.optional() }).strict(),
    PROVIDER_CALL_BYTES,
  ).returns<ProviderView>(),
  updateProvider: call(
    z
      .object({
        providerId: id,
        name: text().max(200).optional(),
        baseURL: z.string().max(2_000).optional(),
        headers: headers.optional(),
        azure: azure.nullable().optional(),
        enabled: z.boolean().optional(),
        maxConcurrent: z
          .number()
          .int('Requests at once must be a whole number.')
          .min(1, 'At least one request must be allowed at once.')
          .max(64, 'At most 64 requests at once.')
          .nullable()
          .optional(),
      })
      .strict(),
    PROVIDER_CALL_BYTES,
  ).returns<ProviderView>(),
  /** Removes the provider and its key from the keychain; chats keep their text. */
  deleteProvider: call(providerRef).returns<void>(),
  /** Replaces the key (stored in the keychain), or removes it with null. */
  setProviderKey: call(
    z.object({ providerId: id, apiKey: apiKey.nullable() }).strict(),
  ).returns<ProviderView>(),
  /**
   * Lists models with the form's current values: a saved provider's own key is used unless a new one
   * is typed. Nothing is saved but the fetched model list of a saved provider.
   */
  testConnection: call(
    z.object({ providerId: id.nullable(), draft: providerDraft, apiKey: apiKey.optional() }).strict(),
    PROVIDER_CALL_BYTES,
  ).returns<ConnectionTest>(),
  /**
   * Which of Ollama and LM Studio answer on this computer (127.0.0.1, their usual ports), with how
   * many models each lists: what a first run offers to add in one click. Asks for a second at most.
   */
  detectLocalProviders: call(none).returns<LocalServer[]>(),
  saveModel: call(z.object({ providerId: id, model: modelInput }).strict()).returns<ProviderView>(),
  deleteModel: call(
    z.object({ providerId: id, modelId: z.string().min(1).max(300) }).strict(),
  ).returns<ProviderView>(),
  getSettings: call(none).returns<AppSettings>(),
  updateSettings: call(
    z
      .object({
        defaultProviderId: id.nullable().optional(),
        defaultModel: z.string().max(300).nullable().optional(),
        defaultSystemPrompt: text().max(MAX_SYSTEM_PROMPT_CHARS).optional(),
        proxy: proxy.optional(),
        requests: requestSettings.optional(),
        titles: z
          .discriminatedUnion('mode', [
            z.object({ mode: z.literal('chat-model') }).strict(),
            z
              .object({ mode: z.literal('model'), providerId: id, model: z.string().min(1).max(300) })
              .strict(),
            z.object({ mode: z.literal('off') }).strict(),
          ])
          .optional(),
        summaries: summarySettingsSchema.optional(),
        cache: z
          .object({
            ttlDays: z
              .number()
              .int()
              .min(CACHE_SETTING_LIMITS.ttlDays.min)
              .max(CACHE_SETTING_LIMITS.ttlDays.max),
            maxMegabytes: z
              .number()
              .int()
              .min(CACHE_SETTING_LIMITS.maxMegabytes.min)
              .max(CACHE_SETTING_LIMITS.maxMegabytes.max),
          })
          .strict()
          .optional(),
        traces: z
          .object({
            retentionDays: z.number().int().min(TRACE_RETENTION_LIMITS.min).max(TRACE_RETENTION_LIMITS.max),
          })
          .strict()
          .optional(),
        temporaryChats: z
          .object({
            hours: z
              .number()
              .int('Hours must be a whole number.')
              .min(TEMPORARY_CHAT_HOURS_LIMITS.min, `At least ${TEMPORARY_CHAT_HOURS_LIMITS.min} hour.`)
              .max(
                TEMPORARY_CHAT_HOURS_LIMITS.max,
                `At most ${TEMPORARY_CHAT_HOURS_LIMITS.max} hours (30 days).`,
              ),
          })
          .strict()
          .optional(),
        language: languageSettingSchema.optional(),
      })
      .strict(),
    bodyBytesFor(MAX_SYSTEM_PROMPT_CHARS),
  ).returns<AppSettings>(),
  getChatSettings: call(chatRef).returns<ChatSettings>(),
  /**
   * Before sending: what the draft would send of the chat to each chosen model (none: the chat's own,
   * or Auto's pick): tokens against the window, whether it fits, the estimated cost, what is left out.
   */
  previewContext: call(
    z
      // No chat yet: the first message, to the default model.
      .object({
        chatId: id.optional(),
        draft: text().max(MAX_PREVIEW_DRAFT),
        targets: compareTargets.optional(),
      })
      .strict(),
    bodyBytesFor(MAX_PREVIEW_DRAFT),
  ).returns<ContextUse[]>(),
  /** A summary Summarize older messages made of a chat's start, to read. */
  getContextSummary: call(z.object({ chatId: id, summaryId: id }).strict()).returns<ContextSummary>(),
  updateChatSettings: call(
    z
      .object({
        chatId: id,
        providerId: id.nullable().optional(),
        model: z.string().max(300).nullable().optional(),
        systemPrompt: text().max(MAX_SYSTEM_PROMPT_CHARS).nullable().optional(),
        params: generationParams.optional(),
        cacheMode: z.enum(CACHE_MODES as [CacheMode, ...CacheMode[]]).optional(),
        routingProfileId: id.nullable().optional(),
        contextStrategy: contextStrategySchema.optional(),
      })
      .strict(),
    bodyBytesFor(MAX_SYSTEM_PROMPT_CHARS),
  ).returns<ChatSettings>(),
  /** The response cache: its size, entries, and hits of lookups since Roundtable opened its data file. */
  getCacheStats: call(none).returns<CacheStats>(),
  /** Empties the response cache; answers already in chats stay. */
  clearCache: call(none).returns<CacheStats>(),
  /** Provider settings as JSON, never with keys. */
  exportProviders: call(none).returns<{ json: string }>(),
  importProviders: call(
    z.object({ json: text().max(MAX_IMPORT_CHARS) }).strict(),
    bodyBytesFor(MAX_IMPORT_CHARS),
  ).returns<{
    added: string[]
    skipped: string[]
  }>(),
  /** Every chat as one Roundtable JSON file: the whole tree of each, votes and settings, never a key. */
  exportAllChats: call(none).returns<ChatExport>(),
  /**
   * Import chats from a ChatGPT export or a Roundtable file: begin with the file's size (refused over
   * MAX_CHAT_FILE_BYTES), send it in order in pieces of at most CHAT_FILE_PIECE_BYTES (base64), then
   * finish, which reads it (chatImportProgress events) and adds its chats all at once or not at all.
   */
  importChatsBegin: call(z.object({ size: z.number().int().min(0) }).strict()).returns<{
    importId: string
  }>(),
  importChatsPiece: call(
    z
      .object({
        importId: id,
        offset: z.number().int().min(0),
        base64: z
          .string()
          .max(Math.ceil(CHAT_FILE_PIECE_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'A piece of the file is not base64.'),
      })
      .strict(),
    Math.ceil(CHAT_FILE_PIECE_BYTES / 3) * 4 + DEFAULT_CALL_BYTES,
  ).returns<{ received: number }>(),
  importChatsFinish: call(z.object({ importId: id }).strict()).returns<ChatImportReport>(),
  importChatsCancel: call(z.object({ importId: id }).strict()).returns<void>(),
  /** One zip of logs, settings without keys and the last 1,000 traces, as base64 (replies are JSON). */
  exportDiagnostics: call(none).returns<{ fileName: string; base64: string }>(),
} satisfies Record<string, CallSpec<z.ZodType, unknown>>

function event<Payload>() {
  return { payload: undefined as Payload | undefined }
}

export const events = {
  stream: event<StreamBatch>(),
  /** Providers changed outside a call the page made (e.g. a model list fetched in the background). */
  providersChanged: event<{ providerId: string }>(),
  /** Something in `getStatus` changed (a notice appeared, e.g. the data file's check found damage). */
  statusChanged: event<Record<string, never>>(),
  /** What an answer waits for before its first token (queued, connecting, retrying), and its model. */
  answerProgress: event<AnswerProgressEvent>(),
  /** A model was paused or resumed by its circuit breaker. */
  modelHealthChanged: event<Record<string, never>>(),
  /** A chat changed outside a call the page made (a model named it). */
  chatChanged: event<ChatSummary>(),
  /** A chat was deleted outside a call the page made (a temporary chat expired). */
  chatRemoved: event<{ chatId: string }>(),
  /** Import chats: how far reading and saving the file has got. */
  chatImportProgress: event<ChatImportProgress>(),
}

export type Calls = typeof calls
export type CallName = keyof Calls
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>
export type ValidCallInput<N extends CallName> = z.output<Calls[N]['input']>
export type CallOutput<N extends CallName> = Exclude<Calls[N]['output'], undefined>
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = Exclude<(typeof events)[E]['payload'], undefined>

export const callNames = Object.keys(calls) as CallName[]
export const eventNames = Object.keys(events) as EventName[]

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name)
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name)
}

/** What the renderer calls: one async function per call, and a subscription per event. */
export type Api = {
  [N in CallName]: (
    ...args: undefined extends CallInput<N> ? [input?: CallInput<N>] : [input: CallInput<N>]
  ) => Promise<CallOutput<N>>
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** What the main process implements: one handler per call, given input that already passed its schema. */
export type Handlers = {
  [N in CallName]: (input: ValidCallInput<N>) => Promise<CallOutput<N>> | CallOutput<N>
}

/** Anything that can deliver events to the renderer(s): a window's webContents, the web host's sockets. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}
