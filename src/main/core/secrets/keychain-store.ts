// API keys in the OS keychain through keytar: the macOS Keychain, the Windows Credential Manager, or the
// Secret Service (libsecret over D-Bus) on Linux. The service name is fixed; the account is the
// provider id.
import { createRequire } from 'node:module'
import { checkAccount, checkSecret, describeError, SecretStoreError } from './errors'
import type { KeytarLike, SecretStore } from './types'

export const DEFAULT_SERVICE = 'Roundtable'

/** The account the probe reads; it is never written, so the probe returns no secret. */
export const PROBE_ACCOUNT = '__roundtable_probe__'

export const DEFAULT_PROBE_TIMEOUT_MS = 3000

export class KeychainStore implements SecretStore {
  readonly backend = 'keychain' as const
  readonly #keytar: KeytarLike
  readonly #service: string

  constructor(keytar: KeytarLike, service: string = DEFAULT_SERVICE) {
    if (service.length === 0) throw new TypeError('KeychainStore needs a non-empty service name')
    this.#keytar = keytar
    this.#service = service
  }

  async get(account: string): Promise<string | null> {
    checkAccount(this.backend, account)
    try {
      return (await this.#keytar.getPassword(this.#service, account)) ?? null
    } catch (error) {
      throw this.#failure(account, 'read', error)
    }
  }

  async set(account: string, secret: string): Promise<void> {
    checkAccount(this.backend, account)
    checkSecret(this.backend, account, secret)
    try {
      await this.#keytar.setPassword(this.#service, account, secret)
    } catch (error) {
      throw this.#failure(account, 'save', error, secret)
    }
  }

  async delete(account: string): Promise<void> {
    checkAccount(this.backend, account)
    try {
      // keytar answers false for an account that was not there: nothing to do.
      await this.#keytar.deletePassword(this.#service, account)
    } catch (error) {
      throw this.#failure(account, 'remove', error)
    }
  }

  #failure(account: string, verb: 'read' | 'save' | 'remove', error: unknown, secret?: string) {
    const where = verb === 'save' ? 'to' : 'from'
    return new SecretStoreError(
      'unavailable',
      this.backend,
      account,
      `Could not ${verb} the key for "${account}" ${where} the system keychain: ${describeError(error, secret)}`,
    )
  }
}

export interface KeytarLoad {
  keytar: KeytarLike | null
  /** Why keytar could not be loaded; null when it was. */
  reason: string | null
}

/**
 * Loads keytar's native module. The main process is bundled as ESM with keytar left external, so it is
 * required at run time; a missing or unloadable module (wrong ABI, no libsecret) is an answer, not a crash.
 */
export function tryLoadKeytar(): KeytarLoad {
  let loaded: unknown
  try {
    loaded = createRequire(import.meta.url)('keytar')
  } catch (error) {
    return { keytar: null, reason: `the keytar module could not be loaded: ${describeError(error)}` }
  }
  if (!isKeytarLike(loaded)) {
    return { keytar: null, reason: 'the keytar module loaded but does not look like keytar' }
  }
  return { keytar: loaded, reason: null }
}

function isKeytarLike(value: unknown): value is KeytarLike {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false
  const candidate = value as Record<string, unknown>
  return ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'].every(
    (name) => typeof candidate[name] === 'function',
  )
}

/**
 * Asks the keychain for an account that is never written. Resolves to null when the keychain answered
 * (whatever the answer), else to the reason it could not be used. Never rejects. A call that outlives
 * the timeout is abandoned, not cancelled: keytar offers no way to cancel.
 */
export async function probeKeychain(
  keytar: KeytarLike,
  service: string,
  timeoutMs: number = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
    // A hung keychain must not keep the process alive on its own account.
    timer.unref?.()
  })
  const answered = (async () => {
    try {
      await keytar.getPassword(service, PROBE_ACCOUNT)
      return null
    } catch (error) {
      return keychainUnreachable(describeError(error))
    }
  })()
  try {
    const outcome = await Promise.race([answered, timedOut])
    if (outcome === 'timeout') return `the system keychain did not answer within ${formatDuration(timeoutMs)}`
    return outcome
  } finally {
    clearTimeout(timer)
  }
}

function keychainUnreachable(detail: string): string {
  return process.platform === 'linux'
    ? `no Secret Service on D-Bus: ${detail}`
    : `the system keychain could not be used: ${detail}`
}

function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`
}
