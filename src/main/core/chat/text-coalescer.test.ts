import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TextCoalescer } from './text-coalescer'

const INTERVAL = 100

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(0)
})

afterEach(() => {
  vi.useRealTimers()
})

/** The coalescer reads the fake clock, so advancing timers also advances its notion of now. */
function make(leading: boolean) {
  const delivered: string[] = []
  const coalescer = new TextCoalescer((text) => delivered.push(text), {
    intervalMs: INTERVAL,
    leading,
    now: () => Date.now(),
  })
  return { coalescer, delivered }
}

describe('TextCoalescer, leading edge', () => {
  it('delivers the first push at once', () => {
    const { coalescer, delivered } = make(true)
    coalescer.push('Hel')
    expect(delivered).toEqual(['Hel'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('gathers the pushes within the interval into one delivery at its end', () => {
    const { coalescer, delivered } = make(true)
    coalescer.push('a')
    vi.advanceTimersByTime(10)
    coalescer.push('b')
    vi.advanceTimersByTime(40)
    coalescer.push('c')
    vi.advanceTimersByTime(49) // t = 99
    expect(delivered).toEqual(['a'])
    vi.advanceTimersByTime(1) // t = 100: one interval after the first delivery
    expect(delivered).toEqual(['a', 'bc'])
    vi.advanceTimersByTime(1_000)
    expect(delivered).toEqual(['a', 'bc'])
  })

  it('waits out the interval after a delivery, then delivers at once again after a quiet spell', () => {
    const { coalescer, delivered } = make(true)
    coalescer.push('a')
    vi.advanceTimersByTime(30)
    coalescer.push('b')
    vi.advanceTimersByTime(70) // t = 100: 'b' delivered
    expect(delivered).toEqual(['a', 'b'])

    coalescer.push('c') // right after a delivery: waits a whole interval
    vi.advanceTimersByTime(INTERVAL - 1)
    expect(delivered).toEqual(['a', 'b'])
    vi.advanceTimersByTime(1)
    expect(delivered).toEqual(['a', 'b', 'c'])

    vi.advanceTimersByTime(500)
    coalescer.push('d') // nothing delivered within the last interval: straight through
    expect(delivered).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('TextCoalescer, trailing only', () => {
  it('waits a full interval before the first delivery', () => {
    const { coalescer, delivered } = make(false)
    coalescer.push('a')
    expect(delivered).toEqual([])
    vi.advanceTimersByTime(INTERVAL - 1)
    coalescer.push('b')
    expect(delivered).toEqual([])
    vi.advanceTimersByTime(1)
    expect(delivered).toEqual(['ab'])
  })

  it('starts a new interval with the next push', () => {
    const { coalescer, delivered } = make(false)
    coalescer.push('a')
    vi.advanceTimersByTime(INTERVAL)
    vi.advanceTimersByTime(300)
    coalescer.push('b')
    vi.advanceTimersByTime(INTERVAL - 1)
    expect(delivered).toEqual(['a'])
    vi.advanceTimersByTime(1)
    expect(delivered).toEqual(['a', 'b'])
  })
})

describe('TextCoalescer.flush and take', () => {
  it('flush delivers what is pending at once and returns it', () => {
    const { coalescer, delivered } = make(false)
    coalescer.push('x')
    coalescer.push('y')
    expect(coalescer.flush()).toBe('xy')
    expect(delivered).toEqual(['xy'])
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(INTERVAL * 5)
    expect(delivered).toEqual(['xy'])
  })

  it('flush with nothing pending delivers nothing and returns an empty string', () => {
    const { coalescer, delivered } = make(true)
    expect(coalescer.flush()).toBe('')
    coalescer.push('a')
    expect(coalescer.flush()).toBe('')
    expect(delivered).toEqual(['a'])
  })

  it('a flush counts as a delivery for the leading edge', () => {
    const { coalescer, delivered } = make(true)
    vi.advanceTimersByTime(1_000)
    coalescer.push('a')
    coalescer.flush()
    vi.advanceTimersByTime(20)
    coalescer.push('b')
    expect(delivered).toEqual(['a'])
    vi.advanceTimersByTime(INTERVAL - 20)
    expect(delivered).toEqual(['a', 'b'])
  })

  it('take returns what is pending without delivering it, and cancels the timer', () => {
    const { coalescer, delivered } = make(true)
    coalescer.push('a')
    coalescer.push('b')
    coalescer.push('c')
    expect(vi.getTimerCount()).toBe(1)
    expect(coalescer.take()).toBe('bc')
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(INTERVAL * 5)
    expect(delivered).toEqual(['a'])
    expect(coalescer.take()).toBe('')
    expect(coalescer.flush()).toBe('')
  })

  it('ignores empty pushes', () => {
    const trailing = make(false)
    trailing.coalescer.push('')
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(INTERVAL * 2)
    expect(trailing.delivered).toEqual([])

    const leading = make(true)
    leading.coalescer.push('')
    expect(leading.delivered).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
