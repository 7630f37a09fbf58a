import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { binOf, percentileOfBins, valueOfBin } from './histogram'

describe('histogram bins', () => {
  it('a bin stands for every value in it within 5 %', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e7, noNaN: true }), (value) => {
        expect(Math.abs(valueOfBin(binOf(value)) - value) / value).toBeLessThanOrEqual(0.05)
      }),
    )
  })

  it('percentiles by nearest rank land in the right bin', () => {
    const counts = new Map<number, number>()
    for (let v = 1; v <= 100; v++) counts.set(binOf(v), (counts.get(binOf(v)) ?? 0) + 1)
    expect(percentileOfBins(counts, 50)).toBeCloseTo(50, -1)
    expect(Math.abs((percentileOfBins(counts, 50) ?? 0) - 50) / 50).toBeLessThanOrEqual(0.05)
    expect(Math.abs((percentileOfBins(counts, 95) ?? 0) - 95) / 95).toBeLessThanOrEqual(0.05)
    expect(percentileOfBins(new Map(), 50)).toBeNull()
  })
})
