import { describe, expect, it } from 'vitest'
import type { WindowFigures } from './rolling-window'
import { type CandidateFigures, scoreCandidates } from './scores'

const window = (figures: Partial<WindowFigures> = {}): WindowFigures => ({
  firstTokenMs: null,
  tokensPerSecond: null,
  successRate: 0.9,
  samples: 0,
  ...figures,
})

const candidate = (model: string, overrides: Partial<CandidateFigures> = {}): CandidateFigures => ({
  providerId: 'p',
  model,
  window: window(),
  inFlight: 0,
  limit: 4,
  estimatedCost: null,
  rating: null,
  comparisons: 0,
  excluded: null,
  ...overrides,
})

const even = { latency: 1, load: 1, cost: 1, quality: 1 }
const latencyOnly = { latency: 1, load: 0, cost: 0, quality: 0 }

describe('scores', () => {
  it('an untried model gets the median latency: it neither wins by default nor comes last', () => {
    const ranked = scoreCandidates(
      [
        candidate('fast', { window: window({ firstTokenMs: 100, tokensPerSecond: 100, samples: 5 }) }),
        candidate('slow', { window: window({ firstTokenMs: 900, tokensPerSecond: 20, samples: 5 }) }),
        candidate('middling', { window: window({ firstTokenMs: 300, tokensPerSecond: 60, samples: 5 }) }),
        candidate('new'),
      ],
      latencyOnly,
    )
    expect(ranked.map((c) => c.model)).toEqual(['fast', 'middling', 'new', 'slow'])
  })

  it('scores load from requests in flight against the limit', () => {
    const [idle, busy] = scoreCandidates([candidate('idle'), candidate('busy', { inFlight: 3, limit: 4 })], {
      latency: 0,
      load: 1,
      cost: 0,
      quality: 0,
    })
    expect(idle?.parts?.load).toBe(1)
    expect(busy?.parts?.load).toBe(0.25)
  })

  it('scores cost as the cheapest over this one, unknown prices at the median', () => {
    const ranked = scoreCandidates(
      [
        candidate('cheap', { estimatedCost: 0.001 }),
        candidate('dear', { estimatedCost: 0.004 }),
        candidate('unpriced'),
      ],
      { latency: 0, load: 0, cost: 1, quality: 0 },
    )
    expect(ranked.map((c) => [c.model, c.parts?.cost])).toEqual([
      ['cheap', 1],
      ['unpriced', 0.4],
      ['dear', 0.25],
    ])
  })

  it('an unrated model has the average quality: 0.5, between winners and losers', () => {
    const ranked = scoreCandidates(
      [candidate('loser', { rating: 1300 }), candidate('unrated'), candidate('winner', { rating: 1700 })],
      { latency: 0, load: 0, cost: 0, quality: 1 },
    )
    expect(ranked.map((c) => c.model)).toEqual(['winner', 'unrated', 'loser'])
    expect(ranked[1]?.parts?.quality).toBe(0.5)
  })

  it('scales the weighted sum by health, so a model that often fails ranks lower', () => {
    const ranked = scoreCandidates(
      [candidate('flaky', { window: window({ successRate: 0.3 }) }), candidate('steady')],
      even,
    )
    expect(ranked.map((c) => c.model)).toEqual(['steady', 'flaky'])
  })

  it('puts excluded candidates last, without scores, and the same figures always give the same order', () => {
    const input = [candidate('out', { excluded: 'breaker' }), candidate('a'), candidate('b')]
    const first = scoreCandidates(input, even)
    expect(first.at(-1)).toMatchObject({ model: 'out', excluded: 'breaker', score: null, parts: null })
    expect(scoreCandidates(input, even)).toEqual(first)
    // Ties keep the profile's order.
    expect(first.slice(0, 2).map((c) => c.model)).toEqual(['a', 'b'])
  })
})
