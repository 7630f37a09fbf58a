// The shapes the secret stores share. API keys live in the OS keychain when one can be reached; these
// interfaces keep the core free of `electron` and of a hard dependency on keytar's native module.
import type { SecretBackend } from '../../../shared/providers'

export type { SecretBackend }

export interface SecretStore {
  readonly backend: SecretBackend
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<void>
}

/** The part of Electron's safeStorage we use. */
export interface Encryptor {
  isEncryptionAvailable(): boolean
  getSelectedStorageBackend?(): string
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

/** The part of keytar we use. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}
