import type { ErrorCode } from '../../shared/errors'

/** An error whose message is written for the person using the app and is safe to show as is. */
export class UserFacingError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'UserFacingError'
    this.code = code
  }
}
