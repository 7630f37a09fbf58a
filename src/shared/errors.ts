// Errors cross the boundary as data (`CallFailure`) and become `ApiError` again on the calling side, so
// the renderer can show it: `wording` in the person's language, `message` in English.
import type { Wording } from './wording'

export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'unknown-call'
  | 'conflict'
  | 'unavailable'
  | 'internal'

export interface CallFailure {
  code: ErrorCode
  /** In English, for logs and for a page older than the wording. */
  message: string
  /** What the page shows, in the person's language. */
  wording?: Wording
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallFailure }

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly wording: Wording | null
  constructor(failure: CallFailure) {
    super(failure.message)
    this.name = 'ApiError'
    this.code = failure.code
    this.wording = failure.wording ?? null
  }
}
