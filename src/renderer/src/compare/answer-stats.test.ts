import { describe, expect, it, vi } from 'vitest'
import { chatMessage } from '../../../shared/message-fixture'
import type { ModelInfo } from '../../../shared/providers'
import type { ChatMessage } from '../../../shared/types'
import { answerStats, describeStats } from './answer-stats'

const base: ChatMessage = chatMessage({ id: 'a', slot: 0, model: 'm', createdAt: 1_000, updatedAt: 1_000 })

const priced: ModelInfo = {
  id: 'm',
  displayName: null,
  contextWindow: null,
  maxOutputTokens: null,
  inputPrice: 2.5,
  outputPrice: 10,
  vision: false,
  reasoning: false,
  source: 'manual',
}

describe('answer stats', () => {
  it('shows nothing before the first token', () => {
    expect(describeStats(answerStats(base, priced, 2_000))).toEqual([])
  })

  it('estimates while streaming, and marks the estimate', () => {
    const streaming = { ...base, content: 'x'.repeat(400), firstTokenMs: 500 }
    const stats = answerStats(streaming, undefined, 3_500)
    expect(stats).toMatchObject({ tokens: 100, estimated: true, cost: null })
    expect(stats.tokensPerSecond).toBeCloseTo(50)
    expect(describeStats(stats)).toEqual(['0.5 s', '~50 tok/s', '~100 tokens'])
  })

  it("uses the provider's counts and the model's prices once finished", () => {
    const done = {
      ...base,
      status: 'complete' as const,
      content: 'hello',
      tokensIn: 1_000,
      tokensOut: 1_234,
      firstTokenMs: 800,
      durationMs: 800 + 29_380,
    }
    const stats = answerStats(done, priced, 99_999)
    expect(stats.estimated).toBe(false)
    expect(stats.cost).toBeCloseTo(0.0025 + 0.01234)
    expect(describeStats(stats)).toEqual(['0.8 s', '42 tok/s', '1,234 tokens', '$0.01'])
  })
})
