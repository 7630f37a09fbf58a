import { describe, expect, it } from 'vitest'
import type { StreamBatch } from '../../shared/types'
import { createFrameQueue } from './stream-frames'

function setup(costMs: (messageId: string) => number, budgetMs = 6) {
  let clock = 0
  const frames: Array<() => void> = []
  const applied: Array<{ messageId: string; appends: string[] }> = []
  const queue = createFrameQueue({
    budgetMs,
    now: () => clock,
    requestFrame: (callback) => frames.push(callback),
    apply: (messageId, batches) => {
      applied.push({ messageId, appends: batches.map((b) => b.append) })
      clock += costMs(messageId)
    },
  })
  const frame = () => {
    const next = frames.shift()
    if (!next) throw new Error('no frame was asked for')
    next()
  }
  return { queue, frames, applied, frame }
}

const batch = (messageId: string, append: string, offset = 0): StreamBatch => ({
  chatId: 'c',
  messageId,
  offset,
  append,
})

describe('streamed batches drawn frame by frame', () => {
  it('draws nothing until the frame, then every answer waiting, each batch in order', () => {
    const { queue, frames, applied, frame } = setup(() => 1)
    queue.add(batch('a', 'one'))
    queue.add(batch('b', 'x'))
    queue.add(batch('a', ' two', 3))
    expect(applied).toEqual([])
    expect(frames).toHaveLength(1)
    frame()
    expect(applied).toEqual([
      { messageId: 'a', appends: ['one', ' two'] },
      { messageId: 'b', appends: ['x'] },
    ])
    expect(frames).toHaveLength(0)
    expect(queue.waiting).toBe(0)
  })

  it('stops when the budget is spent; the skipped answers go first next frame', () => {
    const { queue, applied, frame } = setup(() => 4, 6)
    for (const id of ['a', 'b', 'c']) queue.add(batch(id, id))
    frame()
    expect(applied.map((a) => a.messageId)).toEqual(['a', 'b'])
    queue.add(batch('a', 'more'))
    frame()
    // c waited longest: it is drawn before a's new batch.
    expect(applied.map((a) => a.messageId)).toEqual(['a', 'b', 'c', 'a'])
  })

  it('always draws at least one answer a frame, however slow it is', () => {
    const { queue, applied, frame } = setup(() => 100)
    queue.add(batch('a', 'x'))
    queue.add(batch('b', 'y'))
    frame()
    frame()
    expect(applied.map((a) => a.messageId)).toEqual(['a', 'b'])
  })

  it('goes on with the others when one answer fails to draw', () => {
    const { queue, frames, frame } = setup(() => 1)
    const drawn: string[] = []
    const failing = createFrameQueue({
      budgetMs: 100,
      now: () => 0,
      requestFrame: (callback) => frames.push(callback),
      apply: (messageId) => {
        if (messageId === 'bad') throw new Error('draw failed')
        drawn.push(messageId)
      },
    })
    failing.add(batch('bad', 'x'))
    failing.add(batch('good', 'y'))
    expect(() => frame()).toThrow('draw failed')
    frame()
    expect(drawn).toEqual(['good'])
    expect(queue.waiting).toBe(0)
  })
})
