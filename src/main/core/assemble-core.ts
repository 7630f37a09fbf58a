// One core on one open data file: the stores, the secret store, providers, the request pipeline and the
// chat service, wired together. createCore (app-core.ts) owns the host's lifetime and swaps these when
// the file is replaced by a recovered one.
import type { AppStatus, Notice, RecoveryResult } from '../../shared/types'
import { english, type Wording, wording } from '../../shared/wording'
import type { Core, CoreOptions } from './app-core'
import { ChatPurge } from './chat/chat-purge'
import { ChatService } from './chat/chat-service'
import { ChatTargets } from './chat/chat-target'
import { ChatTitler } from './chat/chat-titler'
import { ChatTurns } from './chat/chat-turns'
import { MessageDeletion } from './chat/message-deletion'
import { TemporaryChats } from './chat/temporary-chats'
import { ContextPreview } from './context/context-preview'
import { ContextWindow } from './context/context-window'
import { Summarizer } from './context/summarizer'
import { CALIBRATION_SEED_LIMIT, CALIBRATION_SEED_MS, TokenCalibration } from './context/token-calibration'
import { TokenCounter } from './context/token-counter'
import { createHandlers } from './handlers'
import { exportDiagnostics } from './log/diagnostics'
import { log } from './log/log'
import type { LogFile } from './log/log-file'
import { createProviderFetch, type ProviderFetch } from './net/proxy'
import { BreakerBoard } from './pipeline/breaker-board'
import { Bulkheads } from './pipeline/bulkhead'
import { createChatPipeline } from './pipeline/chat-pipeline'
import type { Next } from './pipeline/events'
import { DEFAULT_REQUEST_POLICY, type RequestPolicy } from './pipeline/policy'
import { contextStage } from './pipeline/stages/context'
import { traceStage } from './pipeline/stages/trace'
import { LocalServerDetector } from './providers/local-detect'
import { ProviderService } from './providers/provider-service'
import { DEFAULT_MAX_CONCURRENT, ProviderRegistry } from './providers/registry'
import { OffThreadReader } from './reads/off-thread-reader'
import { RoutingService } from './router/routing-service'
import { type OpenedSecretStore, openSecretStore } from './secrets/open-secret-store'
import { AppSettingsStore } from './settings/app-settings'
import { ModelSets } from './settings/model-sets'
import { ProxyCredentials } from './settings/proxy-credentials'
import { BreakerStore } from './store/breaker-store'
import { ChatStore } from './store/chat-store'
import type { DataLock } from './store/data-lock'
import { openDatabase } from './store/database'
import { checkPagesInBackground } from './store/page-check'
import { ProviderStore } from './store/provider-store'
import { describeRecovery } from './store/recovery'
import { ResponseCache } from './store/response-cache'
import { RoutingStore } from './store/routing-store'
import { SettingsStore } from './store/settings-store'
import { SummaryStore } from './store/summary-store'
import { TraceRecorder } from './traces/trace-recorder'
import { keepTracesPruned } from './traces/trace-retention'
import { TraceStore } from './traces/trace-store'
import { ChatImports } from './transfer/chat-import'

/** One core on one open file. */
export interface AssembledCore extends Core {
  secrets: OpenedSecretStore
}

export interface AssemblyInputs {
  databasePath: string
  /** Held by the host for its whole life, across rebuilds. */
  lock: DataLock
  recoverData: () => Promise<RecoveryResult>
  /** Carried over from the core this one replaces. */
  notices: Notice[]
  secrets?: OpenedSecretStore
  /** The host's log file, for Export diagnostics; null when the host keeps none. */
  logFile: LogFile | null
}

export async function assembleCore(options: CoreOptions, inputs: AssemblyInputs): Promise<AssembledCore> {
  const { databasePath, recoverData } = inputs
  // A newer database throws DatabaseTooNewError here; the host shows it and quits.
  const { db, movedAsideTo, recovered } = openDatabase(databasePath, { lock: inputs.lock })
  const store = new ChatStore(db)
  const settings = new SettingsStore(db)
  const appSettings = new AppSettingsStore(settings)
  const interrupted = store.markAbandonedStreams()
  // Keys held in memory belong to the process, not to the file: a core rebuilt after recovery keeps them.
  const secrets =
    inputs.secrets?.store.backend === 'memory'
      ? inputs.secrets
      : await openSecretStore({
          db,
          ...(options.keytar !== undefined && { keytar: options.keytar }),
          encryptor: options.encryptor ?? null,
          ...(options.keychainService !== undefined && { service: options.keychainService }),
        })

  // Provider calls go through the proxy chosen in Settings; a change takes effect on the next request.
  const proxy = new ProxyCredentials(appSettings, secrets.store)
  let providerFetch: ProviderFetch = createProviderFetch(await proxy.effective(), options.env)
  const providerStore = new ProviderStore(db)
  const registry = new ProviderRegistry({
    store: providerStore,
    secrets: secrets.store,
    env: options.env,
    fetch: () => providerFetch,
  })
  const providers = new ProviderService(providerStore, registry, secrets.store, appSettings, options.sink)

  let closed = false
  let closing: Promise<void> | null = null
  const notices: Notice[] = [...inputs.notices]
  if (recovered) notices.push(notice('warning', describeRecovery(recovered)))
  if (movedAsideTo) notices.push(notice('warning', wording('startedNewFile', { file: movedAsideTo })))
  if (interrupted > 0)
    notices.push(
      notice(
        'info',
        interrupted === 1 ? wording('interruptedOne') : wording('interruptedMany', { count: interrupted }),
      ),
    )

  const targets = new ChatTargets(registry, appSettings, store)
  const breakers = new BreakerBoard(new BreakerStore(db), () => options.sink.emit('modelHealthChanged', {}))
  const policy = (): RequestPolicy => {
    const chosen = appSettings.get().requests
    return {
      ...DEFAULT_REQUEST_POLICY,
      maxAttempts: chosen.maxAttempts,
      connectTimeoutMs: chosen.connectTimeoutSeconds * 1_000,
      firstTokenTimeoutMs: chosen.firstTokenTimeoutSeconds * 1_000,
      idleTimeoutMs: chosen.idleTimeoutSeconds * 1_000,
      totalTimeoutMs: chosen.totalTimeoutMinutes * 60_000,
      ...options.requestPolicy,
    }
  }
  const bulkheads = new Bulkheads(
    (providerId) => registry.entry(providerId)?.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
  )
  const traceStore = new TraceStore(db)
  const traces = new TraceRecorder(traceStore)
  const reads = new OffThreadReader(db, databasePath, options.readWorker ?? null)
  reads.warmUp()
  const stopPruning = keepTracesPruned(db, () => appSettings.get().traces.retentionDays)
  const responseCache = new ResponseCache(db, () => appSettings.get().cache)
  const routing = new RoutingService({
    profiles: new RoutingStore(db),
    chats: store,
    registry,
    settings: appSettings,
    breakers,
    bulkheads,
    traces: traceStore,
    ...(options.routingRandom && { random: options.routingRandom }),
  })
  const modelInfo = (providerId: string, model: string) => {
    const entry = registry.entry(providerId)
    return entry ? (registry.models(entry).find((known) => known.id === model) ?? null) : null
  }
  const counter = new TokenCounter((encoding, texts) => reads.countTokens(encoding, texts))
  const calibration = new TokenCalibration()
  calibration.seed(traceStore.recentAnswers(Date.now() - CALIBRATION_SEED_MS, CALIBRATION_SEED_LIMIT))
  const summaries = new SummaryStore(db)
  const contextWindow = new ContextWindow({
    counter,
    calibration,
    summaries,
    modelInfo,
    strategyOf: (chatId) => store.chatSettings(chatId)?.contextStrategy ?? 'window',
  })
  const summarizer = new Summarizer({
    pipeline: () => pipeline,
    settings: appSettings,
    counter,
    summaries,
    windowOf: (target) => targets.contextWindow(target),
  })
  const pipeline: Next = createChatPipeline({
    trace: traceStage((trace) => {
      traces.add(trace)
      routing.router.observe(trace)
      calibration.observe(trace)
    }, modelInfo),
    context: contextStage(contextWindow, summarizer, (target) => breakers.refuses(target)),
    resolve: (request) => {
      if (request.purpose === 'title') return targets.forTitle(request.chatId, request.want)
      return request.want ? targets.forWanted(request.chatId, request.want) : targets.resolve(request.chatId)
    },
    route: (request) => routing.plan(request),
    policy,
    breakers,
    bulkheads,
    ...(options.interceptors && { interceptors: options.interceptors }),
    cache: {
      cache: responseCache,
      isEnabled: (providerId) => registry.entry(providerId)?.enabled === true,
    },
  })
  const titler = new ChatTitler({ store, pipeline, settings: appSettings, sink: options.sink })
  const chats = new ChatService({
    store,
    sink: options.sink,
    pipeline,
    onFirstAnswer: (chatId, question, answer, answeredBy) =>
      titler.name(chatId, question, answer, answeredBy),
    ...(options.saveIntervalMs !== undefined && { saveIntervalMs: options.saveIntervalMs }),
    ...(options.emitIntervalMs !== undefined && { emitIntervalMs: options.emitIntervalMs }),
    ...(options.saveRetryMs !== undefined && { saveRetryMs: options.saveRetryMs }),
  })
  const imports = new ChatImports({ db, dataDir: options.dataDir, sink: options.sink })
  const turns = new ChatTurns(store, chats, (target) => targets.contextWindow(target))
  const deletion = new MessageDeletion(
    store,
    (id) => chats.isAnswering(id),
    (chatId) => turns.thread(chatId),
  )

  const purge = new ChatPurge({
    db,
    store,
    cache: responseCache,
    traces: { store: traceStore, recorder: traces },
    stopChat: (chatId) => chats.stopChat(chatId),
  })
  const temporary = new TemporaryChats({
    store,
    ttlMs: () => options.temporaryChatTtlMs ?? appSettings.get().temporaryChats.hours * 3_600_000,
    remove: (chatId, now) => purge.delete(chatId, now),
    removeNow: (chatId, now) => purge.deleteNow(chatId, now),
    onExpired: (chatId) => options.sink.emit('chatRemoved', { chatId }),
    ...(options.expiryClock && { clock: options.expiryClock }),
  })
  temporary.start()

  // Pages are checked on a worker once the app is up; damage found is told as soon as it is known.
  const checking = checkPagesInBackground(databasePath)
  const pageCheck = checking.result.then((damage) => {
    if (damage.length === 0 || closed) return damage
    log.error('the data file is damaged:', damage.join('; '))
    notices.push({ ...notice('warning', wording('pagesDamaged')), action: 'recover-data' })
    options.sink.emit('statusChanged', {})
    return damage
  })

  const status = (): AppStatus => ({
    version: options.version,
    dataDir: options.dataDir,
    keyStorage: {
      backend: secrets.store.backend,
      warning: secrets.warning,
      warningWording: secrets.warningWording ?? null,
    },
    notices,
  })

  return {
    handlers: createHandlers({
      store,
      chats,
      turns,
      deletion,
      purge,
      temporary,
      modelSets: new ModelSets(settings),
      providers,
      localServers: new LocalServerDetector(options.localProbes),
      registry,
      settings: appSettings,
      status,
      proxy,
      recoverData,
      breakers,
      traces: { store: traceStore, recorder: traces },
      reads,
      exportDiagnostics: () =>
        exportDiagnostics({
          db,
          logFile: inputs.logFile,
          providers: () => providers.list(),
          settings: () => appSettings.get(),
          version: options.version,
          keyStorage: secrets.store.backend,
        }),
      cache: responseCache,
      routing,
      imports,
      context: new ContextPreview({
        store,
        targets,
        window: contextWindow,
        summaries,
        route: (request) => routing.plan(request, true),
        read: (chatId, maxChars) => reads.conversation(chatId, maxChars),
      }),
      onNetworkSettingsChanged: async () => {
        const previous = providerFetch
        providerFetch = createProviderFetch(await proxy.effective(), options.env)
        void previous.close()
      },
    }),
    settings,
    chats,
    traces,
    db,
    secrets,
    pageCheck,
    close() {
      closing ??= (async () => {
        closed = true
        await temporary.stop()
        // Waits only until the check's connection is open (it touches the folder no more after that);
        // the check itself is not waited for: SQLite cannot interrupt it mid-way.
        await checking.stop()
        imports.close()
        await chats.shutdown()
        await titler.stop()
        // The last answers' traces, before the file closes.
        traces.flush()
        stopPruning()
        await reads.close()
        await providers.settle()
        await providerFetch.close()
        db.close()
      })()
      return closing
    },
  }
}

/** A notice in the page's language, with its English for the log. */
function notice(level: Notice['level'], said: Wording): Notice {
  return { level, text: english(said), wording: said }
}
