// Errors cross the boundary as data (`CallFailure`) and become `ApiError` again on the calling side, so
// the renderer can show `message` as is: it is always written for a person.

export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'unknown-call'
  | 'conflict'
  | 'unavailable'
  | 'internal'

export interface CallFailure {
  code: ErrorCode
  message: string
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallFailure }

export class ApiError extends Error {
  readonly code: ErrorCode
  constructor(failure: CallFailure) {
    super(failure.message)
    this.name = 'ApiError'
    this.code = failure.code
  }
}
