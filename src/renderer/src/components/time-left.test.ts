import { describe, expect, it } from 'vitest'
import { refreshEvery, timeLeft } from './time-left'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const at = 1_000_000_000

describe("a temporary chat's time left", () => {
  it('reads in days from two days, in hours from an hour, then in minutes, rounded down', () => {
    expect(timeLeft(at + 30 * 24 * HOUR, at)).toBe('30 days left')
    expect(timeLeft(at + 48 * HOUR, at)).toBe('2 days left')
    expect(timeLeft(at + 48 * HOUR - 1, at)).toBe('47 h left')
    // Just made with a day to live.
    expect(timeLeft(at + 24 * HOUR, at + 1)).toBe('23 h left')
    expect(timeLeft(at + HOUR, at)).toBe('1 h left')
    expect(timeLeft(at + HOUR - 1, at)).toBe('59 min left')
    expect(timeLeft(at + 45 * MINUTE + 30_000, at)).toBe('45 min left')
    expect(timeLeft(at + MINUTE, at)).toBe('1 min left')
  })

  it('says "under a minute left" for the last minute, and after its end until it is gone', () => {
    expect(timeLeft(at + MINUTE - 1, at)).toBe('under a minute left')
    expect(timeLeft(at + 1, at)).toBe('under a minute left')
    expect(timeLeft(at - 5_000, at)).toBe('under a minute left')
  })

  it('is looked at every few seconds in its last two hours, every minute before', () => {
    expect(refreshEvery(at + 3 * HOUR, at)).toBe(MINUTE)
    expect(refreshEvery(at + 90 * MINUTE, at)).toBe(5_000)
  })
})
