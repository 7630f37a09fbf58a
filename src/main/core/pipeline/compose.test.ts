import { describe, expect, it } from 'vitest'
import { compose } from './compose'
import type { Stage } from './events'
import { answer, request, run, scripted } from './test-kit'

describe('compose', () => {
  it('runs stages outermost first; a stage can change the request and see every event (an interceptor)', async () => {
    const order: string[] = []
    const addHeader: Stage = async function* (req, next) {
      order.push('header')
      yield* next({ ...req, headers: { ...req.headers, 'X-Trace': 't-1' } })
    }
    const countDeltas: Stage = async function* (req, next) {
      order.push('count')
      let deltas = 0
      for await (const event of next(req)) {
        if (event.type === 'delta') deltas += 1
        yield event
      }
      order.push(`deltas:${deltas}`)
    }
    const { next, calls } = scripted({ events: answer('Hi') })
    const { events } = await run(compose([addHeader, countDeltas], next)(request()))
    expect(order).toEqual(['header', 'count', 'deltas:1'])
    expect(calls[0]?.headers).toEqual({ 'X-Trace': 't-1' })
    expect(events).toEqual(answer('Hi'))
  })
})
