// The renderer's state. Messages are kept by id so a streaming answer re-renders only its own
// component: the list subscribes to ids, each message to itself.
import { create } from 'zustand'
import { MAX_MESSAGE_CHARS } from '../../shared/contract'
import { applyStreamBatch } from '../../shared/stream-batch'
import type {
  AnswerProgressEvent,
  AppStatus,
  ChatMessage,
  ChatSummary,
  ChatThread,
  SentMessage,
  StreamBatch,
} from '../../shared/types'
import { api } from './api'

interface ChatState {
  status: AppStatus | null
  chats: ChatSummary[]
  currentChatId: string | null
  messageIds: string[]
  messages: Record<string, ChatMessage>
  /** Batches for answers the page has not heard of yet (the reply to "send" can arrive after them). */
  earlyBatches: StreamBatch[]
  /** The latest progress for answers the page has not heard of yet, for the same reason. */
  earlyProgress: Record<string, AnswerProgressEvent>
  /** The last failed action, in words; shown until dismissed. */
  problem: string | null
  sending: boolean
}

interface ChatActions {
  start(): Promise<void>
  /** Fetches the app's status again (its notices changed). */
  refreshStatus(): Promise<void>
  openChat(chatId: string): Promise<void>
  reloadCurrent(): Promise<void>
  /** Starts an empty chat and returns its id (null when that failed; the problem is shown). */
  newChat(): Promise<string | null>
  renameChat(chatId: string, title: string): Promise<boolean>
  deleteChat(chatId: string): Promise<void>
  send(text: string): Promise<boolean>
  stop(messageId: string): Promise<void>
  regenerate(messageId: string): Promise<void>
  /** Ends a paused model's cooldown and asks again: the one probe. */
  tryModelNow(messageId: string, providerId: string, model: string): Promise<void>
  receive(batch: StreamBatch): void
  /** A chat changed outside the page's own calls (a model named it). */
  chatChanged(chat: ChatSummary): void
  /** What an answer waits for before its first token, and the model chosen for it. */
  receiveProgress(event: AnswerProgressEvent): void
  dismissProblem(): void
}

export type Store = ChatState & ChatActions

const EARLY_BATCH_LIMIT = 2_000

export const useChatStore = create<Store>()((set, get) => {
  const fail = (error: unknown) => set({ problem: error instanceof Error ? error.message : String(error) })

  const showThread = (thread: ChatThread) => {
    const messages: Record<string, ChatMessage> = {}
    for (const message of thread.messages) messages[message.id] = message
    set({ currentChatId: thread.chat.id, messageIds: thread.messages.map((m) => m.id), messages })
    replayEarlyBatches()
  }

  const upsertChat = (chat: ChatSummary) => {
    const others = get().chats.filter((c) => c.id !== chat.id)
    set({ chats: [chat, ...others].sort((a, b) => b.updatedAt - a.updatedAt) })
  }

  const addSent = (sent: SentMessage) => {
    upsertChat(sent.chat)
    // The person may have opened another chat while this one was sending: it shows when reopened.
    if (sent.chat.id !== get().currentChatId) return
    const { messageIds, messages } = get()
    const parentIndex = messageIds.indexOf(sent.userMessage.id)
    // Re-asking replaces everything after the question with the new answer (a new branch).
    const base =
      parentIndex >= 0 ? messageIds.slice(0, parentIndex + 1) : [...messageIds, sent.userMessage.id]
    set({
      messageIds: [...base, sent.assistantMessage.id],
      messages: {
        ...messages,
        [sent.userMessage.id]: sent.userMessage,
        [sent.assistantMessage.id]: sent.assistantMessage,
      },
    })
    replayEarlyBatches()
  }

  const replayEarlyBatches = () => {
    const progress = Object.values(get().earlyProgress)
    if (progress.length > 0) {
      set({ earlyProgress: {} })
      for (const event of progress) get().receiveProgress(event)
    }
    const early = get().earlyBatches
    if (early.length === 0) return
    set({ earlyBatches: [] })
    for (const batch of early) get().receive(batch)
  }

  return {
    status: null,
    chats: [],
    currentChatId: null,
    messageIds: [],
    messages: {},
    earlyBatches: [],
    earlyProgress: {},
    problem: null,
    sending: false,

    async start() {
      try {
        const [status, chats] = await Promise.all([api.getStatus(), api.listChats()])
        set({ status, chats })
        const first = chats[0]
        if (first) await get().openChat(first.id)
      } catch (error) {
        fail(error)
      }
    },

    async refreshStatus() {
      try {
        set({ status: await api.getStatus() })
      } catch (error) {
        fail(error)
      }
    },

    async openChat(chatId) {
      if (get().currentChatId !== chatId) set({ earlyBatches: [], earlyProgress: {} })
      try {
        showThread(await api.openChat({ chatId }))
      } catch (error) {
        fail(error)
      }
    },

    async reloadCurrent() {
      const { currentChatId } = get()
      if (currentChatId) await get().openChat(currentChatId)
    },

    async newChat() {
      try {
        const chat = await api.createChat()
        upsertChat(chat)
        set({ currentChatId: chat.id, messageIds: [], messages: {}, earlyBatches: [], earlyProgress: {} })
        return chat.id
      } catch (error) {
        fail(error)
        return null
      }
    },

    async renameChat(chatId, title) {
      try {
        upsertChat(await api.renameChat({ chatId, title }))
        return true
      } catch (error) {
        fail(error)
        return false
      }
    },

    async deleteChat(chatId) {
      try {
        await api.deleteChat({ chatId })
        const chats = get().chats.filter((c) => c.id !== chatId)
        set({ chats })
        if (get().currentChatId === chatId) {
          set({ currentChatId: null, messageIds: [], messages: {} })
          const next = chats[0]
          if (next) await get().openChat(next.id)
        }
      } catch (error) {
        fail(error)
      }
    },

    async send(text) {
      if (text.length > MAX_MESSAGE_CHARS) {
        set({
          problem: `That message is ${text.length.toLocaleString()} characters; the most Roundtable sends at once is ${MAX_MESSAGE_CHARS.toLocaleString()}.`,
        })
        return false
      }
      set({ sending: true })
      try {
        const chatId = get().currentChatId ?? (await get().newChat())
        if (!chatId) return false
        addSent(await api.sendMessage({ chatId, text }))
        return true
      } catch (error) {
        fail(error)
        return false
      } finally {
        set({ sending: false })
      }
    },

    async stop(messageId) {
      try {
        await api.stopMessage({ messageId })
      } catch (error) {
        fail(error)
      }
    },

    async regenerate(messageId) {
      set({ sending: true })
      try {
        addSent(await api.regenerate({ messageId }))
      } catch (error) {
        fail(error)
      } finally {
        set({ sending: false })
      }
    },

    async tryModelNow(messageId, providerId, model) {
      try {
        await api.tryModelNow({ providerId, model })
      } catch (error) {
        fail(error)
        return
      }
      await get().regenerate(messageId)
    },

    receive(batch) {
      const { currentChatId, messages, earlyBatches } = get()
      if (batch.chatId !== currentChatId) return
      const message = messages[batch.messageId]
      if (!message) {
        if (earlyBatches.length < EARLY_BATCH_LIMIT) set({ earlyBatches: [...earlyBatches, batch] })
        return
      }
      const result = applyStreamBatch(message, batch)
      if (result.kind === 'gap') {
        void get().reloadCurrent()
        return
      }
      if (result.message !== message) set({ messages: { ...messages, [message.id]: result.message } })
    },

    chatChanged(chat) {
      if (get().chats.some((c) => c.id === chat.id)) upsertChat(chat)
    },

    receiveProgress(event) {
      const { currentChatId, messages, earlyProgress } = get()
      if (event.chatId !== currentChatId) return
      const message = messages[event.messageId]
      if (!message) {
        // The reply to "send" may come after (HTTP and the WebSocket race): keep the latest for then.
        if (Object.keys(earlyProgress).length < EARLY_BATCH_LIMIT)
          set({ earlyProgress: { ...earlyProgress, [event.messageId]: event } })
        return
      }
      if (message.status !== 'streaming') return
      set({
        messages: {
          ...messages,
          [message.id]: {
            ...message,
            progress: event.progress,
            ...(event.model && { model: event.model, provider: event.providerId }),
          },
        },
      })
    },

    dismissProblem() {
      set({ problem: null })
    },
  }
})

export const selectIsAnswering = (state: Store) =>
  state.messageIds.some((id) => state.messages[id]?.status === 'streaming')
