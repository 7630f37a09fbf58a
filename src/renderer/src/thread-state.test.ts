import { describe, expect, it } from 'vitest'
import { chatMessage } from '../../shared/message-fixture'
import type { ChatMessage, CompareSettings } from '../../shared/types'
import { comparing, isAnswering, mustKeep, reuse } from './thread-state'

const message = (overrides: Partial<ChatMessage> = {}) =>
  chatMessage({ id: 'a', parentId: 'q', ...overrides })

const settings = (targets: number): CompareSettings => ({
  targets: Array.from({ length: targets }, (_, i) => ({ providerId: 'p', model: `m${i}` })),
  layout: 'columns',
  syncScroll: false,
  blind: false,
})

describe('a snapshot of the chat meeting what the page already has', () => {
  it('keeps an answer whose end arrived before an older snapshot', () => {
    const ended = message({ content: 'all of it', status: 'complete', updatedAt: 5 })
    const older = message({ content: 'all', status: 'streaming', updatedAt: 3, vote: 1 })
    const shown = reuse(ended, older)
    expect(shown).toMatchObject({ status: 'complete', content: 'all of it', vote: 1 })
  })

  it('keeps text that streamed in after the snapshot was taken', () => {
    const ahead = message({ content: 'hello there' })
    expect(reuse(ahead, message({ content: 'hello' })).content).toBe('hello there')
  })

  it('takes the snapshot when it is newer, and keeps the same object when nothing changed', () => {
    const streaming = message({ content: 'he' })
    const finished = message({ content: 'hello', status: 'complete', updatedAt: 2 })
    expect(reuse(streaming, finished)).toBe(finished)
    const again = { ...finished }
    expect(reuse(finished, again)).toBe(finished)
    expect(reuse(finished, { ...finished, vote: -1 })).toMatchObject({ vote: -1 })
  })
})

describe('what the composer may send', () => {
  const column = (id: string, leaf = id) => ({
    answerId: id,
    messageIds: leaf === id ? [id] : [id, 'u', leaf],
  })

  it('goes side by side only with two or more models, and never to chosen models once columns go on alone', () => {
    expect(comparing({ compare: null, compareSettings: settings(1) })).toEqual({})
    expect(comparing({ compare: null, compareSettings: settings(2) }).targets).toHaveLength(2)
    const separate = { questionId: 'q', separate: true, columns: [column('a'), column('b')] }
    expect(comparing({ compare: separate, compareSettings: settings(3) })).toEqual({})
  })

  it('waits while the answer it follows is coming, or any column continued separately is', () => {
    const messages = {
      q: message({ id: 'q', role: 'user', status: 'complete' }),
      a: message({ id: 'a', status: 'complete' }),
      b: message({ id: 'b', status: 'complete' }),
      b2: message({ id: 'b2', status: 'streaming' }),
    }
    const open = { questionId: 'q', separate: false, columns: [column('a'), column('b', 'b2')] }
    expect(isAnswering({ messageIds: ['q'], messages, compare: open })).toBe(false)
    expect(mustKeep({ compare: open })).toBe(true)
    const separate = { ...open, separate: true }
    expect(isAnswering({ messageIds: ['q'], messages, compare: separate })).toBe(true)
    expect(mustKeep({ compare: separate })).toBe(false)
    expect(isAnswering({ messageIds: ['b2'], messages, compare: null })).toBe(true)
  })
})
