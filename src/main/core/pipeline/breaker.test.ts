import { describe, expect, it } from 'vitest'
import { admit, BREAKER_RULES, type BreakerState, closedState, record, tryNow } from './breaker'

const fail = (state: BreakerState, times: number, now = 0) => {
  let next = state
  for (let i = 0; i < times; i++) next = record(next, 'failure', now)
  return next
}

describe('the circuit breaker', () => {
  it('opens after 5 failures in a row', () => {
    expect(fail(closedState(), 4).phase).toBe('closed')
    expect(fail(closedState(), 5).phase).toBe('open')
  })

  it('opens when half of the last 20 failed, once there are at least 10', () => {
    let state = closedState()
    // Alternating: never 5 in a row, but half of them failures.
    for (let i = 0; i < 8; i++) state = record(state, i % 2 === 0 ? 'failure' : 'success', 0)
    expect(state.phase).toBe('closed')
    state = record(record(state, 'success', 0), 'failure', 0)
    expect(state.recent.length).toBe(10)
    expect(state.phase).toBe('open')
  })

  it('does not count neutral outcomes (a Stop, a 400) either way', () => {
    let state = fail(closedState(), 4)
    state = record(state, 'neutral', 0)
    expect(state.consecutive).toBe(4)
    expect(record(state, 'failure', 0).phase).toBe('open')
  })

  it('refuses during the cooldown, then lets exactly one probe through', () => {
    const opened = fail(closedState(), 5, 1_000)
    expect(admit(opened, 1_000 + BREAKER_RULES.firstCooldownMs - 1).admission).toEqual({
      ok: false,
      retryAt: 1_000 + BREAKER_RULES.firstCooldownMs,
    })
    const { state: probing, admission } = admit(opened, 1_000 + BREAKER_RULES.firstCooldownMs)
    expect(admission).toEqual({ ok: true, probe: true })
    expect(probing.phase).toBe('half-open')
    expect(admit(probing, 40_000).admission.ok).toBe(false)
  })

  it('closes on a successful probe; a failed one reopens it for twice as long, up to 5 min', () => {
    const opened = fail(closedState(), 5, 0)
    const probing = admit(opened, 30_000).state
    expect(record(probing, 'success', 30_000, true)).toEqual(closedState())
    let state = record(probing, 'failure', 30_000, true)
    expect(state).toMatchObject({ phase: 'open', openedAt: 30_000, cooldownMs: 60_000 })
    for (let i = 0; i < 6; i++)
      state = record(admit(state, (state.openedAt ?? 0) + state.cooldownMs).state, 'failure', 0, true)
    expect(state.cooldownMs).toBe(BREAKER_RULES.maxCooldownMs)
  })

  it('"Try now" ends the cooldown at once: the next request is the probe', () => {
    const opened = fail(closedState(), 5, 0)
    const now = tryNow(opened, 5_000)
    expect(admit(now, 5_000).admission).toEqual({ ok: true, probe: true })
  })
})

describe('the circuit breaker during a probe', () => {
  it('ignores a request admitted earlier that ends late, whatever its outcome', () => {
    const probing = admit(fail(closedState(), 5, 0), 30_000).state
    expect(record(probing, 'failure', 31_000)).toBe(probing)
    expect(record(probing, 'neutral', 31_000)).toBe(probing)
    expect(record(probing, 'success', 31_000, true)).toEqual(closedState())
  })

  it('"Try now" during a probe does not let a second one through', () => {
    const probing = admit(fail(closedState(), 5, 0), 30_000).state
    expect(admit(tryNow(probing, 31_000), 31_000).admission).toEqual({ ok: false, retryAt: null })
  })
})
