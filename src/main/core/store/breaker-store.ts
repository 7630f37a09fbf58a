// Circuit breaker states, kept so a paused model stays paused across a restart.
import { type BreakerState, closedState } from '../pipeline/breaker'
import type { Db } from './database'
import { parseJsonObject } from './json-column'

export interface BreakerKey {
  providerId: string
  model: string
}

export class BreakerStore {
  private readonly statements

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      remove: db.prepare('DELETE FROM breakers WHERE provider_id = ? AND model = ?'),
      upsert: db.prepare(
        `INSERT INTO breakers (provider_id, model, state, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (provider_id, model) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ),
    }
  }

  all(): Array<BreakerKey & { state: BreakerState }> {
    return this.db
      .prepare<[], { provider_id: string; model: string; state: string }>(
        'SELECT provider_id, model, state FROM breakers',
      )
      .all()
      .map((row) => ({
        providerId: row.provider_id,
        model: row.model,
        state: { ...closedState(), ...parseJsonObject(row.state) },
      }))
  }

  save(key: BreakerKey, state: BreakerState): void {
    if (state.phase === 'closed' && state.consecutive === 0 && state.recent.every((failed) => !failed)) {
      this.db
        .prepare('DELETE FROM breakers WHERE provider_id = ? AND model = ?')
        .run(key.providerId, key.model)
      return
    }
    // A probe in flight is not something a restart can resume.
    const stored = { ...state, probing: false }
    this.statements.upsert.run(key.providerId, key.model, JSON.stringify(stored), this.now())
  }
}
