// The renderer's state. Messages are kept by id so a streaming answer re-renders only its own
// component: the list subscribes to ids, each message to itself.
import { flushSync } from 'react-dom'
import { create } from 'zustand'
import type { CallInput } from '../../shared/contract'
import { MAX_MESSAGE_CHARS } from '../../shared/limits'
import { applyStreamBatch } from '../../shared/stream-batch'
import type {
  AnswerProgressEvent,
  AnswerTarget,
  AppStatus,
  ChatMessage,
  ChatSummary,
  ChatThread,
  CompareSettings,
  CompareTurn,
  ModelSet,
  SentMessage,
  SiblingInfo,
  StreamBatch,
} from '../../shared/types'
import { api } from './api'
import { errorText } from './i18n/error-text'
import { formatter } from './i18n/format'
import { i18n } from './i18n/i18n'
import { saveDraft } from './prefs/drafts'
import { lastOpenChat, rememberOpenChat } from './prefs/open-chat'
import { createFrameQueue } from './stream-frames'
import { comparing, isAnswering, mustKeep, reuse } from './thread-state'

/** What the main area shows: the open chat, the leaderboard, or Monitoring. */
export type View = 'chat' | 'leaderboard' | 'monitoring'

interface ChatState {
  status: AppStatus | null
  /** The chat list as far as it has been read, newest first (see `loadMoreChats`). */
  chats: ChatSummary[]
  /** Where the list's next page starts; null once all of it is here. */
  chatsNext: string | null
  currentChatId: string | null
  view: View
  /** The chat's kept path, root first. */
  messageIds: string[]
  /** Every message shown: the path's and the open side-by-side turn's. */
  messages: Record<string, ChatMessage>
  siblings: Record<string, SiblingInfo>
  /** The question answered side by side at the end of the path, while none of its answers is kept. */
  compare: CompareTurn | null
  compareSettings: CompareSettings
  modelSets: ModelSet[]
  /** Batches for answers the page has not heard of yet (the reply to "send" can arrive after them). */
  earlyBatches: StreamBatch[]
  /** The latest progress for answers the page has not heard of yet, for the same reason. */
  earlyProgress: Record<string, AnswerProgressEvent>
  /** The last failed action, in words; shown until dismissed. */
  problem: string | null
  sending: boolean
  /** The question being edited in place (Edit, or Up in an empty message box). */
  editingId: string | null
  /** A message to bring into view and mark (a search result, a find). */
  focusMessageId: string | null
  /** The last delete, while it can still be undone. */
  /** What was deleted, said by the toast in the language shown. */
  undo: { token: string; what: 'message' | 'answer' } | null
  /** The answer that ended last, for screen readers (a polite live region words it). */
  lastEnded: { message: ChatMessage; count: number } | null
}

interface ChatActions {
  start(): Promise<void>
  /** Fetches the app's status again (its notices changed). */
  refreshStatus(): Promise<void>
  openChat(chatId: string): Promise<void>
  /** Reads the chat list's next page (the sidebar asks as its end comes near). */
  loadMoreChats(): Promise<void>
  /** Reads the rest of the chat list (End in the list goes to the very last chat). */
  loadAllChats(): Promise<void>
  /** Reads the chat list again from its first page (after an import). */
  reloadChats(): Promise<void>
  /** Reads messages of the open chat's path that its thread left out (a long chat's earlier ones). */
  loadMessages(messageIds: string[]): Promise<void>
  reloadCurrent(): Promise<void>
  /**
   * Starts an empty chat and returns its id (null when that failed; the problem is shown). `temporary`:
   * one that is deleted after the Temporary chats setting's time.
   */
  newChat(options?: { temporary?: boolean }): Promise<string | null>
  /** Keep chat: a temporary chat stays until deleted. */
  keepChat(chatId: string): Promise<void>
  /** Null when renamed; otherwise why not, in words. */
  renameChat(chatId: string, title: string): Promise<string | null>
  deleteChat(chatId: string): Promise<void>
  pinChat(chatId: string, pinned: boolean): Promise<void>
  /** Deletes a message and what follows it; Undo is offered for a while. */
  deleteMessage(messageId: string): Promise<void>
  undoDelete(): Promise<void>
  dismissUndo(): void
  setEditing(messageId: string | null): void
  /** Up in an empty message box: edits the last question on the path. */
  editLast(): boolean
  showView(view: View): void
  /** Sends to the chat's model, or to every chosen model side by side (or every column, continued separately). */
  send(text: string): Promise<boolean>
  /** A new version of a question, answered afresh. */
  edit(messageId: string, text: string): Promise<boolean>
  stop(messageId: string): Promise<void>
  /** Stops every answer still coming in the side-by-side turn. */
  stopAll(): Promise<void>
  regenerate(messageId: string, target?: AnswerTarget): Promise<void>
  merge(request: CallInput<'mergeAnswers'>): Promise<string | null>
  keep(messageId: string): Promise<void>
  /** ‹ ›: shows another answer or version. */
  showSibling(messageId: string): Promise<void>
  /** Opens a message's chat on the branch that holds it, and brings it into view (a search result). */
  openMessage(messageId: string): Promise<void>
  /** Brings a shown message into view and highlights it; null: none. */
  focusMessage(messageId: string | null): void
  compareAnswers(questionId: string): Promise<void>
  continueSeparately(questionId: string): Promise<void>
  vote(messageId: string, value: 1 | -1 | null): Promise<void>
  updateCompareSettings(changes: Partial<CompareSettings>): Promise<void>
  loadModelSets(): Promise<void>
  saveModelSet(name: string, targets: AnswerTarget[]): Promise<boolean>
  deleteModelSet(setId: string): Promise<void>
  /** Ends a paused model's cooldown and asks again: the one probe. */
  tryModelNow(messageId: string, providerId: string, model: string): Promise<void>
  receive(batch: StreamBatch): void
  /** A chat changed outside the page's own calls (a model named it). */
  chatChanged(chat: ChatSummary): void
  /** A chat went outside the page's own calls (a temporary chat expired): an open one closes. */
  chatRemoved(chatId: string): void
  /** What an answer waits for before its first token, and the model chosen for it. */
  receiveProgress(event: AnswerProgressEvent): void
  dismissProblem(): void
}

export type Store = ChatState & ChatActions

const EARLY_BATCH_LIMIT = 2_000
/** Chats read per page of the list: a few screens of the sidebar. */
const CHAT_PAGE = 100
/** The part of a 16 ms frame streamed text may take to draw; layout and paint need the rest. */
const FRAME_BUDGET_MS = 6
const HIDDEN_FRAME_MS = 250
// Defined before the store: its initial state reads it.
const NO_COMPARE: CompareSettings = { targets: [], layout: 'columns', syncScroll: false, blind: false }
/** What the page holds of a chat with nothing in it (or no chat). */
const NO_THREAD = {
  messageIds: [],
  messages: {},
  siblings: {},
  compare: null,
  compareSettings: NO_COMPARE,
} satisfies Partial<ChatState>

export const useChatStore = create<Store>()((set, get) => {
  /** Ids being read by `loadMessages`, so a message scrolled past twice is asked for once. */
  const reading = new Set<string>()
  let readingChats: Promise<void> | null = null
  const fail = (error: unknown) => set({ problem: errorText(error) })

  const showThread = (thread: ChatThread) => {
    const sameChat = get().currentChatId === thread.chat.id
    const previous = sameChat ? get().messages : {}
    const messages: Record<string, ChatMessage> = {}
    // A long chat's thread carries only its latest messages: the earlier ones already read stay (a
    // message's place on a path never changes, only which path is kept).
    if (sameChat)
      for (const id of thread.path) {
        const read = previous[id]
        if (read) messages[id] = read
      }
    // A message that did not change keeps its object, so only what changed re-renders.
    for (const message of thread.messages) messages[message.id] = reuse(previous[message.id], message)
    set({
      currentChatId: thread.chat.id,
      view: 'chat',
      messageIds: thread.path,
      messages,
      siblings: thread.siblings,
      compare: thread.compare,
      compareSettings: thread.settings,
      ...(!sameChat && { focusMessageId: null }),
    })
    // A chat opened from further down the list than has been read (last time's, a search result).
    if (!get().chats.some((chat) => chat.id === thread.chat.id)) upsertChat(thread.chat)
    replayEarlyBatches()
  }

  const upsertChat = (chat: ChatSummary) => {
    const others = get().chats.filter((c) => c.id !== chat.id)
    set({ chats: [chat, ...others].sort((a, b) => b.updatedAt - a.updatedAt) })
  }

  const addSent = (sent: SentMessage) => {
    // An answer can be done before its call's reply arrives (from the response cache, at once), and
    // the chat named meanwhile (chatChanged): the reply's older copy must not undo that name.
    const known = get().chats.find((chat) => chat.id === sent.chat.id)
    if (!known || known.updatedAt <= sent.chat.updatedAt) upsertChat(sent.chat)
    // The person may have opened another chat while this one was sending: it shows when reopened.
    if (sent.chat.id !== get().currentChatId) return
    showThread(sent.thread)
  }

  /** Applies an answer's waiting batches in order and draws it (see stream-frames.ts). */
  const applyBatches = (messageId: string, batches: StreamBatch[]) => {
    const message = get().messages[messageId]
    const first = batches[0]
    // The person may have opened another chat since the batches arrived.
    if (!message || !first || first.chatId !== get().currentChatId) return
    let next = message
    for (const batch of batches) {
      const result = applyStreamBatch(next, batch)
      if (result.kind === 'gap') {
        void get().reloadCurrent()
        return
      }
      next = result.message
      // Until the final figures arrive, the first text's arrival is the time to first token.
      if (next.firstTokenMs === null && next.content.length + next.thinking.length > 0 && !batch.final)
        next = { ...next, firstTokenMs: Math.max(0, Date.now() - next.createdAt) }
    }
    if (next === message) return
    const ended = message.status === 'streaming' && next.status !== 'streaming'
    flushSync(() =>
      set({
        messages: { ...get().messages, [messageId]: next },
        ...(ended && { lastEnded: { message: next, count: (get().lastEnded?.count ?? 0) + 1 } }),
      }),
    )
  }

  const frames = createFrameQueue({
    apply: applyBatches,
    budgetMs: FRAME_BUDGET_MS,
    // A hidden window gets no animation frames: what streams in is still taken in, a few times a second.
    requestFrame: (callback) =>
      document.hidden ? setTimeout(callback, HIDDEN_FRAME_MS) : requestAnimationFrame(callback),
    now: () => performance.now(),
  })

  /** Runs a call whose failure is shown as the page's problem. */
  const attempt = async (work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      fail(error)
    }
  }

  /** Runs a call that asks for answers; the page shows them and the composer waits meanwhile. */
  const asking = async (work: () => Promise<SentMessage | null>): Promise<boolean> => {
    set({ sending: true })
    try {
      // Null: nothing was asked, and the reason is already shown.
      const sent = await work()
      if (sent) addSent(sent)
      return sent !== null
    } catch (error) {
      fail(error)
      return false
    } finally {
      set({ sending: false })
    }
  }

  /** Runs a call that answers with the chat as it is now, and shows it. */
  const showing = async (work: () => Promise<ChatThread>) => {
    try {
      showThread(await work())
    } catch (error) {
      fail(error)
    }
  }

  /**
   * After a snapshot of the chat: what arrived early for its messages is applied; the rest waits on
   * (bounded, oldest out first) for a snapshot that holds its answer.
   */
  const replayEarlyBatches = () => {
    const progress = Object.values(get().earlyProgress)
    const early = get().earlyBatches
    if (progress.length === 0 && early.length === 0) return
    const shown = (messageId: string) => get().messages[messageId] !== undefined
    set({
      earlyProgress: Object.fromEntries(
        progress.filter((e) => !shown(e.messageId)).map((e) => [e.messageId, e]),
      ),
      earlyBatches: early.filter((batch) => !shown(batch.messageId)),
    })
    for (const event of progress) if (shown(event.messageId)) get().receiveProgress(event)
    for (const batch of early) if (shown(batch.messageId)) get().receive(batch)
  }

  return {
    status: null,
    chats: [],
    chatsNext: null,
    currentChatId: null,
    view: 'chat',
    ...NO_THREAD,
    modelSets: [],
    earlyBatches: [],
    earlyProgress: {},
    problem: null,
    sending: false,
    editingId: null,
    focusMessageId: null,
    undo: null,
    lastEnded: null,

    async start() {
      try {
        // The chat open last time is asked for at once, beside the list (it may be on a later page).
        const remembered = lastOpenChat()
        const reopened = remembered ? api.openChat({ chatId: remembered }).catch(() => null) : null
        const [status, page] = await Promise.all([api.getStatus(), api.listChatPage({ limit: CHAT_PAGE })])
        set({ status, chats: page.chats, chatsNext: page.next })
        const thread = await reopened
        if (thread) {
          if (get().currentChatId === null) showThread(thread)
        } else if (page.chats[0]) await get().openChat(page.chats[0].id)
      } catch (error) {
        fail(error)
      }
    },

    refreshStatus: () => attempt(async () => set({ status: await api.getStatus() })),

    async openChat(chatId) {
      if (get().currentChatId !== chatId) set({ earlyBatches: [], earlyProgress: {} })
      try {
        showThread(await api.openChat({ chatId }))
      } catch (error) {
        fail(error)
      }
    },

    loadMoreChats() {
      const after = get().chatsNext
      if (after === null) return Promise.resolve()
      // One page at a time: a second ask while one is read waits for that one.
      readingChats ??= (async () => {
        try {
          const page = await api.listChatPage({ limit: CHAT_PAGE, after })
          // A chat that moved up meanwhile (a message, a rename) is here already, in its newer copy.
          const known = new Set(get().chats.map((chat) => chat.id))
          // Sorted again: a chat opened from further down was placed by its time before its page came.
          const chats = [...get().chats, ...page.chats.filter((chat) => !known.has(chat.id))]
          set({ chats: chats.sort((a, b) => b.updatedAt - a.updatedAt), chatsNext: page.next })
        } catch (error) {
          fail(error)
        } finally {
          readingChats = null
        }
      })()
      return readingChats
    },

    async loadAllChats() {
      // Stops where a page fails (its problem is shown) rather than asking for it forever.
      for (let after = get().chatsNext; after !== null; ) {
        await get().loadMoreChats()
        if (get().chatsNext === after) return
        after = get().chatsNext
      }
    },

    async reloadChats() {
      try {
        const page = await api.listChatPage({ limit: CHAT_PAGE })
        set({ chats: page.chats, chatsNext: page.next })
      } catch (error) {
        fail(error)
      }
    },

    async loadMessages(messageIds) {
      const { currentChatId: chatId, messages } = get()
      if (!chatId) return
      const wanted = messageIds.filter((id) => !messages[id] && !reading.has(id))
      if (wanted.length === 0) return
      for (const id of wanted) reading.add(id)
      try {
        const read = await api.readMessages({ chatId, messageIds: wanted })
        if (get().currentChatId !== chatId || read.length === 0) return
        const current = get().messages
        // What a snapshot brought meanwhile is as new or newer: it stays.
        const fresh = read.filter((message) => !current[message.id])
        if (fresh.length > 0)
          set({ messages: { ...current, ...Object.fromEntries(fresh.map((m) => [m.id, m])) } })
      } catch (error) {
        fail(error)
      } finally {
        for (const id of wanted) reading.delete(id)
      }
    },

    async reloadCurrent() {
      const { currentChatId } = get()
      if (currentChatId) await get().openChat(currentChatId)
    },

    async newChat(options) {
      const temporary = options?.temporary === true
      const sameKind = (chat: ChatSummary | undefined) =>
        chat !== undefined && (chat.expiresAt !== null) === temporary
      // An empty chat of the same kind is opened rather than another one added (the open one first).
      // A temporary one only when it is open: another's time is already running out.
      const { currentChatId, messageIds, chats } = get()
      const current = chats.find((chat) => chat.id === currentChatId)
      if (
        currentChatId &&
        messageIds.length === 0 &&
        (current === undefined ? !temporary : sameKind(current))
      ) {
        set({ view: 'chat' })
        return currentChatId
      }
      const empty = temporary ? undefined : chats.find((chat) => chat.empty && sameKind(chat))
      if (empty) {
        await get().openChat(empty.id)
        if (get().currentChatId === empty.id) return empty.id
      }
      try {
        const chat = await api.createChat(temporary ? { temporary: true } : undefined)
        upsertChat(chat)
        set({
          currentChatId: chat.id,
          view: 'chat',
          ...NO_THREAD,
          earlyBatches: [],
          earlyProgress: {},
        })
        return chat.id
      } catch (error) {
        fail(error)
        return null
      }
    },

    async renameChat(chatId, title) {
      try {
        upsertChat(await api.renameChat({ chatId, title }))
        return null
      } catch (error) {
        // Said beside the name being edited, not as a banner that outlives it.
        return errorText(error)
      }
    },

    async deleteChat(chatId) {
      try {
        await api.deleteChat({ chatId })
        saveDraft(chatId, '')
        const chats = get().chats.filter((c) => c.id !== chatId)
        set({ chats })
        if (get().currentChatId === chatId) {
          set({ currentChatId: null, ...NO_THREAD })
          const next = chats[0]
          if (next) await get().openChat(next.id)
        }
      } catch (error) {
        fail(error)
      }
    },

    async keepChat(chatId) {
      try {
        upsertChat(await api.keepChat({ chatId }))
      } catch (error) {
        fail(error)
      }
    },

    async pinChat(chatId, pinned) {
      try {
        upsertChat(await api.pinChat({ chatId, pinned }))
      } catch (error) {
        fail(error)
      }
    },

    async deleteMessage(messageId) {
      const message = get().messages[messageId]
      try {
        const { thread, undoToken } = await api.deleteMessage({ messageId })
        showThread(thread)
        upsertChat(thread.chat)
        const what = message?.role === 'user' ? 'message' : 'answer'
        set({ undo: { token: undoToken, what }, editingId: null })
      } catch (error) {
        fail(error)
      }
    },

    async undoDelete() {
      const undo = get().undo
      if (!undo) return
      set({ undo: null })
      await showing(() => api.undoDelete({ undoToken: undo.token }))
    },

    dismissUndo() {
      set({ undo: null })
    },

    setEditing(messageId) {
      set({ editingId: messageId })
    },

    editLast() {
      const { messageIds, messages } = get()
      const last = [...messageIds].reverse().find((id) => messages[id]?.role === 'user')
      if (!last) return false
      set({ editingId: last })
      return true
    },

    showView(view) {
      set({ view })
    },

    async send(text) {
      if (text.length > MAX_MESSAGE_CHARS) {
        set({
          problem: i18n.t('chat:composer.tooLongProblem', {
            length: formatter().number(text.length),
            max: formatter().number(MAX_MESSAGE_CHARS),
          }),
        })
        return false
      }
      return asking(async () => {
        const chatId = get().currentChatId ?? (await get().newChat())
        if (!chatId) return null
        return api.sendMessage({ chatId, text, ...comparing(get()) })
      })
    },

    edit: (messageId, text) => asking(() => api.editMessage({ messageId, text, ...comparing(get()) })),

    stop: (messageId) => attempt(() => api.stopMessage({ messageId })),

    async stopAll() {
      const { compare, messages } = get()
      const live = (compare?.columns ?? [])
        .flatMap((column) => column.messageIds)
        .filter((id) => messages[id]?.status === 'streaming')
      await Promise.all(live.map((id) => get().stop(id)))
    },

    async regenerate(messageId, target) {
      await asking(() => api.regenerate({ messageId, ...(target && { target }) }))
    },

    async merge(request) {
      try {
        addSent(await api.mergeAnswers(request))
        return null
      } catch (error) {
        // Shown in the merge dialog, where the person can choose fewer answers.
        return errorText(error)
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

    keep: (messageId) => showing(() => api.keepAnswer({ messageId })),
    showSibling: (messageId) => showing(() => api.showMessage({ messageId })),
    async openMessage(messageId) {
      try {
        const thread = await api.openMessage({ messageId })
        if (get().currentChatId !== thread.chat.id) set({ earlyBatches: [], earlyProgress: {} })
        showThread(thread)
        set({ focusMessageId: messageId })
      } catch (error) {
        fail(error)
      }
    },
    focusMessage: (messageId) => set({ focusMessageId: messageId }),
    compareAnswers: (questionId) => showing(() => api.compareAnswers({ questionId })),
    continueSeparately: (questionId) => showing(() => api.continueSeparately({ questionId })),

    async vote(messageId, value) {
      try {
        const message = await api.voteAnswer({ messageId, value })
        const current = get().messages[messageId]
        if (current) set({ messages: { ...get().messages, [messageId]: { ...current, vote: message.vote } } })
      } catch (error) {
        fail(error)
      }
    },

    async updateCompareSettings(changes) {
      const before = get().compareSettings
      // Shown at once; the main process's answer replaces it.
      set({ compareSettings: { ...before, ...changes } })
      try {
        const chatId = get().currentChatId ?? (await get().newChat())
        if (!chatId) return
        const saved = await api.updateCompareSettings({ chatId, ...get().compareSettings, ...changes })
        if (get().currentChatId === chatId) set({ compareSettings: saved })
      } catch (error) {
        set({ compareSettings: before })
        fail(error)
      }
    },

    loadModelSets: () => attempt(async () => set({ modelSets: await api.listModelSets() })),

    async saveModelSet(name, targets) {
      try {
        set({ modelSets: await api.saveModelSet({ name, targets }) })
        return true
      } catch (error) {
        fail(error)
        return false
      }
    },

    deleteModelSet: (setId) => attempt(async () => set({ modelSets: await api.deleteModelSet({ setId }) })),

    receive(batch) {
      const { currentChatId, messages, earlyBatches } = get()
      if (batch.chatId !== currentChatId) return
      if (!messages[batch.messageId]) {
        // Kept until the answer shows up (the oldest make room), so a snapshot racing the batches
        // loses none of an answer the next snapshot will hold.
        const kept = earlyBatches.length < EARLY_BATCH_LIMIT ? earlyBatches : earlyBatches.slice(1)
        set({ earlyBatches: [...kept, batch] })
        return
      }
      frames.add(batch)
    },

    chatChanged(chat) {
      if (get().chats.some((c) => c.id === chat.id)) upsertChat(chat)
    },

    chatRemoved(chatId) {
      // What was typed in it goes too: nothing of a temporary chat outlives it.
      saveDraft(chatId, '')
      set({ chats: get().chats.filter((c) => c.id !== chatId) })
      if (get().currentChatId === chatId)
        set({ currentChatId: null, ...NO_THREAD, earlyBatches: [], earlyProgress: {}, editingId: null })
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

useChatStore.subscribe((state, previous) => {
  if (state.currentChatId !== previous.currentChatId) rememberOpenChat(state.currentChatId)
})

export const selectIsAnswering = (state: Store) => isAnswering(state)

/** A side-by-side turn is open and not continued separately: the person keeps an answer first. */
export const selectMustKeep = (state: Store) => mustKeep(state)

/** The answer the conversation ends with (the last one on the path, else the open turn's first column). */
export function lastAnswer(state: Store): ChatMessage | null {
  for (const id of [...state.messageIds].reverse()) {
    const message = state.messages[id]
    if (message?.role === 'assistant' && message.content.length > 0) return message
  }
  const column = state.compare?.columns[0]
  return column ? (state.messages[column.answerId] ?? null) : null
}

/** Esc: stops every answer the chat shows still coming (on the path and in the columns). */
export async function stopStreaming(state: Store): Promise<void> {
  const shown = [
    ...state.messageIds,
    ...(state.compare?.columns.flatMap((column) => column.messageIds) ?? []),
  ]
  const live = shown.filter((id) => state.messages[id]?.status === 'streaming')
  await Promise.all(live.map((id) => state.stop(id)))
}
