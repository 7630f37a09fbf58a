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

/** The same words wherever a chat or provider the page still shows turns out to be gone. */
export const chatGone = () => new UserFacingError('not-found', 'That chat no longer exists.')
export const providerGone = () => new UserFacingError('not-found', 'That provider no longer exists.')
