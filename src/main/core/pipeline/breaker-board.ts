// Every model's breaker, kept in memory, written through to SQLite, and announced when one pauses or
// resumes (the model picker marks paused models).
import type { ModelHealth } from '../../../shared/types'
import { log } from '../log/log'
import type { BreakerKey, BreakerStore } from '../store/breaker-store'
import {
  type Admission,
  admit,
  type BreakerState,
  closedState,
  type Outcome,
  record,
  tryNow,
} from './breaker'

export type { ModelHealth }

export class BreakerBoard {
  private readonly states = new Map<string, { key: BreakerKey; state: BreakerState }>()

  constructor(
    private readonly store: BreakerStore | null,
    private readonly onChange: () => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    for (const saved of store?.all() ?? []) this.states.set(id(saved), { key: saved, state: saved.state })
  }

  admit(key: BreakerKey): Admission {
    const current = this.get(key)
    const { state, admission } = admit(current, this.now())
    if (state !== current) this.set(key, state)
    return admission
  }

  record(key: BreakerKey, outcome: Outcome, probe = false): void {
    const before = this.get(key)
    const after = record(before, outcome, this.now(), probe)
    if (after === before) return
    this.set(key, after)
    if ((before.phase === 'closed') !== (after.phase === 'closed')) this.onChange()
  }

  tryNow(key: BreakerKey): void {
    const before = this.get(key)
    const after = tryNow(before, this.now())
    if (after !== before) this.set(key, after)
  }

  /** Models that are not closed, for the picker. */
  health(): ModelHealth[] {
    return [...this.states.values()]
      .filter(({ state }) => state.phase !== 'closed')
      .map(({ key, state }) => ({
        ...key,
        paused: true,
        retryAt: state.openedAt === null ? null : state.openedAt + state.cooldownMs,
      }))
  }

  /** Whether a request to the model would be refused now, without admitting one (routing asks often). */
  refuses(key: BreakerKey): boolean {
    return !admit(this.get(key), this.now()).admission.ok
  }

  /** Where a model's breaker stands now (for Monitoring). */
  phase(key: BreakerKey): BreakerState['phase'] {
    return this.get(key).phase
  }

  private get(key: BreakerKey): BreakerState {
    return this.states.get(id(key))?.state ?? closedState()
  }

  private set(key: BreakerKey, state: BreakerState): void {
    this.states.set(id(key), { key, state })
    try {
      this.store?.save(key, state)
    } catch (error) {
      // The breaker still works in memory; only its survival across a restart is lost.
      log.error('could not save a circuit breaker state:', error)
    }
  }
}

function id(key: BreakerKey): string {
  return `${key.providerId}\u0000${key.model}`
}
