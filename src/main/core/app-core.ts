// Everything the app does, assembled for a host. The Electron shell and the web host both build one of
// these; tests build it too. It never imports electron: what only Electron has (safeStorage) is passed in.
import { join } from 'node:path'
import { callNames, type EventSink, type Handlers } from '../../shared/contract'
import type { AppStatus, Notice } from '../../shared/types'
import { ChatService } from './chat/chat-service'
import { ChatTargets } from './chat/chat-target'
import { createHandlers } from './handlers'
import { createProviderFetch, type ProviderFetch } from './net/proxy'
import { BreakerBoard } from './pipeline/breaker-board'
import { Bulkheads } from './pipeline/bulkhead'
import { createChatPipeline } from './pipeline/chat-pipeline'
import type { Stage } from './pipeline/events'
import { DEFAULT_REQUEST_POLICY, type RequestPolicy } from './pipeline/policy'
import { ProviderService } from './providers/provider-service'
import { DEFAULT_MAX_CONCURRENT, ProviderRegistry } from './providers/registry'
import { type OpenedSecretStore, openSecretStore } from './secrets/open-secret-store'
import type { Encryptor, KeytarLike } from './secrets/types'
import { AppSettingsStore } from './settings/app-settings'
import { ProxyCredentials } from './settings/proxy-credentials'
import { BreakerStore } from './store/breaker-store'
import { ChatStore } from './store/chat-store'
import { type Db, openDatabase } from './store/database'
import { migrations } from './store/migrations'
import { checkPagesInBackground } from './store/page-check'
import { ProviderStore } from './store/provider-store'
import { describeRecovery, type RecoveryReport, recoverFile } from './store/recovery'
import { SettingsStore } from './store/settings-store'
import { UserFacingError } from './user-facing-error'

export const DATABASE_FILE = 'roundtable.db'

export interface CoreOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  sink: EventSink
  version: string
  /** Electron's safeStorage, for keys where no keychain answers. */
  encryptor?: Encryptor | null
  /** undefined: load keytar; null: use no keychain (tests that must not touch the person's keyring). */
  keytar?: KeytarLike | null
  /** The keychain service name: 'Roundtable' unless testing. */
  keychainService?: string
  saveIntervalMs?: number
  emitIntervalMs?: number
  /** How often the end of an answer that a full disk kept from being written is tried again. */
  saveRetryMs?: number
  /** Overrides for the request policy (tests shorten delays); Settings' values apply otherwise. */
  requestPolicy?: Partial<RequestPolicy>
  /** Extra pipeline stages, run after the target is chosen (see the README's interceptor example). */
  interceptors?: readonly Stage[]
}

export interface Core {
  handlers: Handlers
  settings: SettingsStore
  chats: ChatService
  db: Db
  /** The background page check of the data file: what it found (empty when sound). */
  pageCheck: Promise<string[]>
  /** Stops every stream (their text is kept, marked interrupted), then closes the database. */
  close(): Promise<void>
}

/**
 * The core a host talks to. Its handlers stay the same object for the host's whole life, while what
 * they reach can be rebuilt: recovering a damaged data file closes everything, swaps the file and
 * assembles the core again on the new one.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const databasePath = join(options.dataDir, DATABASE_FILE)
  let current: AssembledCore
  let swapping: Promise<unknown> | null = null

  const recoverData = async (): Promise<{ message: string }> => {
    await current.close()
    let report: RecoveryReport
    try {
      report = recoverFile(databasePath, migrations, new Date())
    } catch (error) {
      console.error('[roundtable] recovering the data file failed:', error)
      current = await assembleCore(options, databasePath, recoverData, {
        notices: [],
        secrets: current.secrets,
      })
      throw new UserFacingError(
        'unavailable',
        'Roundtable could not read anything out of the damaged data file, so it left the file as it was.',
      )
    }
    const message = describeRecovery(report)
    current = await assembleCore(options, databasePath, recoverData, {
      notices: [{ level: 'info', text: message }],
      secrets: current.secrets,
    })
    return { message }
  }

  current = await assembleCore(options, databasePath, recoverData, { notices: [] })
  const handlers = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (input: never) => {
        // A call that arrives while the file is being swapped waits for the new core.
        if (swapping) await swapping.catch(() => {})
        if (name !== 'recoverData') return (current.handlers[name] as (input: never) => unknown)(input)
        const running = Promise.resolve(current.handlers.recoverData(undefined))
        swapping = running
        try {
          return await running
        } finally {
          swapping = null
        }
      },
    ]),
  ) as unknown as Handlers
  return {
    handlers,
    get settings() {
      return current.settings
    },
    get chats() {
      return current.chats
    },
    get db() {
      return current.db
    },
    get pageCheck() {
      return current.pageCheck
    },
    close: () => current.close(),
  }
}

/** One core on one open file; `createCore` swaps these when the file is replaced. */
interface AssembledCore extends Core {
  secrets: OpenedSecretStore
}

async function assembleCore(
  options: CoreOptions,
  databasePath: string,
  recoverData: () => Promise<{ message: string }>,
  carried: { notices: Notice[]; secrets?: OpenedSecretStore },
): Promise<AssembledCore> {
  // A newer database throws DatabaseTooNewError here; the host shows it and quits.
  const { db, movedAsideTo, recovered } = openDatabase(databasePath)
  const store = new ChatStore(db)
  const settings = new SettingsStore(db)
  const appSettings = new AppSettingsStore(settings)
  const interrupted = store.markAbandonedStreams()
  // Keys held in memory belong to the process, not to the file: a core rebuilt after recovery keeps them.
  const secrets =
    carried.secrets?.store.backend === 'memory'
      ? carried.secrets
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
  const notices: Notice[] = [...carried.notices]
  if (recovered) notices.push({ level: 'warning', text: describeRecovery(recovered) })
  if (movedAsideTo) {
    notices.push({
      level: 'warning',
      text: `The data file could not be read, so Roundtable started a new one. The old file was kept at ${movedAsideTo}.`,
    })
  }
  if (interrupted > 0) {
    notices.push({
      level: 'info',
      text: `${interrupted === 1 ? 'One answer was' : `${interrupted} answers were`} cut off when Roundtable last closed; what arrived was kept.`,
    })
  }

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
  const pipeline = createChatPipeline({
    resolve: (chatId) => targets.resolve(chatId),
    policy,
    breakers,
    bulkheads,
    ...(options.interceptors && { interceptors: options.interceptors }),
  })
  const chats = new ChatService({
    store,
    sink: options.sink,
    pipeline,
    ...(options.saveIntervalMs !== undefined && { saveIntervalMs: options.saveIntervalMs }),
    ...(options.emitIntervalMs !== undefined && { emitIntervalMs: options.emitIntervalMs }),
    ...(options.saveRetryMs !== undefined && { saveRetryMs: options.saveRetryMs }),
  })

  // Pages are checked on a worker once the app is up; damage found is told as soon as it is known.
  const checking = checkPagesInBackground(databasePath)
  const pageCheck = checking.result.then((damage) => {
    if (damage.length === 0 || closed) return damage
    console.error('[roundtable] the data file is damaged:', damage.join('; '))
    notices.push({
      level: 'warning',
      text:
        'Part of the data file is damaged. Roundtable opened what it could; Recover data copies everything ' +
        'that can still be read into a new file and keeps the damaged one beside it.',
      action: 'recover-data',
    })
    options.sink.emit('statusChanged', {})
    return damage
  })

  const status = (): AppStatus => ({
    version: options.version,
    dataDir: options.dataDir,
    keyStorage: { backend: secrets.store.backend, warning: secrets.warning },
    notices,
  })

  return {
    handlers: createHandlers({
      store,
      chats,
      providers,
      registry,
      settings: appSettings,
      status,
      proxy,
      recoverData,
      breakers,
      onNetworkSettingsChanged: async () => {
        const previous = providerFetch
        providerFetch = createProviderFetch(await proxy.effective(), options.env)
        void previous.close()
      },
    }),
    settings,
    chats,
    db,
    secrets,
    pageCheck,
    async close() {
      if (closed) return
      closed = true
      await checking.stop()
      await chats.shutdown()
      await providers.settle()
      await providerFetch.close()
      db.close()
    },
  }
}
