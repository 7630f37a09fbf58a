// Named sets of models to compare, picked in one click from the composer. A set with the same name
// as an existing one replaces it.
import { randomUUID } from 'node:crypto'
import type { AnswerTarget, ModelSet } from '../../../shared/types'
import type { SettingsStore } from '../store/settings-store'

const KEY = 'compare.modelSets'

export class ModelSets {
  constructor(private readonly settings: SettingsStore) {}

  list(): ModelSet[] {
    const stored = this.settings.get<unknown>(KEY)
    return Array.isArray(stored) ? stored.filter(isModelSet) : []
  }

  save(name: string, targets: AnswerTarget[]): ModelSet[] {
    const sets = this.list()
    const same = sets.find((set) => set.name.toLocaleLowerCase() === name.toLocaleLowerCase())
    const saved: ModelSet = { id: same?.id ?? randomUUID(), name, targets }
    const next = same ? sets.map((set) => (set.id === same.id ? saved : set)) : [...sets, saved]
    this.settings.set(KEY, next)
    return next
  }

  delete(id: string): ModelSet[] {
    const next = this.list().filter((set) => set.id !== id)
    this.settings.set(KEY, next)
    return next
  }
}

function isModelSet(value: unknown): value is ModelSet {
  if (!value || typeof value !== 'object') return false
  const set = value as Partial<ModelSet>
  return (
    typeof set.id === 'string' &&
    typeof set.name === 'string' &&
    Array.isArray(set.targets) &&
    set.targets.every((t) => typeof t?.providerId === 'string' && typeof t?.model === 'string')
  )
}
