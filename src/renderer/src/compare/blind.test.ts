import { describe, expect, it, vi } from 'vitest'
import { blindName, blindOrder } from './blind'

const columns = (ids: string[]) => ids.map((answerId) => ({ answerId, messageIds: [answerId] }))
const byId = (column: { answerId: string }) => column.answerId

describe('blind mode', () => {
  it('orders columns the same way every time, whatever order they were asked in', () => {
    const ids = ['a1', 'b2', 'c3', 'd4', 'e5']
    const once = blindOrder(columns(ids), byId).map((c) => c.answerId)
    expect(blindOrder(columns([...ids].reverse()), byId).map((c) => c.answerId)).toEqual(once)
    expect(once.sort()).toEqual([...ids].sort())
  })

  it('does not simply keep the order asked across many turns', () => {
    let kept = 0
    for (let turn = 0; turn < 50; turn++) {
      const ids = [`${turn}-x`, `${turn}-y`, `${turn}-z`]
      if (blindOrder(columns(ids), byId)[0]?.answerId === ids[0]) kept++
    }
    expect(kept).toBeGreaterThan(5)
    expect(kept).toBeLessThan(35)
  })

  it('keeps a column where it was when its answer is asked again (same key, new answer)', () => {
    const slots: Record<string, string> = { a1: 'q:0', b2: 'q:1', c3: 'q:2', retried: 'q:1' }
    const bySlot = (column: { answerId: string }) => slots[column.answerId] ?? ''
    const before = blindOrder(columns(['a1', 'b2', 'c3']), bySlot).map((c) => c.answerId)
    const after = blindOrder(columns(['a1', 'retried', 'c3']), bySlot).map((c) => c.answerId)
    expect(after).toEqual(before.map((id) => (id === 'b2' ? 'retried' : id)))
  })

  it('names columns by letter', () => {
    expect([0, 1, 7].map(blindName)).toEqual(['Model A', 'Model B', 'Model H'])
  })
})
