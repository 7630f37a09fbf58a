import { describe, expect, it } from 'vitest'
import type { Trace } from '../../../shared/types'
import { countTokens } from './count-tokens'
import { encodingFor } from './encodings'
import { TokenCalibration } from './token-calibration'
import { TokenCounter } from './token-counter'

describe('encodingFor', () => {
  it("uses the model family's own encoding where it is known, and says when it stands in", () => {
    expect(encodingFor('gpt-4o-mini')).toEqual({ encoding: 'o200k_base', exact: true })
    expect(encodingFor('openai/gpt-4.1')).toEqual({ encoding: 'o200k_base', exact: true })
    expect(encodingFor('o3-mini')).toEqual({ encoding: 'o200k_base', exact: true })
    expect(encodingFor('gpt-4-turbo')).toEqual({ encoding: 'cl100k_base', exact: true })
    expect(encodingFor('gpt-3.5-turbo')).toEqual({ encoding: 'cl100k_base', exact: true })
    expect(encodingFor('claude-sonnet-4')).toEqual({ encoding: 'o200k_base', exact: false })
    expect(encodingFor('llama3.1:8b')).toEqual({ encoding: 'o200k_base', exact: false })
  })
})

describe('countTokens', () => {
  it('counts with gpt-tokenizer, and reads special tokens in text as plain text', async () => {
    const [hello, special, empty] = await countTokens('o200k_base', [
      'hello world',
      'say <|endoftext|> now',
      '',
    ])
    expect(hello).toBe(2)
    expect(special).toBeGreaterThan(3)
    expect(empty).toBe(0)
    const [old] = await countTokens('cl100k_base', ['hello world'])
    expect(old).toBe(2)
  })
})

describe('TokenCounter', () => {
  it('counts a stored message once, and again only when its text grew', async () => {
    const asked: string[][] = []
    const counter = new TokenCounter(async (_encoding, texts) => {
      asked.push([...texts])
      return texts.map((text) => text.length)
    })
    expect(
      await counter.count('o200k_base', [
        { key: 'a', text: 'abc' },
        { key: null, text: 'xy' },
      ]),
    ).toEqual([3, 2])
    expect(await counter.count('o200k_base', [{ key: 'a', text: 'abc' }])).toEqual([3])
    expect(await counter.count('o200k_base', [{ key: 'a', text: 'abcd' }])).toEqual([4])
    expect(asked).toEqual([['abc', 'xy'], ['abcd']])
  })

  it('counts from the newest back until the room is full; older ones stay uncounted', async () => {
    const counter = new TokenCounter(async (_encoding, texts) => texts.map(() => 10))
    const items = Array.from({ length: 200 }, (_, index) => ({ key: String(index), text: 'x' }))
    const counts = await counter.countNewest('o200k_base', items, 100)
    expect(counts.at(-1)).toBe(10)
    // One block of 64 from the end passes 100 tokens: nothing before it is counted.
    expect(counts.filter((count) => count === null)).toHaveLength(136)
  })
})

describe('TokenCalibration', () => {
  const trace = (tokensIn: number, counted: number, overrides: Partial<Trace> = {}) =>
    ({
      purpose: 'answer',
      providerId: 'p',
      model: 'claude',
      tokensIn,
      tokensEstimated: false,
      cacheHit: false,
      context: { inputTokens: counted },
      ...overrides,
    }) as Trace

  it("moves estimates towards the provider's reported usage, a step at a time", () => {
    const calibration = new TokenCalibration()
    expect(calibration.apply('p', 'claude', 1_000)).toBe(1_000)
    calibration.observe(trace(1_200, 1_000))
    const once = calibration.apply('p', 'claude', 1_000)
    expect(once).toBeGreaterThan(1_000)
    expect(once).toBeLessThan(1_200)
    for (let i = 0; i < 30; i += 1) calibration.observe(trace(1_200, calibration.apply('p', 'claude', 1_000)))
    expect(calibration.apply('p', 'claude', 1_000)).toBeGreaterThanOrEqual(1_195)
    expect(calibration.apply('p', 'claude', 1_000)).toBeLessThanOrEqual(1_201)
    // Another model is untouched.
    expect(calibration.apply('p', 'other', 1_000)).toBe(1_000)
  })

  it('ignores estimates, cache hits and the app’s own requests, and stays within bounds', () => {
    const calibration = new TokenCalibration()
    calibration.observe(trace(5_000, 1_000, { tokensEstimated: true }))
    calibration.observe(trace(5_000, 1_000, { cacheHit: true }))
    calibration.observe(trace(5_000, 1_000, { purpose: 'title' }))
    expect(calibration.ratio('p', 'claude')).toBe(1)
    for (let i = 0; i < 100; i += 1) calibration.observe(trace(1_000_000, 10))
    expect(calibration.ratio('p', 'claude')).toBe(3)
  })
})
