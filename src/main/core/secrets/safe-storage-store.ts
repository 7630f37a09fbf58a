// The fallback when no keychain answers: keys encrypted with Electron's safeStorage and kept as
// ciphertext in the `secrets` table. Refused when safeStorage would not really protect them.
import type Database from 'better-sqlite3'
import type { Db } from '../store/database'
import { checkAccount, checkSecret, describeError, SecretStoreError } from './errors'
import type { Encryptor, SecretStore } from './types'

/**
 * Why `encryptor` must not be used to protect keys, or null when it may. Refused when encryption is
 * unavailable, and when Chromium fell back to `basic_text` on Linux: that "encryption" uses a fixed,
 * public password. Other backends (including 'unknown', or none reported off Linux) are accepted.
 */
export function safeStorageRefusal(encryptor: Encryptor | null | undefined): string | null {
  if (!encryptor) return "Electron's safe storage is not available here"
  let available: boolean
  try {
    available = encryptor.isEncryptionAvailable()
  } catch (error) {
    return `Electron's safe storage could not be asked whether it can encrypt: ${describeError(error)}`
  }
  if (!available) return "Electron's safe storage cannot encrypt on this system"
  let storageBackend: string | undefined
  try {
    storageBackend = encryptor.getSelectedStorageBackend?.()
  } catch {
    // Only Linux reports a backend; elsewhere the question may throw, and availability is the answer.
    storageBackend = undefined
  }
  if (storageBackend === 'basic_text') {
    return "Electron's safe storage would only obscure keys with a publicly known password (basic_text)"
  }
  return null
}

interface SecretRow {
  ciphertext: Buffer
}

export class SafeStorageStore implements SecretStore {
  readonly backend = 'safe-storage' as const
  readonly #encryptor: Encryptor
  readonly #now: () => number
  readonly #select: Database.Statement<[string], SecretRow>
  readonly #upsert: Database.Statement<[string, Buffer, number]>
  readonly #remove: Database.Statement<[string]>

  /** Throws when `safeStorageRefusal(encryptor)` refuses it: plain-text keys must never reach SQLite. */
  constructor(db: Db, encryptor: Encryptor, now: () => number = Date.now) {
    const refusal = safeStorageRefusal(encryptor)
    if (refusal !== null) {
      throw new SecretStoreError('unavailable', this.backend, null, `Keys cannot be encrypted: ${refusal}.`)
    }
    this.#encryptor = encryptor
    this.#now = now
    this.#select = db.prepare<[string], SecretRow>('SELECT ciphertext FROM secrets WHERE account = ?')
    this.#upsert = db.prepare<[string, Buffer, number]>(
      `INSERT INTO secrets (account, ciphertext, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (account) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
    )
    this.#remove = db.prepare<[string]>('DELETE FROM secrets WHERE account = ?')
  }

  async get(account: string): Promise<string | null> {
    checkAccount(this.backend, account)
    const row = this.#select.get(account)
    if (!row) return null
    try {
      return this.#encryptor.decryptString(Buffer.from(row.ciphertext))
    } catch (error) {
      throw new SecretStoreError(
        'unavailable',
        this.backend,
        account,
        `The stored key for "${account}" could not be decrypted (${describeError(error)}). ` +
          'It may have been encrypted by another user account or system; enter the key again.',
      )
    }
  }

  async set(account: string, secret: string): Promise<void> {
    checkAccount(this.backend, account)
    checkSecret(this.backend, account, secret)
    let ciphertext: Buffer
    try {
      ciphertext = Buffer.from(this.#encryptor.encryptString(secret))
    } catch (error) {
      throw new SecretStoreError(
        'unavailable',
        this.backend,
        account,
        `The key for "${account}" could not be encrypted: ${describeError(error, secret)}`,
      )
    }
    this.#upsert.run(account, ciphertext, this.#now())
  }

  async delete(account: string): Promise<void> {
    checkAccount(this.backend, account)
    this.#remove.run(account)
  }
}
