// Everything the app does, assembled for a host. The Electron shell and the web host both build one of
// these; tests build it too. It never imports electron: what only Electron has (safeStorage) is passed in.
import { join } from 'node:path'
import type { EventSink, Handlers } from '../../shared/contract'
import type { AppStatus, Notice } from '../../shared/types'
import { ChatService } from './chat/chat-service'
import { ChatTargets } from './chat/chat-target'
import { createHandlers } from './handlers'
import { createProviderFetch, type ProviderFetch } from './net/proxy'
import type { RetryPolicy } from './pipeline/retry'
import { ProviderService } from './providers/provider-service'
import { ProviderRegistry } from './providers/registry'
import { openSecretStore } from './secrets/open-secret-store'
import type { Encryptor, KeytarLike } from './secrets/types'
import { AppSettingsStore } from './settings/app-settings'
import { ProxyCredentials } from './settings/proxy-credentials'
import { ChatStore } from './store/chat-store'
import { type Db, openDatabase } from './store/database'
import { ProviderStore } from './store/provider-store'
import { SettingsStore } from './store/settings-store'

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
  retry?: RetryPolicy
}

export interface Core {
  handlers: Handlers
  settings: SettingsStore
  chats: ChatService
  db: Db
  /** Stops every stream (their text is kept, marked interrupted), then closes the database. */
  close(): Promise<void>
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const databasePath = join(options.dataDir, DATABASE_FILE)
  // A newer database throws DatabaseTooNewError here; the host shows it and quits.
  const { db, movedAsideTo } = openDatabase(databasePath)
  const store = new ChatStore(db)
  const settings = new SettingsStore(db)
  const appSettings = new AppSettingsStore(settings)
  const interrupted = store.markAbandonedStreams()
  const secrets = await openSecretStore({
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

  const notices: Notice[] = []
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

  const chats = new ChatService({
    store,
    sink: options.sink,
    targets: new ChatTargets(registry, appSettings, store),
    ...(options.saveIntervalMs !== undefined && { saveIntervalMs: options.saveIntervalMs }),
    ...(options.emitIntervalMs !== undefined && { emitIntervalMs: options.emitIntervalMs }),
    ...(options.retry !== undefined && { retry: options.retry }),
  })

  const status = (): AppStatus => ({
    version: options.version,
    dataDir: options.dataDir,
    keyStorage: { backend: secrets.store.backend, warning: secrets.warning },
    notices,
  })

  let closed = false
  return {
    handlers: createHandlers({
      store,
      chats,
      providers,
      registry,
      settings: appSettings,
      status,
      proxy,
      onNetworkSettingsChanged: async () => {
        const previous = providerFetch
        providerFetch = createProviderFetch(await proxy.effective(), options.env)
        void previous.close()
      },
    }),
    settings,
    chats,
    db,
    async close() {
      if (closed) return
      closed = true
      await chats.shutdown()
      await providers.settle()
      await providerFetch.close()
      db.close()
    },
  }
}
