// Picks where API keys live, in order of preference: the OS keychain (keytar); Electron's safeStorage
// ciphertext in SQLite when no keychain answers; memory for this run only, with a sentence saying so.

import { english, type Wording, wording } from '../../../shared/wording'
import type { Db } from '../store/database'
import {
  DEFAULT_PROBE_TIMEOUT_MS,
  DEFAULT_SERVICE,
  KeychainStore,
  type KeytarLoad,
  probeKeychain,
  tryLoadKeytar,
} from './keychain-store'
import { MemoryStore } from './memory-store'
import { SafeStorageStore, safeStorageRefusal } from './safe-storage-store'
import type { Encryptor, KeytarLike, SecretStore } from './types'

export interface OpenSecretStoreOptions {
  db: Db
  /** undefined: load keytar's native module; null: do not use a keychain. */
  keytar?: KeytarLike | null
  /** Electron's safeStorage, when running under Electron. */
  encryptor?: Encryptor | null
  /** The keychain service name; 'Roundtable' unless testing. */
  service?: string
  probeTimeoutMs?: number
}

export interface OpenedSecretStore {
  store: SecretStore
  /** A sentence to show the person (English), or null when there is nothing to tell. Never contains a secret. */
  warning: string | null
  warningWording?: Wording | null
}

export async function openSecretStore(options: OpenSecretStoreOptions): Promise<OpenedSecretStore> {
  const service = options.service ?? DEFAULT_SERVICE
  const { keytar, reason: loadReason } = resolveKeytar(options.keytar)
  let reason = loadReason
  if (keytar) {
    reason = await probeKeychain(keytar, service, options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS)
    if (reason === null) return { store: new KeychainStore(keytar, service), warning: null }
  }

  const encryptor = options.encryptor ?? null
  const refusal = safeStorageRefusal(encryptor)
  if (encryptor && refusal === null) {
    return {
      store: new SafeStorageStore(options.db, encryptor),
      ...warned(wording('keysEncrypted', { reason: reason ?? '' })),
    }
  }

  return {
    store: new MemoryStore(),
    ...warned(wording('keysInMemory', { reason: reason ?? '', refusal: refusal ?? '' })),
  }
}

function resolveKeytar(keytar: KeytarLike | null | undefined): KeytarLoad {
  if (keytar === null) return { keytar: null, reason: 'no keychain access was configured' }
  if (keytar === undefined) return tryLoadKeytar()
  return { keytar, reason: null }
}

function warned(said: Wording): Pick<OpenedSecretStore, 'warning' | 'warningWording'> {
  return { warning: english(said), warningWording: said }
}
