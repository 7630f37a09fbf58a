// The routing profiles: the built-in ones (from code, until the person edits one) and the person's own,
// in the order they were made. What is read back is checked again, so a hand-edited row cannot reach
// the router malformed: it is skipped.
import { randomUUID } from 'node:crypto'
import {
  BUILT_IN_PROFILES,
  type RoutingProfile,
  type RoutingProfileDraft,
  routingProfileSchema,
} from '../../../shared/routing'
import { log } from '../log/log'
import type { Db } from './database'
import { parseJsonObject } from './json-column'

export class RoutingStore {
  private readonly sql

  constructor(db: Db) {
    this.sql = {
      all: db.prepare<[], { id: string; body: string }>(
        'SELECT id, body FROM routing_profiles ORDER BY position, rowid',
      ),
      upsert: db.prepare<[string, string, number]>(
        `INSERT INTO routing_profiles (id, body, position, updated_at) VALUES (?, ?, ?, unixepoch() * 1000)
         ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      ),
      delete: db.prepare<[string]>('DELETE FROM routing_profiles WHERE id = ?'),
      nextPosition: db.prepare<[], { next: number }>(
        'SELECT coalesce(max(position), 0) + 1 AS next FROM routing_profiles',
      ),
    }
  }

  list(): RoutingProfile[] {
    const stored = new Map<string, RoutingProfile>()
    for (const row of this.sql.all.all()) {
      const parsed = routingProfileSchema.safeParse({ ...parseJsonObject(row.body), id: row.id })
      if (parsed.success) stored.set(row.id, parsed.data)
      else log.warn(`routing profile ${row.id} could not be read; it is skipped`)
    }
    const builtIn = BUILT_IN_PROFILES.map((profile) => stored.get(profile.id) ?? profile)
    const own = [...stored.values()].filter((profile) => !profile.builtIn)
    return [...builtIn, ...own]
  }

  get(id: string): RoutingProfile | null {
    return this.list().find((profile) => profile.id === id) ?? null
  }

  /** Saves a new profile (no id) or replaces one; returns every profile. */
  save(draft: RoutingProfileDraft, id?: string): RoutingProfile[] {
    const existing = id ? this.get(id) : null
    if (id && !existing) throw new RoutingProfileMissingError()
    const profile: RoutingProfile = {
      ...draft,
      id: existing?.id ?? randomUUID(),
      builtIn: existing?.builtIn ?? false,
    }
    const { id: key, ...body } = profile
    this.sql.upsert.run(key, JSON.stringify(body), this.sql.nextPosition.get()?.next ?? 1)
    return this.list()
  }

  /** A built-in profile goes back to how it shipped; one's own is removed. */
  delete(id: string): RoutingProfile[] {
    this.sql.delete.run(id)
    return this.list()
  }
}

export class RoutingProfileMissingError extends Error {
  constructor() {
    super('That routing profile was removed.')
  }
}
