// How hard the pipeline tries and how long it waits. The attempts and timeouts are settings (see
// settings/app-settings.ts); the rest are fixed here, tuned like openai-node's own retry policy.
import { type Wording, wording } from '../../../shared/wording'

export interface RequestPolicy {
  /** Attempts in all, including the first. */
  maxAttempts: number
  /** Backoff before the second attempt; doubles each time up to maxDelayMs, with full jitter. */
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this is not waited out: the person is told when to come back. */
  maxRetryAfterMs: number
  /** Until the provider answers the request (its response headers). */
  connectTimeoutMs: number
  /** From then until the first token. Reasoning models can think for minutes. */
  firstTokenTimeoutMs: number
  /** Silence between two chunks once the answer has started. */
  idleTimeoutMs: number
  /** One attempt, from sending the request to the answer's end. */
  totalTimeoutMs: number
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  connectTimeoutMs: 30_000,
  firstTokenTimeoutMs: 300_000,
  idleTimeoutMs: 300_000,
  totalTimeoutMs: 1_800_000,
}

/** Exponential backoff with full jitter: anywhere from zero to the doubled ceiling, so clients spread out. */
export function backoffMs(attempt: number, policy: RequestPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(random() * ceiling)
}

/** A wait as a person reads it ("30 s", "3 min"), worded in each language its own way. */
export function durationWording(ms: number): Wording {
  if (ms < 1_000) return wording('durationMs', { n: ms })
  const seconds = Math.round(ms / 1_000)
  if (seconds < 120) return wording('durationS', { n: seconds })
  const minutes = Math.round(seconds / 60)
  if (minutes < 120) return wording('durationMin', { n: minutes })
  return wording('durationH', { n: Math.round(minutes / 60) })
}
