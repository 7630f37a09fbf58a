import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BUILT_IN_PROFILES, type RoutingProfileDraft } from '../../../shared/routing'
import { type Db, openDatabase } from './database'
import { RoutingProfileMissingError, RoutingStore } from './routing-store'

let db: Db | null = null
let dir: string | null = null
afterEach(() => {
  db?.close()
  db = null
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = null
})

function store(): RoutingStore {
  dir = mkdtempSync(join(tmpdir(), 'rt-routing-'))
  db = openDatabase(join(dir, 'roundtable.db')).db
  return new RoutingStore(db)
}

const draft: RoutingProfileDraft = {
  name: 'Mine',
  candidates: [{ providerId: 'p', model: 'm' }],
  weights: { latency: 1, load: 0, cost: 2, quality: 3 },
  fallbacks: [],
  maxFallbacks: 1,
  sticky: true,
  exploration: 0,
}

describe('routing profiles in the data file', () => {
  it('ships Fast, Cheap, Best and Balanced, then keeps one’s own after them, in the order made', () => {
    const profiles = store()
    expect(profiles.list().map((p) => p.name)).toEqual(['Fast', 'Cheap', 'Best', 'Balanced'])
    profiles.save(draft)
    const listed = profiles.save({ ...draft, name: 'Second' })
    expect(listed.map((p) => p.name)).toEqual(['Fast', 'Cheap', 'Best', 'Balanced', 'Mine', 'Second'])
    expect(listed.at(-2)).toMatchObject({ ...draft, builtIn: false })
  })

  it('an edited built-in profile keeps the edit; deleting it puts the shipped one back', () => {
    const profiles = store()
    profiles.save({ ...draft, name: 'Quick' }, 'fast')
    expect(profiles.get('fast')).toMatchObject({ name: 'Quick', builtIn: true })
    expect(profiles.delete('fast')[0]).toEqual(BUILT_IN_PROFILES[0])
  })

  it('refuses to change a profile that is gone, and skips a row that no longer reads as a profile', () => {
    const profiles = store()
    expect(() => profiles.save(draft, 'nope')).toThrow(RoutingProfileMissingError)
    db?.prepare(
      "INSERT INTO routing_profiles (id, body, position, updated_at) VALUES ('bad', '{\"name\":1}', 9, 0)",
    ).run()
    expect(profiles.list().map((p) => p.id)).not.toContain('bad')
  })
})
