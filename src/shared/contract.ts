// The one contract between the renderer and the main process. The preload bridge, the ipcMain wiring,
// the web host's routes and the renderer's client are all derived from `calls` and `events`, so a call
// declared here and forgotten elsewhere is a type error, and no channel exists outside this file.
import { z } from 'zod'
import type { AppStatus, ChatSummary, ChatThread, SentMessage, StreamBatch } from './types'

/** Larger than any sensible paste, small enough that one message cannot exhaust memory or a context. */
export const MAX_MESSAGE_CHARS = 500_000
export const MAX_TITLE_CHARS = 200

interface CallSpec<Input extends z.ZodType, Output> {
  input: Input
  /** Type-only marker: never read at run time. */
  output?: Output
}

function call<Input extends z.ZodType>(input: Input) {
  return { returns: <Output>(): CallSpec<Input, Output> => ({ input }) }
}

const none = z.undefined()
const id = z.string().min(1).max(100)
const chatRef = z.object({ chatId: id }).strict()
const messageText = z
  .string()
  .max(MAX_MESSAGE_CHARS, `A message can hold at most ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters.`)
  .refine((text) => text.trim().length > 0, 'The message is empty.')

export const calls = {
  getStatus: call(none).returns<AppStatus>(),
  listChats: call(none).returns<ChatSummary[]>(),
  createChat: call(none).returns<ChatSummary>(),
  openChat: call(chatRef).returns<ChatThread>(),
  renameChat: call(
    z
      .object({
        chatId: id,
        title: z
          .string()
          .trim()
          .min(1, 'A chat needs a name.')
          .max(MAX_TITLE_CHARS, `A chat name can be at most ${MAX_TITLE_CHARS} characters.`),
      })
      .strict(),
  ).returns<ChatSummary>(),
  deleteChat: call(chatRef).returns<void>(),
  sendMessage: call(z.object({ chatId: id, text: messageText }).strict()).returns<SentMessage>(),
  /** Aborts the provider request; the partial answer is kept and marked stopped. */
  stopMessage: call(z.object({ messageId: id }).strict()).returns<void>(),
  /** Asks again for the answer to the same question: a new sibling of `messageId` becomes current. */
  regenerate: call(z.object({ messageId: id }).strict()).returns<SentMessage>(),
} satisfies Record<string, CallSpec<z.ZodType, unknown>>

function event<Payload>() {
  return { payload: undefined as Payload | undefined }
}

export const events = {
  stream: event<StreamBatch>(),
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
