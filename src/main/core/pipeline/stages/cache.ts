// The response cache as a stage: after the target is chosen (the key needs provider and model) and
// before the breaker and the queue, so a hit sends nothing and waits for nothing. A hit replays the
// kept answer as the pipeline's events; a miss passes through and keeps the answer if it ended cleanly.
import { cacheKey } from '../../cache/cache-key'
import { log } from '../../log/log'
import { stopped } from '../../providers/provider-error'
import type { TokenUsage } from '../../providers/types'
import type { CachedAnswer, CacheSource } from '../../store/response-cache'
import type { PipelineEvent, PipelineRequest, Stage } from '../events'

/** What the stage needs of the cache store (store/response-cache.ts). */
export interface AnswerCache {
  get(key: string, source: CacheSource): CachedAnswer | null
  /** `chatId`: the chat whose request wrote it (the entry is deleted with that chat). */
  put(key: string, source: CacheSource, answer: CachedAnswer, chatId: string | null): unknown
}

export interface CacheStageDeps {
  cache: AnswerCache
  /** Whether a provider is turned on in Settings: a kept answer of one turned off is not served. */
  isEnabled: (providerId: string) => boolean
  now?: () => number
}

/**
 * Whether the cache may answer, and keep the answer: never under Off, always under Always; under Auto
 * (the default) for deterministic requests (temperature 0) and the app's own (titles). A request that
 * says nothing about the cache is not cached.
 */
export function cacheApplies(request: PipelineRequest): boolean {
  switch (request.cache?.mode) {
    case 'always':
      return true
    case 'auto':
      return request.purpose === 'title' || request.params.temperature === 0
    default:
      return false
  }
}

export function cacheStage(deps: CacheStageDeps): Stage {
  const now = deps.now ?? (() => performance.now())
  return async function* cache(request, next) {
    const target = request.target
    if (!target || !cacheApplies(request)) {
      yield* next(request)
      return
    }
    const source: CacheSource = { providerId: target.providerId, model: target.model }
    const enabled = deps.isEnabled(target.providerId)
    const key = cacheKey({
      providerId: target.providerId,
      baseURL: target.provider.baseURL,
      model: target.model,
      system: request.system,
      messages: request.messages,
      params: request.params,
    })
    if (enabled && !request.cache?.bypass) {
      const started = now()
      const kept = guarded('read', () => deps.cache.get(key, source))
      if (kept) {
        if (request.signal.aborted) throw stopped()
        yield* replay(kept, now() - started)
        return
      }
    }

    const answer = { text: '', thinking: '', tools: [] as string[] }
    let usage: TokenUsage | null = null
    let finishReason: string | null = null
    for await (const event of next(request)) {
      switch (event.type) {
        case 'delta':
          answer.text += event.text
          break
        case 'thinking':
          answer.thinking += event.text
          break
        case 'tool-call':
          if (!answer.tools.includes(event.name)) answer.tools.push(event.name)
          break
        case 'usage':
          usage = event.usage
          break
        case 'finish':
          finishReason = event.reason
          break
      }
      yield event
    }
    // Only a whole answer is kept: it ended with its finish (a failure throws past this line, and a
    // consumer that stops reading never gets here), was not stopped, and said something.
    const said = answer.text.length > 0 || answer.thinking.length > 0 || answer.tools.length > 0
    if (!enabled || finishReason === null || request.signal.aborted || !said) return
    const finish = finishReason
    guarded('write', () =>
      deps.cache.put(key, source, { ...answer, usage, finishReason: finish }, request.chatId || null),
    )
  }
}

/** The kept answer as the events a provider would have sent, all at once. */
function* replay(kept: CachedAnswer, afterMs: number): Generator<PipelineEvent> {
  yield { type: 'cache-hit' }
  yield { type: 'first-token', afterMs }
  if (kept.thinking) yield { type: 'thinking', text: kept.thinking }
  if (kept.text) yield { type: 'delta', text: kept.text }
  for (const name of kept.tools) yield { type: 'tool-call', name }
  if (kept.usage) yield { type: 'usage', usage: kept.usage }
  yield { type: 'finish', reason: kept.finishReason }
}

/** The cache helps; it never fails an answer. A read that fails is a miss, a write that fails is skipped. */
function guarded<T>(what: 'read' | 'write', work: () => T): T | null {
  try {
    return work()
  } catch (error) {
    log.warn(`the response cache could not ${what}:`, (error as Error).message)
    return null
  }
}
