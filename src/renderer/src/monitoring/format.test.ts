import { describe, expect, it, vi } from 'vitest'
import { formatterFor } from '../i18n/format'
import { formatCost, formatMs, formatRate, formatTokens } from './format'

const en = formatterFor('en')

describe('Monitoring figures', () => {
  it('writes times, money, tokens and rates the way the page shows them', () => {
    expect(formatMs(null, en)).toBe('—')
    expect(formatMs(820, en)).toBe('820 ms')
    expect(formatMs(1_250, en)).toBe('1.3 s')
    expect(formatCost(0.0031, en)).toBe('$0.0031')
    expect(formatCost(2.5, en)).toBe('$2.50')
    expect(formatCost(0, en)).toBe('$0')
    expect(formatTokens(1_234, false, en)).toBe('1,234')
    expect(formatTokens(1_234, true, en)).toBe('~1,234')
    expect(formatRate(1, 3, en)).toBe('33%')
    expect(formatRate(1, 40, en)).toBe('2.5%')
    expect(formatRate(0, 0, en)).toBe('—')
  })
})
