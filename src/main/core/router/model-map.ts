// A map keyed by provider and model without building a key string: a fresh string must be hashed on
// every lookup, which at 50 candidates costs more than all the scoring. The ids themselves are reused
// strings whose hashes are kept.
import type { AnswerTarget } from '../../../shared/types'

type Target = Pick<AnswerTarget, 'providerId' | 'model'>

export class ModelMap<V> {
  private readonly byProvider = new Map<string, Map<string, V>>()

  static of<V>(entries: Iterable<readonly [Target, V]>): ModelMap<V> {
    const map = new ModelMap<V>()
    for (const [target, value] of entries) map.set(target, value)
    return map
  }

  get(target: Target): V | undefined {
    return this.byProvider.get(target.providerId)?.get(target.model)
  }

  has(target: Target): boolean {
    return this.byProvider.get(target.providerId)?.has(target.model) ?? false
  }

  set(target: Target, value: V): this {
    let models = this.byProvider.get(target.providerId)
    if (!models) {
      models = new Map()
      this.byProvider.set(target.providerId, models)
    }
    models.set(target.model, value)
    return this
  }
}
