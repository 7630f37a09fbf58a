import { beforeAll, describe, expect, it, vi } from 'vitest'
import { i18n } from '../i18n/i18n'
import { describeHitRate, formatBytes } from './cache-format'

// The i18n instance marks the page's language on the document, which a test in Node has not got.

beforeAll(() => i18n.changeLanguage('en'))

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [3_500, '3.4 KB'],
    [200 * 1024 * 1024, '200 MB'],
    [5 * 1024 ** 3, '5.0 GB'],
    [2_000 * 1024 ** 3, '2,000 GB'],
  ])('%d bytes: %s', (bytes, words) => {
    expect(formatBytes(bytes)).toBe(words)
  })
})

describe('describeHitRate', () => {
  it('says so when nothing was looked up yet', () => {
    expect(describeHitRate({ hits: 0, lookups: 0 })).toBe('No lookups yet')
  })

  it('gives the rate with its figures', () => {
    expect(describeHitRate({ hits: 1, lookups: 1 })).toBe('100% (1 of 1 lookup)')
    expect(describeHitRate({ hits: 1, lookups: 3 })).toBe('33% (1 of 3 lookups)')
    expect(describeHitRate({ hits: 0, lookups: 1_200 })).toBe('0% (0 of 1,200 lookups)')
  })
})
