import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CacheMode } from '../../../../shared/providers'
import { ProviderError } from '../../providers/provider-error'
import type { ChatProvider } from '../../providers/types'
import type { CachedAnswer, CacheSource } from '../../store/response-cache'
import type { PipelineEvent, PipelineRequest } from '../events'
import { request as baseRequest, run, scripted } from '../test-kit'
import { type AnswerCache, cacheApplies, cacheStage } from './cache'

/** A cache in a Map, recording what it was asked. */
function memoryCache() {
  const rows = new Map<string, { source: CacheSource; answer: CachedAnswer }>()
  const cache: AnswerCache & { rows: typeof rows; gets: number; puts: number } = {
    rows,
    gets: 0,
    puts: 0,
    get(key, source) {
      cache.gets += 1
      const row = rows.get(key)
      return row && row.source.model === source.model ? row.answer : null
    },
    put(key, source, answer) {
      cache.puts += 1
      rows.set(key, { source, answer })
    },
  }
  return cache
}

const provider = { id: 'p1', name: 'Fake', baseURL: 'http://127.0.0.1:9/v1' } as ChatProvider
const target = { providerId: 'p1', providerName: 'Fake', model: 'm1', provider }

function request(mode: CacheMode | null, overrides: Partial<PipelineRequest> = {}): PipelineRequest {
  return baseRequest({
    target,
    params: { temperature: 0 },
    ...(mode && { cache: { mode } }),
    ...overrides,
  })
}

const full: PipelineEvent[] = [
  { type: 'connected' },
  { type: 'thinking', text: 'Adding ' },
  { type: 'thinking', text: 'two and two.' },
  { type: 'delta', text: 'It is ' },
  { type: 'delta', text: 'four.' },
  { type: 'usage', usage: { input: 12, output: 3 } },
  { type: 'finish', reason: 'stop' },
]

let cache: ReturnType<typeof memoryCache>
let enabled: boolean
const stage = () => cacheStage({ cache, isEnabled: () => enabled })

beforeEach(() => {
  cache = memoryCache()
  enabled = true
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

afterEach(() => vi.restoreAllMocks())

const contentOf = (events: PipelineEvent[]) =>
  events.map((event) => (event.type === 'delta' || event.type === 'thinking' ? event.text : '')).join('')

describe('cacheStage', () => {
  it('a miss asks downstream, passes every event on, and keeps the whole answer', async () => {
    const { next, calls } = scripted({ events: full })
    const { events, error } = await run(stage()(request('auto'), next))
    expect(error).toBeNull()
    expect(events).toEqual(full)
    expect(calls).toHaveLength(1)
    expect([...cache.rows.values()]).toEqual([
      {
        source: { providerId: 'p1', model: 'm1' },
        answer: {
          text: 'It is four.',
          thinking: 'Adding two and two.',
          tools: [],
          usage: { input: 12, output: 3 },
          finishReason: 'stop',
        },
      },
    ])
  })

  it('a hit sends nothing downstream and replays the answer at once, marked as a hit', async () => {
    await run(stage()(request('auto'), scripted({ events: full }).next))
    const { next, calls } = scripted({ events: full })
    const { events, error } = await run(stage()(request('auto'), next))
    expect(error).toBeNull()
    expect(calls).toHaveLength(0)
    expect(events[0]).toEqual({ type: 'cache-hit' })
    expect(events.map((event) => event.type)).toEqual([
      'cache-hit',
      'first-token',
      'thinking',
      'delta',
      'usage',
      'finish',
    ])
    expect(events.filter((event) => event.type === 'delta')).toEqual([{ type: 'delta', text: 'It is four.' }])
    expect(events.at(-2)).toEqual({ type: 'usage', usage: { input: 12, output: 3 } })
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })

  it('replays the tools the model asked for', async () => {
    const withTool: PipelineEvent[] = [
      { type: 'delta', text: 'Let me look.' },
      { type: 'tool-call', name: 'search' },
      { type: 'finish', reason: 'tool_calls' },
    ]
    await run(stage()(request('auto'), scripted({ events: withTool }).next))
    const { events } = await run(stage()(request('auto'), scripted({ events: full }).next))
    expect(events).toContainEqual({ type: 'tool-call', name: 'search' })
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' })
  })

  it('bypass (Regenerate) asks afresh without looking, and keeps the fresh answer', async () => {
    await run(stage()(request('auto'), scripted({ events: full }).next))
    const gets = cache.gets
    const fresh: PipelineEvent[] = [
      { type: 'delta', text: 'Four.' },
      { type: 'finish', reason: 'stop' },
    ]
    const { next, calls } = scripted({ events: fresh })
    const { events } = await run(stage()(request(null, { cache: { mode: 'auto', bypass: true } }), next))
    expect(calls).toHaveLength(1)
    expect(events).toEqual(fresh)
    expect(cache.gets).toBe(gets)
    const again = await run(stage()(request('auto'), scripted({ events: full }).next))
    expect(contentOf(again.events)).toBe('Four.')
  })

  it('keeps nothing of an answer that failed, even after text', async () => {
    const failure = new ProviderError('truncated', 'The connection dropped.')
    const { next } = scripted({ events: full.slice(0, 4), fail: failure })
    const { error } = await run(stage()(request('auto'), next))
    expect(error).toBe(failure)
    expect(cache.rows.size).toBe(0)
  })

  it('keeps nothing of an answer that ended without its finish', async () => {
    await run(stage()(request('auto'), scripted({ events: full.slice(0, 5) }).next))
    expect(cache.rows.size).toBe(0)
  })

  it('keeps nothing of a stopped answer', async () => {
    const controller = new AbortController()
    const { next } = scripted({ events: full })
    const source = stage()(request('auto', { signal: controller.signal }), next)
    const events: PipelineEvent[] = []
    for await (const event of source) {
      events.push(event)
      if (event.type === 'delta') controller.abort()
    }
    expect(events.at(-1)?.type).toBe('finish')
    expect(cache.rows.size).toBe(0)
  })

  it('keeps nothing when the reader stops early', async () => {
    const { next } = scripted({ events: full })
    for await (const event of stage()(request('auto'), next)) if (event.type === 'delta') break
    expect(cache.rows.size).toBe(0)
  })

  it('keeps nothing of an empty answer', async () => {
    await run(stage()(request('auto'), scripted({ events: [{ type: 'finish', reason: 'stop' }] }).next))
    expect(cache.rows.size).toBe(0)
  })

  it('does not serve an answer of a provider that is turned off (nor keep one)', async () => {
    await run(stage()(request('auto'), scripted({ events: full }).next))
    const gets = cache.gets
    enabled = false
    const { next, calls } = scripted({
      events: [
        { type: 'delta', text: 'Other.' },
        { type: 'finish', reason: 'stop' },
      ],
    })
    const { events } = await run(stage()(request('auto'), next))
    expect(calls).toHaveLength(1)
    expect(events.some((event) => event.type === 'cache-hit')).toBe(false)
    expect(cache.gets).toBe(gets)
    enabled = true
    const again = await run(stage()(request('auto'), scripted({ events: full }).next))
    expect(contentOf(again.events)).toBe('Adding two and two.It is four.')
  })

  it('a cache that cannot be read is a miss, and one that cannot be written fails nothing', async () => {
    const broken: AnswerCache = {
      get: () => {
        throw new Error('SQLITE_IOERR: disk I/O error')
      },
      put: () => {
        throw new Error('SQLITE_FULL: database or disk is full')
      },
    }
    const { next, calls } = scripted({ events: full })
    const { events, error } = await run(
      cacheStage({ cache: broken, isEnabled: () => true })(request('auto'), next),
    )
    expect(error).toBeNull()
    expect(calls).toHaveLength(1)
    expect(events).toEqual(full)
  })

  it('answers of other models, prompts and parameters are not each other’s', async () => {
    await run(stage()(request('always'), scripted({ events: full }).next))
    const others: Partial<PipelineRequest>[] = [
      { target: { ...target, model: 'm2' } },
      { system: 'Be brief.' },
      { params: { temperature: 0, maxTokens: 5 } },
      { messages: [{ role: 'user', content: 'hello' }] },
    ]
    for (const changes of others) {
      const { next, calls } = scripted({ events: full })
      await run(stage()(request('always', changes), next))
      expect(calls).toHaveLength(1)
    }
  })

  it('passes a request with no target straight on', async () => {
    const { next, calls } = scripted({ events: full })
    await run(stage()(request('always', { target: null }), next))
    expect(calls).toHaveLength(1)
    expect(cache.rows.size).toBe(0)
  })
})

describe('cacheApplies', () => {
  const at = (temperature: number | undefined) => (temperature === undefined ? {} : { temperature })
  it.each([
    ['off', 0, 'answer', false],
    ['off', undefined, 'title', false],
    ['auto', 0, 'answer', true],
    ['auto', 0.7, 'answer', false],
    // No temperature: the provider's default, which is not 0.
    ['auto', undefined, 'answer', false],
    ['auto', undefined, 'title', true],
    ['always', 1, 'answer', true],
    ['always', undefined, 'answer', true],
  ] as const)('%s at temperature %s for %s: %s', (mode, temperature, purpose, expected) => {
    expect(cacheApplies(request(mode, { params: at(temperature), purpose }))).toBe(expected)
  })

  it('a request that says nothing about the cache is not cached', () => {
    expect(cacheApplies(request(null))).toBe(false)
  })

  it('Off never looks up nor keeps', async () => {
    const { next, calls } = scripted({ events: full })
    await run(stage()(request('off'), next))
    await run(stage()(request('off'), next))
    expect(calls).toHaveLength(2)
    expect(cache.gets + cache.puts).toBe(0)
  })
})
