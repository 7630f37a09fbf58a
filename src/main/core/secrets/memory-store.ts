// The last resort: keys held in this process only, gone when Roundtable closes. The person must be told
// (openSecretStore returns the sentence to show).
import { checkAccount, checkSecret } from './errors'
import type { SecretStore } from './types'

export class MemoryStore implements SecretStore {
  readonly backend = 'memory' as const
  // A private field, so that inspecting or logging the store shows no keys.
  readonly #secrets = new Map<string, string>()

  async get(account: string): Promise<string | null> {
    checkAccount(this.backend, account)
    return this.#secrets.get(account) ?? null
  }

  async set(account: string, secret: string): Promise<void> {
    checkAccount(this.backend, account)
    checkSecret(this.backend, account, secret)
    this.#secrets.set(account, secret)
  }

  async delete(account: string): Promise<void> {
    checkAccount(this.backend, account)
    this.#secrets.delete(account)
  }
}
