// Everything the app does, assembled for a host. The Electron shell and the web host both build one of
// these; tests build it too. It never imports electron: what only Electron has (safeStorage) is passed in.
import { join } from 'node:path'
import { callNames, type EventSink, type Handlers } from '../../shared/contract'
import type { Notice, RecoveryResult } from '../../shared/types'
import { english, type Wording, wording } from '../../shared/wording'
import { type AssembledCore, assembleCore } from './assemble-core'
import type { ChatService } from './chat/chat-service'
import type { ExpiryClock } from './chat/temporary-chats'
import { attachLogSink, log } from './log/log'
import { LOG_FOLDER, LogFile } from './log/log-file'
import type { Stage } from './pipeline/events'
import type { RequestPolicy } from './pipeline/policy'
import type { LocalProbeTargets } from './providers/local-detect'
import type { Encryptor, KeytarLike } from './secrets/types'
import { acquireDataLock, type Db } from './store/database'
import { migrations } from './store/migrations'
import { describeRecovery, NothingRecoverableError, recoverFile } from './store/recovery'
import type { SettingsStore } from './store/settings-store'
import { storageWording } from './store/storage-errors'
import type { TraceRecorder } from './traces/trace-recorder'
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
  /** Where to look for Ollama and LM Studio instead of their usual ports (tests; 127.0.0.1 only). */
  localProbes?: Partial<LocalProbeTargets>
  /** Extra pipeline stages, run after the target is chosen (see the README's interceptor example). */
  interceptors?: readonly Stage[]
  /** Auto's random source (exploring a little-known model); seeded in tests. */
  routingRandom?: () => number
  /**
   * The reads worker's script (the built read-worker.js beside the entry, or its .ts source in
   * tests); none: its reads (Monitoring, search, opening chats) run on the main connection.
   */
  readWorker?: URL
  /** How long a new temporary chat lasts, overriding the setting (tests; e2e through the web host). */
  temporaryChatTtlMs?: number
  /** The temporary chats' clock and timer (tests move it instead of waiting). */
  expiryClock?: ExpiryClock
  /** undefined: the log file in `<dataDir>/logs`; null: none (lines still go to stderr). */
  logFile?: LogFile | null
}

export interface Core {
  handlers: Handlers
  settings: SettingsStore
  chats: ChatService
  /** Finished requests' traces, written in batches. */
  traces: TraceRecorder
  db: Db
  /** The background page check of the data file: what it found (empty when sound). */
  pageCheck: Promise<string[]>
  /** Stops every stream (their text is kept, marked interrupted), then closes the database. */
  close(): Promise<void>
}

/**
 * The core a host talks to, for the host's whole life. Its handlers stay the same object while what
 * they reach can be rebuilt: Recover data waits for the calls in flight, closes everything, swaps the
 * file and assembles the core again on the new one. The data folder's lock is held throughout, so no
 * other Roundtable can slip in while the file is being replaced.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const databasePath = join(options.dataDir, DATABASE_FILE)
  const lock = acquireDataLock(databasePath)
  // One log file for the host's whole life, across rebuilds; opened after the lock, so a second
  // Roundtable refused here never writes to the first one's log.
  const logFile =
    options.logFile === undefined ? new LogFile({ dir: join(options.dataDir, LOG_FOLDER) }) : options.logFile
  const detachLog = logFile ? attachLogSink(logFile) : () => {}
  log.info(
    `Roundtable ${options.version} starting on ${process.platform} ${process.arch}, Node ${process.versions.node}`,
  )
  let current: AssembledCore
  let swapping: Promise<RecoveryResult> | null = null
  let closing: Promise<void> | null = null
  let inFlight = 0
  let drained: (() => void) | null = null

  const assemble = (notices: Notice[]) =>
    assembleCore(options, { databasePath, lock, recoverData, notices, secrets: current.secrets, logFile })

  const swap = async (): Promise<RecoveryResult> => {
    if ((await current.pageCheck).length === 0)
      throw new UserFacingError('conflict', wording('nothingToRecover'))
    // Calls already running finish on the old file first.
    if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve))
    await current.close()
    let said: Wording
    try {
      said = describeRecovery(recoverFile(databasePath, migrations, new Date()))
    } catch (error) {
      log.error('recovering the data file failed:', error)
      current = await reopen([])
      throw error instanceof NothingRecoverableError
        ? new UserFacingError('unavailable', wording('recoverNothingRead'))
        : new UserFacingError(
            'unavailable',
            ((reason) => (reason ? wording('recoverFailed', { reason }) : wording('recoverFailedPlain')))(
              storageWording(error),
            ),
          )
    }
    current = await reopen([{ level: 'info', text: english(said), wording: said }])
    return { message: english(said), wording: said }
  }

  /** A new core on the file; if even that fails, one that says so on every call. */
  const reopen = async (notices: Notice[]): Promise<AssembledCore> => {
    try {
      return await assemble(notices)
    } catch (error) {
      log.error('could not reopen the data file:', error)
      return unusableCore(current, error)
    }
  }

  const recoverData = (): Promise<RecoveryResult> => {
    // One recovery at a time: a second request (another tab) shares the first one's outcome.
    swapping ??= swap().finally(() => {
      swapping = null
    })
    return swapping
  }

  current = await assembleCore(options, { databasePath, lock, recoverData, notices: [], logFile }).catch(
    (error) => {
      detachLog()
      lock.release()
      throw error
    },
  )
  const handlers = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (input: never) => {
        if (name === 'recoverData') return recoverData()
        // A call that arrives while the file is being swapped waits for the new core.
        if (swapping) await swapping.catch(() => {})
        inFlight += 1
        try {
          return await (current.handlers[name] as (input: never) => unknown)(input)
        } finally {
          inFlight -= 1
          if (inFlight === 0 && drained) {
            drained()
            drained = null
          }
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
    get traces() {
      return current.traces
    },
    get db() {
      return current.db
    },
    get pageCheck() {
      return current.pageCheck
    },
    close() {
      closing ??= (async () => {
        await swapping?.catch(() => {})
        await current.close()
        detachLog()
        lock.release()
      })()
      return closing
    },
  }
}

/** What the host is left with when the data file cannot be reopened: every call says why. */
function unusableCore(previous: AssembledCore, error: unknown): AssembledCore {
  const reason = error instanceof Error ? error.message : String(error)
  const refuse = () => {
    throw new UserFacingError('unavailable', wording('reopenFailed', { reason }))
  }
  const handlers = Object.fromEntries(callNames.map((name) => [name, refuse])) as unknown as Handlers
  return { ...previous, handlers, pageCheck: Promise.resolve([]), close: async () => {} }
}
