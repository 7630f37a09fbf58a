// The contract's calls, implemented. Inputs arrive validated by `dispatchCall`; anything a person
// should read is thrown as a UserFacingError. Grouped by what they touch; the Handlers type makes a
// forgotten call a compile error.
import type { Handlers } from '../../shared/contract'
import type { ChatSettings } from '../../shared/providers'
import type { AppStatus, RecoveryResult } from '../../shared/types'
import { wording } from '../../shared/wording'
import { type AuthorLabel, exportAllChats, exportChat } from './chat/chat-export'
import type { ChatPurge } from './chat/chat-purge'
import type { ChatService } from './chat/chat-service'
import { shownMessageIds } from './chat/chat-thread'
import type { ChatTurns } from './chat/chat-turns'
import type { MessageDeletion } from './chat/message-deletion'
import type { TemporaryChats } from './chat/temporary-chats'
import type { ContextPreview } from './context/context-preview'
import { leaderboard } from './judge/leaderboard'
import type { BreakerBoard } from './pipeline/breaker-board'
import type { LocalServerDetector } from './providers/local-detect'
import type { ProviderService } from './providers/provider-service'
import type { ProviderRegistry } from './providers/registry'
import type { OffThreadReader } from './reads/off-thread-reader'
import type { RoutingService } from './router/routing-service'
import type { AppSettingsStore } from './settings/app-settings'
import type { ModelSets } from './settings/model-sets'
import type { ProxyCredentials } from './settings/proxy-credentials'
import type { ChatStore } from './store/chat-store'
import type { ResponseCache } from './store/response-cache'
import { RoutingProfileMissingError } from './store/routing-store'
import type { TraceRecorder } from './traces/trace-recorder'
import type { TraceStore } from './traces/trace-store'
import type { ChatImports } from './transfer/chat-import'
import { chatGone, providerGone, UserFacingError } from './user-facing-error'

export interface HandlerDeps {
  store: ChatStore
  chats: ChatService
  turns: ChatTurns
  deletion: MessageDeletion
  /** Deletes a chat with its cache entries and trace text (Delete chat, and expired temporary chats). */
  purge: ChatPurge
  temporary: TemporaryChats
  modelSets: ModelSets
  providers: ProviderService
  /** Finds Ollama and LM Studio on this computer. */
  localServers: LocalServerDetector
  registry: ProviderRegistry
  settings: AppSettingsStore
  proxy: ProxyCredentials
  status: () => AppStatus
  /** Called after settings that change how providers are reached (the proxy). */
  onNetworkSettingsChanged: () => Promise<void>
  /** Copies what can be read out of a damaged data file into a new one and reopens on it. */
  recoverData: () => Promise<RecoveryResult>
  breakers: BreakerBoard
  traces: { store: TraceStore; recorder: TraceRecorder }
  /** The reads that run on the reads worker: Monitoring, search, find in chat. */
  reads: OffThreadReader
  /** Builds the diagnostics zip (logs, settings without keys, recent traces). */
  exportDiagnostics: () => Promise<{ fileName: string; base64: string }>
  cache: ResponseCache
  imports: ChatImports
  routing: RoutingService
  /** What the next message would send of a chat, before it is sent; its summaries. */
  context: ContextPreview
}

type ChatCalls = Pick<
  Handlers,
  | 'getStatus'
  | 'listChats'
  | 'listChatPage'
  | 'createChat'
  | 'openChat'
  | 'readMessages'
  | 'renameChat'
  | 'deleteChat'
  | 'keepChat'
  | 'pinChat'
  | 'exportChat'
  | 'deleteMessage'
  | 'undoDelete'
  | 'getChatSettings'
  | 'updateChatSettings'
  | 'recoverData'
  | 'getModelHealth'
  | 'tryModelNow'
>

function chatHandlers({
  store,
  turns,
  deletion,
  status,
  registry,
  recoverData,
  breakers,
  reads,
  routing,
  purge,
  temporary,
}: HandlerDeps): ChatCalls {
  const chatSettings = (chatId: string): ChatSettings => {
    const settings = store.chatSettings(chatId)
    if (!settings) throw chatGone()
    return settings
  }
  return {
    getStatus: () => status(),
    recoverData: () => recoverData(),
    getModelHealth: () => breakers.health(),
    tryModelNow: ({ providerId, model }) => breakers.tryNow({ providerId, model }),
    listChats: () => store.listChats(),
    listChatPage: ({ limit, after }) => store.listChatPage(limit, after),
    createChat: (input) => temporary.create(input?.temporary === true),
    // Read on the reads worker: a long chat's opening never holds up a stream.
    openChat: async ({ chatId }) => turns.current(await reads.thread(chatId)),
    readMessages: async ({ chatId, messageIds }) =>
      turns.currentMessages(await reads.messages(chatId, messageIds)),
    renameChat: ({ chatId, title }) => {
      const chat = store.renameChat(chatId, title)
      if (!chat) throw chatGone()
      return chat
    },
    deleteChat: async ({ chatId }) => {
      if (!(await purge.delete(chatId))) throw chatGone()
    },
    keepChat: ({ chatId }) => temporary.keep(chatId),
    pinChat: ({ chatId, pinned }) => {
      const chat = store.pinChat(chatId, pinned)
      if (!chat) throw chatGone()
      return chat
    },
    exportChat: ({ chatId, format }) => exportChat(store, chatId, format, authorLabel(registry)),
    deleteMessage: ({ messageId }) => deletion.delete(messageId),
    undoDelete: ({ undoToken }) => deletion.undo(undoToken),
    getChatSettings: ({ chatId }) => chatSettings(chatId),
    updateChatSettings: ({ chatId, ...changes }) => {
      const next = { ...chatSettings(chatId), ...changes }
      if (changes.providerId && !registry.entry(changes.providerId)) {
        throw providerGone()
      }
      // A provider chosen without a model takes the provider's first model when the message is sent.
      if (changes.providerId !== undefined && changes.model === undefined) next.model = null
      if (changes.routingProfileId && !routing.list().some((p) => p.id === changes.routingProfileId))
        throw new UserFacingError('not-found', wording('routingProfileGone'))
      // Choosing a model by hand ends Auto for the chat.
      if (changes.providerId !== undefined && changes.routingProfileId === undefined)
        next.routingProfileId = null
      return store.updateChatSettings(chatId, next) ?? chatSettings(chatId)
    },
  }
}

type TurnCalls = Pick<
  Handlers,
  | 'sendMessage'
  | 'editMessage'
  | 'stopMessage'
  | 'regenerate'
  | 'mergeAnswers'
  | 'keepAnswer'
  | 'showMessage'
  | 'listSiblings'
  | 'compareAnswers'
  | 'continueSeparately'
  | 'voteAnswer'
  | 'getLeaderboard'
  | 'updateCompareSettings'
  | 'listModelSets'
  | 'saveModelSet'
  | 'deleteModelSet'
>

function turnHandlers({ store, chats, turns, registry, modelSets }: HandlerDeps): TurnCalls {
  return {
    sendMessage: ({ chatId, text, targets }) => turns.send(chatId, text, targets),
    editMessage: ({ messageId, text, targets }) => turns.edit(messageId, text, targets),
    stopMessage: ({ messageId }) => chats.stop(messageId),
    regenerate: ({ messageId, target }) => turns.regenerate(messageId, target),
    mergeAnswers: (request) => turns.merge(request),
    keepAnswer: ({ messageId }) => turns.keep(messageId),
    showMessage: ({ messageId }) => turns.show(messageId),
    listSiblings: ({ messageId }) => turns.siblings(messageId),
    compareAnswers: ({ questionId }) => turns.sideBySide(questionId),
    continueSeparately: ({ questionId }) => turns.continueSeparately(questionId),
    voteAnswer: ({ messageId, value }) => {
      const message = store.getMessage(messageId)
      if (message?.role !== 'assistant') throw new UserFacingError('not-found', wording('answerGone'))
      store.vote(messageId, value)
      return store.getMessage(messageId) ?? message
    },
    getLeaderboard: ({ period }) => leaderboard(store, registry, period),
    updateCompareSettings: ({ chatId, ...changes }) => {
      const current = store.compareSettings(chatId)
      if (!current) throw chatGone()
      return store.updateCompareSettings(chatId, { ...current, ...changes }) ?? current
    },
    listModelSets: () => modelSets.list(),
    saveModelSet: ({ name, targets }) => modelSets.save(name, targets),
    deleteModelSet: ({ setId }) => modelSets.delete(setId),
  }
}

type ProviderCalls = Pick<
  Handlers,
  | 'listProviders'
  | 'addProvider'
  | 'updateProvider'
  | 'deleteProvider'
  | 'setProviderKey'
  | 'testConnection'
  | 'detectLocalProviders'
  | 'saveModel'
  | 'deleteModel'
  | 'exportProviders'
  | 'importProviders'
>

function providerHandlers({ providers, localServers }: HandlerDeps): ProviderCalls {
  return {
    listProviders: () => providers.list(),
    addProvider: ({ apiKey, ...draft }) => providers.add(draft, apiKey),
    updateProvider: ({ providerId, ...changes }) => providers.update(providerId, changes),
    deleteProvider: ({ providerId }) => providers.delete(providerId),
    setProviderKey: ({ providerId, apiKey }) => providers.setKey(providerId, apiKey),
    testConnection: ({ providerId, draft, apiKey }) => providers.test(providerId, draft, apiKey),
    detectLocalProviders: () => localServers.detect(),
    saveModel: ({ providerId, model }) => providers.saveModel(providerId, model),
    deleteModel: ({ providerId, modelId }) => providers.deleteModel(providerId, modelId),
    exportProviders: () => ({ json: providers.export() }),
    importProviders: ({ json }) => providers.import(json),
  }
}

function settingsHandlers({
  settings,
  registry,
  proxy,
  onNetworkSettingsChanged,
  exportDiagnostics,
}: HandlerDeps): Pick<Handlers, 'getSettings' | 'updateSettings' | 'exportDiagnostics'> {
  return {
    getSettings: () => settings.get(),
    exportDiagnostics: () => exportDiagnostics(),
    updateSettings: async ({ proxy: proxyChanges, ...changes }) => {
      if (changes.defaultProviderId && !registry.entry(changes.defaultProviderId)) {
        throw providerGone()
      }
      if (proxyChanges) {
        await proxy.save(proxyChanges)
        await onNetworkSettingsChanged()
      }
      return settings.update(changes)
    },
  }
}

type MonitoringCalls = Pick<Handlers, 'getTrace' | 'getMonitoring' | 'listRequests'>

function monitoringHandlers({ traces, reads, breakers }: HandlerDeps): MonitoringCalls {
  return {
    getTrace: (ref) =>
      'traceId' in ref
        ? traces.store.get(ref.traceId)
        : (traces.recorder.pending(ref.messageId) ?? traces.store.forMessage(ref.messageId)),
    getMonitoring: async ({ range }) => {
      const figures = await reads.figures(range)
      return {
        ...figures,
        models: figures.models.map((row) => ({
          ...row,
          breaker:
            row.providerId && row.model
              ? breakers.phase({ providerId: row.providerId, model: row.model })
              : 'closed',
        })),
      }
    },
    listRequests: (filter) => reads.log(filter),
  }
}

type SearchCalls = Pick<Handlers, 'search' | 'findInChat' | 'openMessage'>

/** Search and find in chat read on the reads worker; opening a result moves the path, on the main connection. */
function searchHandlers({ reads, turns }: HandlerDeps): SearchCalls {
  return {
    search: ({ query, limit }) => reads.search(query, limit),
    findInChat: async ({ chatId, query }) => {
      // Both on the reads worker: which messages the chat shows needs no streamed text.
      const [hits, thread] = await Promise.all([reads.find(chatId, query), reads.thread(chatId)])
      const found = new Set(hits)
      const shown = shownMessageIds(thread).filter((id) => found.has(id))
      return { messageIds: shown, elsewhere: found.size - shown.length }
    },
    openMessage: ({ messageId }) => turns.open(messageId),
  }
}

function cacheHandlers({ cache }: HandlerDeps): Pick<Handlers, 'getCacheStats' | 'clearCache'> {
  return {
    getCacheStats: () => cache.stats(),
    clearCache: () => cache.clear(),
  }
}

type TransferCalls = Pick<
  Handlers,
  'exportAllChats' | 'importChatsBegin' | 'importChatsPiece' | 'importChatsFinish' | 'importChatsCancel'
>

function transferHandlers({ store, imports }: HandlerDeps): TransferCalls {
  return {
    exportAllChats: () => exportAllChats(store),
    importChatsBegin: ({ size }) => imports.begin(size),
    importChatsPiece: ({ importId, offset, base64 }) => imports.chunk(importId, offset, base64),
    importChatsFinish: ({ importId }) => imports.finish(importId),
    importChatsCancel: ({ importId }) => imports.cancel(importId),
  }
}

function contextHandlers({ context }: HandlerDeps): Pick<Handlers, 'previewContext' | 'getContextSummary'> {
  return {
    previewContext: ({ chatId, draft, targets }) => context.preview(chatId ?? null, draft, targets),
    getContextSummary: ({ chatId, summaryId }) => context.summary(chatId, summaryId),
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...contextHandlers(deps),
    ...chatHandlers(deps),
    ...turnHandlers(deps),
    ...providerHandlers(deps),
    ...settingsHandlers(deps),
    ...monitoringHandlers(deps),
    ...cacheHandlers(deps),
    ...transferHandlers(deps),
    ...searchHandlers(deps),
    ...routingHandlers(deps),
  }
}

function routingHandlers({
  routing,
}: HandlerDeps): Pick<Handlers, 'listRoutingProfiles' | 'saveRoutingProfile' | 'deleteRoutingProfile'> {
  return {
    listRoutingProfiles: () => routing.list(),
    saveRoutingProfile: ({ id, profile }) => {
      try {
        return routing.save(profile, id)
      } catch (error) {
        if (error instanceof RoutingProfileMissingError) throw new UserFacingError('not-found', error.message)
        throw error
      }
    },
    deleteRoutingProfile: ({ id }) => routing.delete(id),
  }
}

/** An answer's author as the person knows it: the model's display name and the provider's name. */
function authorLabel(registry: ProviderRegistry): AuthorLabel {
  return (providerId, model) => {
    const entry = providerId ? registry.entry(providerId) : null
    const info = entry && model ? registry.models(entry).find((known) => known.id === model) : undefined
    const name = info?.displayName?.trim() || model || 'Assistant'
    return entry ? `${name} (${entry.name})` : name
  }
}
