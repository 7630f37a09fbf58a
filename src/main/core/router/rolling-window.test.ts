import { describe, expect, it } from 'vitest'
import { HALF_LIFE_MS, RollingWindow, WINDOW_SIZE } from './rolling-window'

const ok = (at: number, firstTokenMs: number, tokensPerSecond = 50) => ({
  at,
  ok: true,
  firstTokenMs,
  tokensPerSecond,
})

describe('the rolling window', () => {
  it('drops its oldest sample when full (a true rolling window, not the first ten forever)', () => {
    const window = new RollingWindow()
    for (let i = 0; i < WINDOW_SIZE; i++) window.add(ok(0, 5_000))
    for (let i = 0; i < WINDOW_SIZE; i++) window.add(ok(0, 100))
    expect(window.size).toBe(WINDOW_SIZE)
    expect(window.figures(0).firstTokenMs).toBe(100)
  })

  it('weighs a sample half as much for every half-life of age', () => {
    const window = new RollingWindow()
    window.add(ok(0, 1_000))
    window.add(ok(HALF_LIFE_MS, 100))
    // Weights 0.5 and 1: (500 + 100) / 1.5
    expect(window.figures(HALF_LIFE_MS).firstTokenMs).toBeCloseTo(400)
  })

  it('keeps first token and speed apart', () => {
    const window = new RollingWindow()
    window.add(ok(0, 200, 80))
    window.add({ at: 0, ok: true, firstTokenMs: 400, tokensPerSecond: null })
    const figures = window.figures(0)
    expect(figures.firstTokenMs).toBe(300)
    expect(figures.tokensPerSecond).toBe(80)
  })

  it('counts failures in the success rate, from a prior near a healthy model', () => {
    const window = new RollingWindow()
    expect(window.figures(0).successRate).toBeCloseTo(0.9)
    window.add({ at: 0, ok: false, firstTokenMs: null, tokensPerSecond: null })
    window.add({ at: 0, ok: false, firstTokenMs: null, tokensPerSecond: null })
    expect(window.figures(0).successRate).toBeCloseTo(1.8 / 4)
    expect(window.figures(0).firstTokenMs).toBeNull()
  })
})
