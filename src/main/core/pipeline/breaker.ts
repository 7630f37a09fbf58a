// One circuit breaker per provider and model. It opens after 5 failures in a row, or when half of the
// last 20 requests failed (once there are at least 10); stays open for a cooldown (30 s, doubling up to
// 5 min while probes keep failing); then lets one probe through (half-open), which closes it on
// success. "Try now" lets a probe through at once. The state is plain data so it survives restarts.
//
// Our own rather than cockatiel's: cockatiel wraps one promise-returning call, while a stream's outcome
// is known only at its end, and a pause must be restorable from disk and probed on request.

export type BreakerPhase = 'closed' | 'open' | 'half-open'

export interface BreakerState {
  phase: BreakerPhase
  /** Failures in a row. */
  consecutive: number
  /** The last outcomes, newest last: true for a failure. */
  recent: boolean[]
  /** When it last opened (epoch ms), and for how long. */
  openedAt: number | null
  cooldownMs: number
  /** A probe is in flight while half-open: others are still refused. */
  probing: boolean
}

export const BREAKER_RULES = {
  consecutiveFailures: 5,
  window: 20,
  minimumInWindow: 10,
  failureRate: 0.5,
  firstCooldownMs: 30_000,
  maxCooldownMs: 300_000,
} as const

export function closedState(): BreakerState {
  return {
    phase: 'closed',
    consecutive: 0,
    recent: [],
    openedAt: null,
    cooldownMs: BREAKER_RULES.firstCooldownMs,
    probing: false,
  }
}

/** A refusal says when the model is tried again, or null while a probe is already testing it. */
export type Admission = { ok: true; probe: boolean } | { ok: false; retryAt: number | null }

/** Whether a request may go now. A probe is admitted (and marked in flight) once the cooldown is over. */
export function admit(state: BreakerState, now: number): { state: BreakerState; admission: Admission } {
  if (state.phase === 'closed') return { state, admission: { ok: true, probe: false } }
  const retryAt = (state.openedAt ?? now) + state.cooldownMs
  if (state.phase === 'open' && now < retryAt) return { state, admission: { ok: false, retryAt } }
  if (state.probing) return { state, admission: { ok: false, retryAt: null } }
  return { state: { ...state, phase: 'half-open', probing: true }, admission: { ok: true, probe: true } }
}

export type Outcome = 'success' | 'failure' | 'neutral'

/**
 * The state after a request's outcome. While the breaker is not closed only the probe's outcome
 * counts: a request admitted before it opened and ending late changes nothing. A neutral outcome
 * (a Stop, a 400) only frees the probe's slot.
 */
export function record(state: BreakerState, outcome: Outcome, now: number, probe = false): BreakerState {
  if (state.phase !== 'closed' && !probe) return state
  if (outcome === 'neutral') return state.probing ? { ...state, probing: false } : state
  if (state.phase === 'half-open') {
    if (outcome === 'success') return closedState()
    return {
      ...state,
      phase: 'open',
      openedAt: now,
      cooldownMs: Math.min(BREAKER_RULES.maxCooldownMs, state.cooldownMs * 2),
      probing: false,
      consecutive: state.consecutive + 1,
    }
  }
  const failed = outcome === 'failure'
  // The common case, a success with no failure in sight, changes nothing worth keeping.
  if (!failed && state.phase === 'closed' && state.consecutive === 0 && !state.recent.includes(true))
    return state
  const recent = [...state.recent, failed].slice(-BREAKER_RULES.window)
  const consecutive = failed ? state.consecutive + 1 : 0
  const failures = recent.filter(Boolean).length
  const tooMany =
    consecutive >= BREAKER_RULES.consecutiveFailures ||
    (recent.length >= BREAKER_RULES.minimumInWindow && failures / recent.length >= BREAKER_RULES.failureRate)
  if (state.phase === 'closed' && failed && tooMany) {
    return {
      ...state,
      phase: 'open',
      recent,
      consecutive,
      openedAt: now,
      cooldownMs: BREAKER_RULES.firstCooldownMs,
    }
  }
  return { ...state, recent, consecutive }
}

/** "Try now": the cooldown is over as of this moment; the next request is the probe (one at a time). */
export function tryNow(state: BreakerState, now: number): BreakerState {
  if (state.phase === 'closed' || state.probing) return state
  return { ...state, phase: 'open', openedAt: now - state.cooldownMs, probing: false }
}
