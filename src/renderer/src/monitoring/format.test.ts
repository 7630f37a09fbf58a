import { describe, expect, it } from 'vitest'
import { formatCost, formatMs, formatRate, formatTokens } from './format'

describe('Monitoring figures', () => {
  it('writes times, money, tokens and rates the way the page shows them', () => {
    expect(formatMs(null)).toBe('—')
    expect(formatMs(820)).toBe('820 ms')
    expect(formatMs(1_250)).toBe('1.3 s')
    expect(formatCost(0.0031)).toBe('$0.0031')
    expect(formatCost(2.5)).toBe('$2.50')
    expect(formatCost(0)).toBe('$0')
    expect(formatTokens(1_234)).toBe('1,234')
    expect(formatTokens(1_234, true)).toBe('~1,234')
    expect(formatRate(1, 3)).toBe('33%')
    expect(formatRate(1, 40)).toBe('2.5%')
    expect(formatRate(0, 0)).toBe('—')
  })
})
