import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Comparison, fitBradleyTerry, type Standing } from './bradley-terry'

const POINTS_PER_UNIT = 400 / Math.LN10
/** Weak enough that the data decide, strong enough to keep the fit well-posed. */
const WEAK = { priorSd: 10_000 }

function games(winner: string, loser: string, count: number): Comparison[] {
  return Array.from({ length: count }, () => ({ winner, loser }))
}

function byModel(standings: Standing[]): Record<string, Standing> {
  return Object.fromEntries(standings.map((s) => [s.model, s]))
}

function standingOf(standings: Standing[], model: string): Standing {
  const standing = standings.find((s) => s.model === model)
  if (!standing) throw new Error(`no standing for ${model}`)
  return standing
}

function halfWidth(s: Standing): number {
  return (s.high - s.low) / 2
}

function pWins(a: Standing, b: Standing): number {
  return 1 / (1 + 10 ** ((b.rating - a.rating) / 400))
}

/**
 * At the maximum of the penalised likelihood every model's observed minus expected wins equals
 * theta / sd² (the prior's pull). Returns, per model, how far the fit is from that, in units of wins.
 */
function optimalityGaps(standings: Standing[], comparisons: Comparison[], priorSd: number): number[] {
  return standings.map((s) => {
    let surplus = 0
    for (const c of comparisons) {
      if (c.winner === c.loser) continue
      const weight = c.weight ?? 1
      if (c.winner === s.model) surplus += weight * (1 - pWins(s, standingOf(standings, c.loser)))
      if (c.loser === s.model) surplus -= weight * pWins(s, standingOf(standings, c.winner))
    }
    const theta = (s.rating - 1500) / POINTS_PER_UNIT
    return surplus - theta * (POINTS_PER_UNIT / priorSd) ** 2
  })
}

describe('fitBradleyTerry', () => {
  it('returns nothing for no comparisons and no models', () => {
    expect(fitBradleyTerry([])).toEqual([])
  })

  it("gives models without comparisons 1500 and the prior's interval, ordered by name on a tie", () => {
    expect(fitBradleyTerry([], { models: ['b', 'a', 'b'] })).toEqual([
      { model: 'a', rating: 1500, low: 1500 - 1.96 * 350, high: 1500 + 1.96 * 350, wins: 0, losses: 0 },
      { model: 'b', rating: 1500, low: 1500 - 1.96 * 350, high: 1500 + 1.96 * 350, wins: 0, losses: 0 },
    ])
    const [alone] = fitBradleyTerry([], { models: ['x'], priorSd: 100 })
    expect(alone?.low).toBeCloseTo(1500 - 196, 9)
    expect(alone?.high).toBeCloseTo(1500 + 196, 9)
  })

  it('leaves an unplayed model at the prior even when others have played', () => {
    const { z } = byModel(fitBradleyTerry(games('a', 'b', 7), { models: ['z'] }))
    expect(z?.rating).toBeCloseTo(1500, 9)
    expect(z && halfWidth(z)).toBeCloseTo(1.96 * 350, 9)
  })

  it('puts a model that won 30 of 40 ahead by about the log-odds of its record', () => {
    const comparisons = [...games('a', 'b', 30), ...games('b', 'a', 10)]
    const weak = fitBradleyTerry(comparisons, WEAK)
    expect(weak.map((s) => s.model)).toEqual(['a', 'b'])
    const { a, b } = byModel(weak)
    expect(a?.wins).toBe(30)
    expect(a?.losses).toBe(10)
    expect(b?.wins).toBe(10)
    expect(b?.losses).toBe(30)
    const expectedGap = 400 * Math.log10(30 / 10)
    expect((a?.rating ?? 0) - (b?.rating ?? 0)).toBeCloseTo(expectedGap, 0)

    // The default prior shrinks the gap toward zero, but 40 games still outweigh it.
    const shrunk = byModel(fitBradleyTerry(comparisons))
    const shrunkGap = (shrunk.a?.rating ?? 0) - (shrunk.b?.rating ?? 0)
    expect(shrunkGap).toBeGreaterThan(0.9 * expectedGap)
    expect(shrunkGap).toBeLessThan(expectedGap)
  })

  it('gives symmetric records equal ratings at the average', () => {
    const standings = fitBradleyTerry([...games('a', 'b', 12), ...games('b', 'a', 12)])
    for (const s of standings) expect(s.rating).toBeCloseTo(1500, 9)
    const [first, second] = standings
    expect(first && second && halfWidth(first) - halfWidth(second)).toBeCloseTo(0, 9)
  })

  it('keeps a model that never lost finite, with a wider interval than one with many games', () => {
    const standings = byModel(
      fitBradleyTerry([...games('x', 'y', 5), ...games('p', 'q', 100), ...games('q', 'p', 100)]),
    )
    const { x, p } = standings
    expect(Number.isFinite(x?.rating)).toBe(true)
    expect(x?.rating).toBeGreaterThan(1500)
    expect(x && p && halfWidth(x)).toBeGreaterThan((p && halfWidth(p)) ?? Number.POSITIVE_INFINITY)
  })

  it('keeps an unbeaten record finite even under a very weak prior', () => {
    const { x, y } = byModel(fitBradleyTerry(games('x', 'y', 50), { priorSd: 1e6 }))
    expect(Number.isFinite(x?.rating)).toBe(true)
    expect(Number.isFinite(x?.high)).toBe(true)
    expect(x?.rating).toBeGreaterThan(y?.rating ?? Number.POSITIVE_INFINITY)
  })

  it('narrows the interval as comparisons accumulate', () => {
    const few = byModel(fitBradleyTerry([...games('a', 'b', 3), ...games('b', 'a', 1)]))
    const many = byModel(fitBradleyTerry([...games('a', 'b', 30), ...games('b', 'a', 10)]))
    expect(many.a && halfWidth(many.a)).toBeLessThan((few.a && halfWidth(few.a)) ?? 0)
    expect(many.b && halfWidth(many.b)).toBeLessThan((few.b && halfWidth(few.b)) ?? 0)
  })

  it('matches the closed-form interval for two models', () => {
    // With two models the inverse of the negative Hessian is known exactly: along a+b only the prior
    // speaks (precision c), along a−b the games add 2·n·p·(1−p). Each diagonal entry averages the two.
    // The interval is read against the average, so the prior's share of it, 1/(2c), comes off: what is
    // left is the variance of (a−b)/2 alone.
    const priorSd = 200
    const standings = fitBradleyTerry([...games('a', 'b', 9), ...games('b', 'a', 4)], { priorSd })
    const { a, b } = byModel(standings)
    if (!a || !b) throw new Error('missing standings')
    const p = pWins(a, b)
    const c = (POINTS_PER_UNIT / priorSd) ** 2
    const diagonal = (1 / c + 1 / (2 * 13 * p * (1 - p) + c)) / 2
    const variance = diagonal - 1 / (2 * c)
    expect(variance).toBeCloseTo(1 / (2 * (2 * 13 * p * (1 - p) + c)), 12)
    expect(halfWidth(a)).toBeCloseTo(1.96 * Math.sqrt(variance) * POINTS_PER_UNIT, 6)
    expect(halfWidth(b)).toBeCloseTo(halfWidth(a), 9)
  })

  it('matches an interval worked out by hand for three models that all met', () => {
    // A triangle, so the off-diagonal terms of the Hessian matter (in a chain their sign would not).
    const priorSd = 300
    const comparisons = [
      ...games('a', 'b', 6),
      ...games('b', 'a', 2),
      ...games('b', 'c', 5),
      ...games('c', 'b', 1),
      ...games('c', 'a', 3),
      ...games('a', 'c', 4),
    ]
    const standings = fitBradleyTerry(comparisons, { priorSd })
    const { a, b, c } = byModel(standings)
    if (!a || !b || !c) throw new Error('missing standings')
    const info = (x: Standing, y: Standing, n: number) => n * pWins(x, y) * pWins(y, x)
    const ab = info(a, b, 8)
    const bc = info(b, c, 6)
    const ca = info(c, a, 7)
    const prior = (POINTS_PER_UNIT / priorSd) ** 2
    // Negative Hessian [[p+ab+ca, −ab, −ca], [−ab, p+ab+bc, −bc], [−ca, −bc, p+bc+ca]], inverted by cofactors.
    const [m00, m11, m22] = [prior + ab + ca, prior + ab + bc, prior + bc + ca]
    const det = m00 * (m11 * m22 - bc * bc) + ab * (-ab * m22 - bc * ca) - ca * (ab * bc + m11 * ca)
    // Read against the average of the three, whose variance is the prior's alone (1/(3·prior)).
    const average = 1 / (3 * prior)
    const variances = {
      a: (m11 * m22 - bc * bc) / det - average,
      b: (m00 * m22 - ca * ca) / det - average,
      c: (m00 * m11 - ab * ab) / det - average,
    }
    for (const s of [a, b, c]) {
      const variance = variances[s.model as keyof typeof variances]
      expect(halfWidth(s)).toBeCloseTo(1.96 * Math.sqrt(variance) * POINTS_PER_UNIT, 6)
    }
    expect(optimalityGaps(standings, comparisons, priorSd).every((gap) => Math.abs(gap) < 1e-9)).toBe(true)
  })

  it('converges on lopsided, heavily weighted records where a full Newton step overshoots', () => {
    const priorSd = 10_000
    const comparisons = [
      { winner: 'd', loser: 'a', weight: 4000 },
      { winner: 'b', loser: 'a', weight: 27_000 },
      { winner: 'b', loser: 'f', weight: 20 },
      { winner: 'd', loser: 'e', weight: 64_000 },
      { winner: 'e', loser: 'b', weight: 0.2 },
      { winner: 'f', loser: 'a', weight: 10_000 },
    ]
    const standings = fitBradleyTerry(comparisons, { priorSd })
    for (const gap of optimalityGaps(standings, comparisons, priorSd)) expect(gap).toBeCloseTo(0, 6)
  })

  it("narrows a played model's interval with games, measured against the average", () => {
    // The prior alone fixes where the average lies; ratings are read against it, so 40,000 even games
    // leave only a few points of doubt.
    const { a } = byModel(fitBradleyTerry([...games('a', 'b', 20_000), ...games('b', 'a', 20_000)]))
    expect(a && halfWidth(a)).toBeLessThan(5)
    expect(a && halfWidth(a)).toBeGreaterThan(0)
  })

  it('orders a transitive chain even where two models never met', () => {
    const standings = fitBradleyTerry([
      ...games('a', 'b', 10),
      ...games('b', 'a', 2),
      ...games('b', 'c', 10),
      ...games('c', 'b', 2),
    ])
    expect(standings.map((s) => s.model)).toEqual(['a', 'b', 'c'])
    const { a, b, c } = byModel(standings)
    expect((a?.rating ?? 0) - (b?.rating ?? 0)).toBeGreaterThan(50)
    expect((b?.rating ?? 0) - (c?.rating ?? 0)).toBeGreaterThan(50)
  })

  it('fits groups that never met independently, each finite', () => {
    const left = [...games('a', 'b', 8), ...games('b', 'a', 3)]
    const right = [...games('c', 'd', 6)]
    const together = byModel(fitBradleyTerry([...left, ...right]))
    const apart = byModel([...fitBradleyTerry(left), ...fitBradleyTerry(right)])
    // The negative Hessian is block-diagonal, so its inverse's diagonal is the same jointly and apart.
    // Only the average the interval is read against differs: over four models its variance is τ²/4,
    // over a group of two τ²/2, so each joint variance is the separate one plus τ²/4 (τ = 350 points).
    const z = 1.96
    for (const model of ['a', 'b', 'c', 'd']) {
      const joint = together[model]
      const separate = apart[model]
      if (!joint || !separate) throw new Error(`missing standing for ${model}`)
      expect(Number.isFinite(joint.rating)).toBe(true)
      expect(Number.isFinite(joint.low)).toBe(true)
      expect(joint.rating).toBeCloseTo(separate.rating, 9)
      expect(joint.high - joint.rating).toBeCloseTo(joint.rating - joint.low, 9)
      const separateSd = halfWidth(separate) / z
      expect(halfWidth(joint)).toBeCloseTo(z * Math.sqrt(separateSd ** 2 + 350 ** 2 / 4), 9)
      expect(halfWidth(joint)).toBeGreaterThan(halfWidth(separate))
    }
  })

  it('ignores self-comparisons and zero weights entirely', () => {
    const real = [...games('a', 'b', 4), ...games('b', 'a', 1)]
    const noisy = [
      ...real,
      ...games('a', 'a', 20),
      { winner: 'b', loser: 'b', weight: 5 },
      { winner: 'b', loser: 'a', weight: 0 },
      { winner: 'only-self', loser: 'only-self' },
    ]
    expect(fitBradleyTerry(noisy)).toEqual(fitBradleyTerry(real))
  })

  it('treats a weight like that many repeated comparisons', () => {
    const weighted = fitBradleyTerry([
      { winner: 'a', loser: 'b', weight: 3 },
      { winner: 'b', loser: 'a', weight: 1.5 },
      { winner: 'c', loser: 'a' },
    ])
    const repeated = fitBradleyTerry([
      ...games('a', 'b', 3),
      { winner: 'b', loser: 'a', weight: 0.5 },
      { winner: 'b', loser: 'a' },
      { winner: 'c', loser: 'a' },
    ])
    expect(weighted.map((s) => s.model)).toEqual(repeated.map((s) => s.model))
    weighted.forEach((s, k) => {
      const twin = repeated[k]
      expect(s.rating).toBeCloseTo(twin?.rating ?? Number.NaN, 9)
      expect(s.low).toBeCloseTo(twin?.low ?? Number.NaN, 9)
      expect(s.high).toBeCloseTo(twin?.high ?? Number.NaN, 9)
      expect(s.wins).toBeCloseTo(twin?.wins ?? Number.NaN, 12)
      expect(s.losses).toBeCloseTo(twin?.losses ?? Number.NaN, 12)
    })
    expect(byModel(weighted).a?.wins).toBe(3)
    expect(byModel(weighted).a?.losses).toBe(2.5)
  })

  it('does not depend on the order comparisons arrive in, and keeps keys as given', () => {
    const comparisons = [
      ...games('GPT-4o (Azure)', 'claude sonnet', 5),
      ...games('claude sonnet', 'Llama 3 · local', 4),
      ...games('Llama 3 · local', 'GPT-4o (Azure)', 2),
    ]
    const forward = fitBradleyTerry(comparisons)
    const backward = fitBradleyTerry([...comparisons].reverse())
    expect(forward.map((s) => s.model).sort()).toEqual(['GPT-4o (Azure)', 'Llama 3 · local', 'claude sonnet'])
    expect(backward.map((s) => s.model)).toEqual(forward.map((s) => s.model))
    backward.forEach((s, k) => {
      expect(s.rating).toBeCloseTo(forward[k]?.rating ?? Number.NaN, 9)
    })
  })

  it('refuses a prior that is not a positive finite width, and negative or non-finite weights', () => {
    for (const priorSd of [0, -100, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => fitBradleyTerry([], { priorSd })).toThrow(RangeError)
    }
    for (const weight of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => fitBradleyTerry([{ winner: 'a', loser: 'b', weight }])).toThrow(RangeError)
    }
  })

  it('handles a few hundred models', () => {
    const models = Array.from({ length: 300 }, (_, k) => `m${k}`)
    // A ring where each model beats the next one more often than not, plus some long-range games.
    const comparisons = models.flatMap((m, k) => [
      ...games(m, models[(k + 1) % 300] ?? m, 3),
      ...games(models[(k + 1) % 300] ?? m, m, 1),
      ...games(models[(k * 7 + 3) % 300] ?? m, m, 1),
    ])
    const standings = fitBradleyTerry(comparisons)
    expect(standings).toHaveLength(300)
    for (const s of standings) {
      expect(Number.isFinite(s.rating) && Number.isFinite(s.low) && Number.isFinite(s.high)).toBe(true)
    }
  })
})

describe('fitBradleyTerry properties', () => {
  const names = ['a', 'b', 'c', 'd', 'e']
  const comparison = fc.record(
    {
      winner: fc.constantFrom(...names),
      loser: fc.constantFrom(...names),
      weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
    },
    { requiredKeys: ['winner', 'loser'] },
  )
  const input = fc.record({
    comparisons: fc.array(comparison, { maxLength: 40 }),
    priorSd: fc.double({ min: 30, max: 5000, noNaN: true }),
  })

  it('gives finite, sorted ratings inside their intervals, averaging 1500', () => {
    fc.assert(
      fc.property(input, ({ comparisons, priorSd }) => {
        const standings = fitBradleyTerry(comparisons, { priorSd })
        let total = 0
        standings.forEach((s, k) => {
          expect(Number.isFinite(s.rating) && Number.isFinite(s.low) && Number.isFinite(s.high)).toBe(true)
          expect(s.low).toBeLessThanOrEqual(s.rating)
          expect(s.rating).toBeLessThanOrEqual(s.high)
          expect(s.rating).toBeLessThanOrEqual(standings[k - 1]?.rating ?? Number.POSITIVE_INFINITY)
          total += s.rating
        })
        // The games are indifferent to a common shift and the prior is centred, so the mean stays at 1500.
        if (standings.length > 0) expect(total / standings.length).toBeCloseTo(1500, 6)
      }),
    )
  })

  it('lands on the maximum of the penalised likelihood', () => {
    fc.assert(
      fc.property(input, ({ comparisons, priorSd }) => {
        const standings = fitBradleyTerry(comparisons, { priorSd })
        for (const gap of optimalityGaps(standings, comparisons, priorSd)) expect(gap).toBeCloseTo(0, 6)
      }),
    )
  })

  it("never lowers a model's rating for one more win, nor raises the loser's", () => {
    fc.assert(
      fc.property(
        input,
        fc.constantFrom(...names),
        fc.constantFrom(...names),
        ({ comparisons, priorSd }, winner, loser) => {
          fc.pre(winner !== loser)
          const before = byModel(fitBradleyTerry(comparisons, { priorSd, models: names }))
          const after = byModel(
            fitBradleyTerry([...comparisons, { winner, loser }], { priorSd, models: names }),
          )
          expect(after[winner]?.rating).toBeGreaterThanOrEqual((before[winner]?.rating ?? 0) - 1e-7)
          expect(after[loser]?.rating).toBeLessThanOrEqual((before[loser]?.rating ?? 0) + 1e-7)
        },
      ),
    )
  })
})
