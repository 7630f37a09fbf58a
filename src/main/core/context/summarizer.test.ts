import { describe, expect, it } from 'vitest'
import type { ContextSummary } from '../../../shared/context'
import type { Next, PipelineEvent, PipelineRequest } from '../pipeline/events'
import type { AppSettingsStore } from '../settings/app-settings'
import type { SummaryStore } from '../store/summary-store'
import { type FoldRequest, Summarizer } from './summarizer'
import { TokenCounter } from './token-counter'

/** A word a token: enough to check that a summary is cut to its room. */
const words = (text: string) => (text.trim() ? text.trim().split(/\s+/).length : 0)

function summarizerSaying(answer: string, options: { gate?: Promise<void> } = {}) {
  const asked: PipelineRequest[] = []
  const stored: ContextSummary[] = []
  const pipeline: Next = async function* (request): AsyncGenerator<PipelineEvent> {
    asked.push(request)
    await options.gate
    yield { type: 'delta', text: answer }
  }
  const summaries = {
    add: (summary: Omit<ContextSummary, 'id' | 'createdAt'>) => {
      const saved = { ...summary, id: `s${stored.length + 1}`, createdAt: 0 } as ContextSummary
      stored.push(saved)
      return saved
    },
  } as unknown as SummaryStore
  const summarizer = new Summarizer({
    pipeline: () => pipeline,
    settings: { get: () => ({ summaries: { mode: 'chat-model' } }) } as unknown as AppSettingsStore,
    counter: new TokenCounter(async (_encoding, texts) => texts.map(words)),
    summaries,
    windowOf: () => 16_000,
  })
  return { summarizer, asked, stored }
}

function foldOf(tokens: number): FoldRequest {
  return {
    chatId: 'c1',
    answering: { providerId: 'p', model: 'gpt-4o' },
    previous: null,
    messages: [
      { role: 'user', content: 'Where should we go?' },
      { role: 'assistant', content: 'The mountains.' },
    ],
    sources: ['m1', 'm2'],
    limit: { encoding: 'o200k_base', tokens },
    signal: new AbortController().signal,
  }
}

describe('Summarizer', () => {
  it('cuts a summary longer than its room, at the end of a sentence', async () => {
    const sentence = 'The person plans a trip to the mountains in May with two friends.'
    const { summarizer, stored } = summarizerSaying(Array.from({ length: 40 }, () => sentence).join(' '))
    const summary = await summarizer.fold(foldOf(100))
    expect(words(summary?.content ?? '')).toBeLessThanOrEqual(100)
    expect(words(summary?.content ?? '')).toBeGreaterThan(50)
    expect(summary?.content.endsWith('friends.')).toBe(true)
    expect(stored).toHaveLength(1)
  })

  it('keeps a summary within its room as it came', async () => {
    const { summarizer } = summarizerSaying('A short summary.')
    expect((await summarizer.fold(foldOf(100)))?.content).toBe('A short summary.')
  })

  it('writes one summary at a time for a chat: a second request waits for it, then measures again', async () => {
    let open = () => {}
    const gate = new Promise<void>((resolve) => {
      open = resolve
    })
    const { summarizer, asked, stored } = summarizerSaying('A short summary.', { gate })
    const first = summarizer.fold(foldOf(100))
    const second = summarizer.fold(foldOf(100))
    open()
    expect((await first)?.content).toBe('A short summary.')
    expect(await second).toBeNull()
    expect(asked).toHaveLength(1)
    expect(stored).toHaveLength(1)
    // Once it has finished, the next fold writes again.
    await summarizer.fold(foldOf(100))
    expect(asked).toHaveLength(2)
  })
})
