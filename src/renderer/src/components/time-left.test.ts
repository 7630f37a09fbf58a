import { describe, expect, it } from 'vitest'
import { englishChat as t } from './english-for-tests'
import { refreshEvery, timeLeft } from './time-left'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const at = 1_000_000_000

describe("a temporary chat's time left", () => {
  it('reads in days from two days, in hours from an hour, then in minutes, rounded down', () => {
    expect(timeLeft(at + 30 * 24 * HOUR, at, t)).toBe('30 days left')
    expect(timeLeft(at + 48 * HOUR, at, t)).toBe('2 days left')
    expect(timeLeft(at + 48 * HOUR - 1, at, t)).toBe('47 h left')
    // Just made with a day to live.
    expect(timeLeft(at + 24 * HOUR, at + 1, t)).toBe('23 h left')
    expect(timeLeft(at + HOUR, at, t)).toBe('1 h left')
    expect(timeLeft(at + HOUR - 1, at, t)).toBe('59 min left')
    expect(timeLeft(at + 45 * MINUTE + 30_000, at, t)).toBe('45 min left')
    expect(timeLeft(at + MINUTE, at, t)).toBe('1 min left')
  })

  it('says "under a minute left" for the last minute, and after its end until it is gone', () => {
    expect(timeLeft(at + MINUTE - 1, at, t)).toBe('under a minute left')
    expect(timeLeft(at + 1, at, t)).toBe('under a minute left')
    expect(timeLeft(at - 5_000, at, t)).toBe('under a minute left')
  })

  it('reads short on the sidebar row, without "left"', () => {
    expect(timeLeft(at + 30 * 24 * HOUR, at, t, true)).toBe('30 days')
    expect(timeLeft(at + 24 * HOUR, at + 1, t, true)).toBe('23 h')
    expect(timeLeft(at + 45 * MINUTE + 30_000, at, t, true)).toBe('45 min')
    expect(timeLeft(at + MINUTE - 1, at, t, true)).toBe('< 1 min')
  })

  it('is looked at every few seconds in its last two hours, every minute before', () => {
    expect(refreshEvery(at + 3 * HOUR, at)).toBe(MINUTE)
    expect(refreshEvery(at + 90 * MINUTE, at)).toBe(5_000)
  })
})
