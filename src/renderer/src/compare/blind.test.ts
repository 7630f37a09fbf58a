import { describe, expect, it } from 'vitest'
import { blindName, blindOrder } from './blind'

const columns = (ids: string[]) => ids.map((answerId) => ({ answerId, messageIds: [answerId] }))

describe('blind mode', () => {
  it('orders columns the same way every time, whatever order they were asked in', () => {
    const ids = ['a1', 'b2', 'c3', 'd4', 'e5']
    const once = blindOrder(columns(ids)).map((c) => c.answerId)
    expect(blindOrder(columns([...ids].reverse())).map((c) => c.answerId)).toEqual(once)
    expect(once.sort()).toEqual([...ids].sort())
  })

  it('does not simply keep the order asked across many turns', () => {
    let kept = 0
    for (let turn = 0; turn < 50; turn++) {
      const ids = [`${turn}-x`, `${turn}-y`, `${turn}-z`]
      if (blindOrder(columns(ids))[0]?.answerId === ids[0]) kept++
    }
    expect(kept).toBeGreaterThan(5)
    expect(kept).toBeLessThan(35)
  })

  it('names columns by letter', () => {
    expect([0, 1, 7].map(blindName)).toEqual(['Model A', 'Model B', 'Model H'])
  })
})
