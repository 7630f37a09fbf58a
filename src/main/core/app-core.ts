// Everything the app does, assembled for a host. The Electron shell and the web host both build one of
// these; tests build it too. It never imports electron.
import { join } from 'node:path'
import type { EventSink, Handlers } from '../../shared/contract'
import type { AppStatus, Notice, ProviderStatus } from '../../shared/types'
import { ChatService } from './chat/chat-service'
import { createHandlers } from './handlers'
import type { RetryPolicy } from './pipeline/retry'
import { type ConfiguredProvider, providerFromEnvironment } from './providers/environment'
import { ChatStore } from './store/chat-store'
import { type Db, openDatabase } from './store/database'
import { SettingsStore } from './store/settings-store'

export const DATABASE_FILE = 'roundtable.db'

export interface CoreOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  sink: EventSink
  version: string
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

export function createCore(options: CoreOptions): Core {
  const databasePath = join(options.dataDir, DATABASE_FILE)
  // A newer database throws DatabaseTooNewError here; the host shows it and quits.
  const { db, movedAsideTo } = openDatabase(databasePath)
  const store = new ChatStore(db)
  const settings = new SettingsStore(db)
  const interrupted = store.markAbandonedStreams()
  const configured = providerFromEnvironment(options.env)

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
    provider: () => configured,
    ...(options.saveIntervalMs !== undefined && { saveIntervalMs: options.saveIntervalMs }),
    ...(options.emitIntervalMs !== undefined && { emitIntervalMs: options.emitIntervalMs }),
    ...(options.retry !== undefined && { retry: options.retry }),
  })

  const status = (): AppStatus => ({
    version: options.version,
    dataDir: options.dataDir,
    provider: configured ? providerStatus(configured) : null,
    notices,
  })

  let closed = false
  return {
    handlers: createHandlers({ store, chats, status }),
    settings,
    chats,
    db,
    async close() {
      if (closed) return
      closed = true
      await chats.shutdown()
      db.close()
    },
  }
}

function providerStatus(configured: ConfiguredProvider): ProviderStatus {
  return {
    name: configured.provider.name,
    baseURL: configured.provider.baseURL,
    model: configured.model,
    key: configured.apiKeyLastFour
      ? { kind: 'from-environment', lastFour: configured.apiKeyLastFour }
      : { kind: 'not-set' },
  }
}
