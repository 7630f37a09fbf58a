import type { ErrorCode } from '../../shared/errors'
import { english, type Wording, wording } from '../../shared/wording.ts'

/**
 * An error written for the person using the app: its wording crosses to the page, which says it in
 * their language; `message` is the English, for the log and for tests.
 */
export class UserFacingError extends Error {
  readonly code: ErrorCode
  readonly wording: Wording
  constructor(code: ErrorCode, said: Wording | string) {
    const worded = typeof said === 'string' ? wording('plain', { text: said }) : said
    super(english(worded))
    this.name = 'UserFacingError'
    this.code = code
    this.wording = worded
  }
}

/** The same words wherever a chat or provider the page still shows turns out to be gone. */
export const chatGone = () => new UserFacingError('not-found', wording('chatGone'))
export const providerGone = () => new UserFacingError('not-found', wording('providerGone'))
