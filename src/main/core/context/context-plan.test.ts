import { describe, expect, it } from 'vitest'
import {
  answerRoomFor,
  type PlanInput,
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

/** A plan for a 1,000-token window by the sliding window, unless told otherwise. */
function plan(input: Partial<PlanInput>) {
  return planContext({
    window: 1_000,
    answerRoom: 250,
    systemTokens: 0,
    messages: turns(5),
    strategy: 'window',
    summary: null,
    ...input,
  })
}

describe('planContext', () => {
  it('sends everything when it fits', () => {
    const planned = plan({ window: 2_000, answerRoom: 500, systemTokens: 50 })
    expect(planned).toMatchObject({ keepFrom: 0, useSummary: false, summarize: null, fits: true })
    expect(planned.inputTokens).toBe(50 + REPLY_PRIMING_TOKENS + 5 * each)
  })

  it('Sliding window: the system prompt and the most recent turns that fit, starting at a question', () => {
    const planned = plan({ systemTokens: 40, messages: turns(21) })
    expect(planned.fits).toBe(true)
    expect(planned.inputTokens).toBeLessThanOrEqual(1_000 - 250)
    // 707 tokens of room hold six messages, from index 15; that one is an answer, so 16 is the first sent.
    expect(planned.keepFrom).toBe(16)
    expect(turns(21)[planned.keepFrom]?.role).toBe('user')
  })

  it('says a last message that cannot fit even alone does not fit', () => {
    const planned = plan({ messages: [...turns(3), { role: 'user', tokens: 5_000 }] })
    expect(planned.fits).toBe(false)
    expect(planned.keepFrom).toBe(3)
  })

  it('never sends a message that was not counted (far older than the window)', () => {
    const messages: PlannedMessage[] = [
      { role: 'user', tokens: null },
      { role: 'assistant', tokens: null },
      ...turns(3),
    ]
    expect(plan({ window: 100_000, answerRoom: 1_000, messages }).keepFrom).toBe(2)
  })

  it('Summarize older messages: what falls out is to be summarized, leaving room to grow', () => {
    const window = 2_000
    const answerRoom = 500
    const planned = plan({ window, answerRoom, messages: turns(31), strategy: 'summarize' })
    expect(planned.summarize).toEqual({ from: 0, to: planned.keepFrom })
    expect(planned.useSummary).toBe(false)
    // The recent turns kept take at most 60% of the room beside the summary's.
    const room = window - answerRoom - REPLY_PRIMING_TOKENS - summaryRoomFor(window, answerRoom)
    expect((31 - planned.keepFrom) * each).toBeLessThanOrEqual(room * 0.6)
    expect(planned.inputTokens).toBeLessThanOrEqual(window - answerRoom)
  })

  it('reuses a stored summary while what follows it fits, and extends it from where it stops', () => {
    const base = { window: 2_000, answerRoom: 500, strategy: 'summarize' as const }
    // A summary ends at an answer (what falls out is cut before a question): 13 is one.
    const reused = plan({ ...base, messages: turns(21), summary: { through: 13, tokens: 200 } })
    expect(reused).toMatchObject({ keepFrom: 14, useSummary: true, summarize: null })

    const reusedLater = plan({ ...base, messages: turns(41), summary: { through: 33, tokens: 200 } })
    expect(reusedLater).toMatchObject({ keepFrom: 34, useSummary: true, summarize: null })
    const grown = plan({ ...base, messages: turns(41), summary: { through: 13, tokens: 200 } })
    expect(grown.useSummary).toBe(true)
    expect(grown.summarize?.from).toBe(14)
    expect(grown.summarize?.to).toBe(grown.keepFrom)
    expect(grown.keepFrom).toBeGreaterThan(14)
    expect(turns(41)[grown.keepFrom]?.role).toBe('user')
  })

  it('a stored summary is not needed by a chat that fits', () => {
    const planned = plan({
      window: 100_000,
      answerRoom: 4_000,
      messages: turns(9),
      strategy: 'summarize',
      summary: { through: 4, tokens: 100 },
    })
    expect(planned).toMatchObject({ keepFrom: 0, useSummary: false, summarize: null })
  })

  it('a stored summary larger than its room is left out rather than overflow the window', () => {
    // 2,000 tokens of room; the summary alone takes 1,900, and the five messages after it 520.
    const planned = plan({
      window: 2_500,
      answerRoom: 500,
      messages: turns(25),
      strategy: 'summarize',
      summary: { through: 19, tokens: 1_900 },
    })
    expect(planned.useSummary).toBe(false)
    expect(planned.summarize).toBeNull()
    expect(planned.inputTokens).toBeLessThanOrEqual(2_000)
    // The sliding window instead: 19 messages fit, from a question.
    expect(planned.keepFrom).toBe(6)
  })

  it('does not summarize for a last message that cannot fit, nor when the summary would crowd it out', () => {
    const tooLong = plan({
      messages: [...turns(9), { role: 'user', tokens: 5_000 }],
      strategy: 'summarize',
    })
    expect(tooLong).toMatchObject({ fits: false, summarize: null, useSummary: false })

    // 750 tokens of room, a summary's room of 150: a 650-token question fits only without a summary.
    const crowded = plan({ messages: [...turns(9), { role: 'user', tokens: 650 }], strategy: 'summarize' })
    expect(crowded).toMatchObject({ fits: true, summarize: null, useSummary: false, keepFrom: 9 })
    expect(crowded.inputTokens).toBeLessThanOrEqual(750)
  })

  it('never plans more than the window holds, whatever the sizes', () => {
    // A small deterministic generator: the same cases every run.
    let seed = 7
    const next = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      // The high bits: an LCG's low bits repeat in short cycles.
      return Math.floor(seed / 65_536) % below
    }
    for (let round = 0; round < 2_000; round += 1) {
      const window = 200 + next(4_000)
      const answerRoom = answerRoomFor(window, next(2) === 0 ? undefined : next(window), null)
      const count = 1 + next(40)
      const messages = Array.from({ length: count }, (_, index) => ({
        role: (count - 1 - index) % 2 === 0 ? ('user' as const) : ('assistant' as const),
        tokens: next(10) === 0 ? 2 + next(3_000) : 2 + next(300),
      }))
      const through = messages.length > 1 ? next(messages.length - 1) : -1
      const input: PlanInput = {
        window,
        answerRoom,
        systemTokens: next(400),
        messages,
        strategy: next(2) === 0 ? 'window' : 'summarize',
        summary: through >= 0 && next(2) === 0 ? { through, tokens: 1 + next(window) } : null,
      }
      const planned = planContext(input)
      const room = window - answerRoom
      const alone =
        input.systemTokens + REPLY_PRIMING_TOKENS + (messages.at(-1)?.tokens ?? 0) + TOKENS_PER_MESSAGE
      if (planned.fits) expect(planned.inputTokens, JSON.stringify(input)).toBeLessThanOrEqual(room)
      else {
        // Too long only when the last message cannot go even alone; then nothing is summarized for it.
        expect(alone, JSON.stringify(input)).toBeGreaterThan(room)
        expect(planned.summarize).toBeNull()
      }
      if (planned.summarize) {
        // The summary to be written is counted at its room, which is what the summarizer cuts it to.
        expect(planned.summarize.to).toBe(planned.keepFrom)
        expect(input.strategy).toBe('summarize')
      }
    }
  })
})

describe('answerRoomFor', () => {
  it("takes the chat's limit up to the window, else the model's up to a quarter of the window", () => {
    expect(answerRoomFor(128_000, 2_000, 16_384)).toBe(2_000)
    expect(answerRoomFor(128_000, undefined, 16_384)).toBe(16_384)
    expect(answerRoomFor(8_000, undefined, 16_384)).toBe(2_000)
    expect(answerRoomFor(128_000, undefined, null)).toBe(4_096)
    expect(answerRoomFor(8_000, 6_000, null)).toBe(6_000)
  })
})
