// Errors from the secret stores. Their messages are written for a person and never carry a secret: any
// text that came from below (keytar, libsecret, safeStorage) is cut to one short line and has the secret
// being handled, if any, blanked out before it is used.
import type { ErrorCode } from '../../../shared/errors'
import { UserFacingError } from '../user-facing-error'
import type { SecretBackend } from './types'

export class SecretStoreError extends UserFacingError {
  readonly backend: SecretBackend
  readonly account: string | null

  constructor(code: ErrorCode, backend: SecretBackend, account: string | null, message: string) {
    super(code, message)
    this.name = 'SecretStoreError'
    this.backend = backend
    this.account = account
  }
}

const MAX_DETAIL_LENGTH = 200

/** Rejects what is not a non-empty string. Nothing is trimmed: callers trim. */
export function checkAccount(backend: SecretBackend, account: unknown): asserts account is string {
  if (typeof account !== 'string' || account.length === 0) {
    throw new SecretStoreError('invalid-input', backend, null, 'A key needs a provider to be stored under.')
  }
}

/** Rejects a secret that is not a non-empty string; an empty key is removed with `delete`, not stored. */
export function checkSecret(
  backend: SecretBackend,
  account: string,
  secret: unknown,
): asserts secret is string {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new SecretStoreError(
      'invalid-input',
      backend,
      account,
      `The key for "${account}" is empty; remove it instead of storing an empty key.`,
    )
  }
}

/**
 * One short line describing `error`, safe to show: the first line of its message, whitespace collapsed,
 * `secret` (when given) replaced, and cut to a few hundred characters.
 */
export function describeError(error: unknown, secret?: string): string {
  let text: string
  if (error instanceof Error) text = error.message
  else if (typeof error === 'string') text = error
  else text = 'unknown error'
  if (secret) text = text.split(secret).join('[redacted]')
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const collapsed = firstLine.replace(/\s+/g, ' ').trim()
  if (collapsed.length === 0) return 'unknown error'
  return collapsed.length > MAX_DETAIL_LENGTH ? `${collapsed.slice(0, MAX_DETAIL_LENGTH - 1)}…` : collapsed
}
