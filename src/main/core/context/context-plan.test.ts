import { describe, expect, it } from 'vitest'
import {
  answerRoomFor,
  type PlannedMessage,
  planContext,
  REPLY_PRIMING_TOKENS,
  summaryRoomFor,
  TOKENS_PER_MESSAGE,
} from './context-plan'

/** Alternating question and answer, `tokens` each, the last a question. */
function turns(count: number, tokens = 100): PlannedMessage[] {
  return Array.from({ length: count }, (_, index) => ({
    role: (count - 1 - index) % 2 === 0 ? 'user' : 'assistant',
    tokens,
  }))
}

const each = 100 + TOKENS_PER_MESSAGE

describe('planContext', () => {
  it('sends everything when it fits', () => {
    const plan = planContext({
      window: 2_000,
      answerRoom: 500,
      systemTokens: 50,
      messages: turns(5),
      strategy: 'window',
      summary: null,
    })
    expect(plan).toMatchObject({ keepFrom: 0, useSummary: false, summarize: null, fits: true })
    expect(plan.inputTokens).toBe(50 + REPLY_PRIMING_TOKENS + 5 * each)
  })

  it('Sliding window: the system prompt and the most recent turns that fit, starting at a question', () => {
    const window = 1_000
    const answerRoom = 250
    const plan = planContext({
      window,
      answerRoom,
      systemTokens: 40,
      messages: turns(21),
      strategy: 'window',
      summary: null,
    })
    expect(plan.fits).toBe(true)
    expect(plan.inputTokens).toBeLessThanOrEqual(window - answerRoom)
    // 707 tokens of room: six messages fit, and the first sent is a question (index 14 is an answer).
    expect(plan.keepFrom).toBe(16)
    expect(turns(21)[plan.keepFrom]?.role).toBe('user')
  })

  it('says a last message that cannot fit even alone does not fit', () => {
    const messages: PlannedMessage[] = [...turns(3), { role: 'user', tokens: 5_000 }]
    const plan = planContext({
      window: 1_000,
      answerRoom: 250,
      systemTokens: 0,
      messages,
      strategy: 'window',
      summary: null,
    })
    expect(plan.fits).toBe(false)
    expect(plan.keepFrom).toBe(3)
  })

  it('never sends a message that was not counted (far older than the window)', () => {
    const messages: PlannedMessage[] = [
      { role: 'user', tokens: null },
      { role: 'assistant', tokens: null },
      ...turns(3),
    ]
    const plan = planContext({
      window: 100_000,
      answerRoom: 1_000,
      systemTokens: 0,
      messages,
      strategy: 'window',
      summary: null,
    })
    expect(plan.keepFrom).toBe(2)
  })

  it('Summarize older messages: what falls out is to be summarized, leaving room to grow', () => {
    const window = 2_000
    const answerRoom = 500
    const plan = planContext({
      window,
      answerRoom,
      systemTokens: 0,
      messages: turns(31),
      strategy: 'summarize',
      summary: null,
    })
    expect(plan.summarize).toEqual({ from: 0, to: plan.keepFrom })
    expect(plan.useSummary).toBe(false)
    // The recent turns kept take at most 60% of the room beside the summary's.
    const room = window - answerRoom - REPLY_PRIMING_TOKENS - summaryRoomFor(window, answerRoom)
    expect((31 - plan.keepFrom) * each).toBeLessThanOrEqual(room * 0.6)
    expect(plan.inputTokens).toBeLessThanOrEqual(window - answerRoom)
  })

  it('reuses a stored summary while what follows it fits, and extends it from where it stops', () => {
    const base = { window: 2_000, answerRoom: 500, systemTokens: 0, strategy: 'summarize' as const }
    // A summary ends at an answer (what falls out is cut before a question): 13 is one.
    const reused = planContext({ ...base, messages: turns(21), summary: { through: 13, tokens: 200 } })
    expect(reused).toMatchObject({ keepFrom: 14, useSummary: true, summarize: null })

    const extended = planContext({ ...base, messages: turns(41), summary: { through: 33, tokens: 200 } })
    expect(extended).toMatchObject({ keepFrom: 34, useSummary: true, summarize: null })
    const grown = planContext({ ...base, messages: turns(41), summary: { through: 13, tokens: 200 } })
    expect(grown.useSummary).toBe(true)
    expect(grown.summarize?.from).toBe(14)
    expect(grown.summarize?.to).toBe(grown.keepFrom)
    expect(grown.keepFrom).toBeGreaterThan(14)
    expect(turns(41)[grown.keepFrom]?.role).toBe('user')
  })

  it('a stored summary is not needed by a chat that fits', () => {
    const plan = planContext({
      window: 100_000,
      answerRoom: 4_000,
      systemTokens: 0,
      messages: turns(9),
      strategy: 'summarize',
      summary: { through: 4, tokens: 100 },
    })
    expect(plan).toMatchObject({ keepFrom: 0, useSummary: false, summarize: null })
  })
})

describe('answerRoomFor', () => {
  it("takes the chat's limit, else the model's, never more than a quarter of the window", () => {
    expect(answerRoomFor(128_000, 2_000, 16_384)).toBe(2_000)
    expect(answerRoomFor(128_000, undefined, 16_384)).toBe(16_384)
    expect(answerRoomFor(8_000, undefined, 16_384)).toBe(2_000)
    expect(answerRoomFor(128_000, undefined, null)).toBe(4_096)
  })
})
