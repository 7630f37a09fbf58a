import { describe, expect, it } from 'vitest'
import { chatMessage } from './message-fixture'
import { applyStreamBatch } from './stream-batch'
import type { ChatMessage, StreamBatch } from './types'

function message(content: string, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return chatMessage({ content, ...overrides })
}

function batch(offset: number, append: string, final?: StreamBatch['final']): StreamBatch {
  return { chatId: 'c1', messageId: 'm1', offset, append, ...(final && { final }) }
}

function contentAfter(start: ChatMessage, b: StreamBatch): string {
  const result = applyStreamBatch(start, b)
  if (result.kind !== 'applied') throw new Error(`expected applied, got ${result.kind}`)
  return result.message.content
}

describe('applyStreamBatch', () => {
  it('appends a batch that starts where the message ends', () => {
    expect(contentAfter(message('Hello'), batch(5, ', world'))).toBe('Hello, world')
    expect(contentAfter(message(''), batch(0, 'First'))).toBe('First')
  })

  it('does not modify the message it was given', () => {
    const start = message('Hello')
    applyStreamBatch(start, batch(5, '!', { status: 'complete', error: null }))
    expect(start).toEqual(message('Hello'))
  })

  it('ignores a batch it already has', () => {
    const start = message('Hello, world')
    const result = applyStreamBatch(start, batch(5, ', world'))
    expect(result).toEqual({ kind: 'applied', message: start })
    if (result.kind === 'applied') expect(result.message).toBe(start)
  })

  it('ignores a batch that lies wholly inside what it has', () => {
    const result = applyStreamBatch(message('abcdef'), batch(1, 'bc'))
    expect(result.kind).toBe('applied')
    if (result.kind === 'applied') expect(result.message.content).toBe('abcdef')
  })

  it('appends only the new tail of a partly repeated batch', () => {
    expect(contentAfter(message('Hello, wo'), batch(5, ', world'))).toBe('Hello, world')
    expect(contentAfter(message('abc'), batch(0, 'abcdef'))).toBe('abcdef')
  })

  it('reports a gap when the batch starts past the end', () => {
    expect(applyStreamBatch(message('Hello'), batch(6, 'x'))).toEqual({ kind: 'gap' })
    expect(applyStreamBatch(message(''), batch(1, 'x', { status: 'complete', error: null }))).toEqual({
      kind: 'gap',
    })
  })

  it('applies the final status and error even with nothing to append', () => {
    const result = applyStreamBatch(
      message('partial'),
      batch(7, '', { status: 'interrupted', error: 'The connection dropped.' }),
    )
    expect(result.kind).toBe('applied')
    if (result.kind !== 'applied') return
    expect(result.message.content).toBe('partial')
    expect(result.message.status).toBe('interrupted')
    expect(result.message.error).toBe('The connection dropped.')
  })

  it('takes the final figures (tokens and times) and keeps a first-token time measured on the way', () => {
    const start = message('', { firstTokenMs: 300 })
    const result = applyStreamBatch(
      start,
      batch(0, 'done', {
        status: 'complete',
        error: null,
        tokensIn: 12,
        tokensOut: 40,
        firstTokenMs: null,
        durationMs: 900,
      }),
    )
    if (result.kind !== 'applied') throw new Error('not applied')
    expect(result.message).toMatchObject({ tokensIn: 12, tokensOut: 40, firstTokenMs: 300, durationMs: 900 })
  })

  it('applies a final batch that repeats text it already has', () => {
    const result = applyStreamBatch(message('done'), batch(0, 'done', { status: 'complete', error: null }))
    expect(result.kind).toBe('applied')
    if (result.kind !== 'applied') return
    expect(result.message).toMatchObject({ content: 'done', status: 'complete', error: null })
  })

  it('appends and finishes in one batch', () => {
    const result = applyStreamBatch(message('He'), batch(2, 'llo', { status: 'complete', error: null }))
    expect(result.kind).toBe('applied')
    if (result.kind === 'applied')
      expect(result.message).toMatchObject({ content: 'Hello', status: 'complete' })
  })

  it('leaves the status alone for a batch that is not final', () => {
    const result = applyStreamBatch(message('a', { status: 'streaming' }), batch(1, 'b'))
    if (result.kind !== 'applied') throw new Error('expected applied')
    expect(result.message.status).toBe('streaming')
    expect(result.message.error).toBeNull()
  })

  it('counts offsets in UTF-16 code units, so emoji line up', () => {
    const start = 'hi 😀'
    expect(start.length).toBe(5)
    expect(contentAfter(message(start), batch(5, ' 👋🏽 ok'))).toBe('hi 😀 👋🏽 ok')
    // A repeat that begins before the emoji: only what follows what we have is added.
    expect(contentAfter(message(start), batch(3, '😀!'))).toBe('hi 😀!')
    expect(contentAfter(message('hi 😀 👋🏽'), batch(0, 'hi 😀 👋🏽'))).toBe('hi 😀 👋🏽')
    expect(applyStreamBatch(message(start), batch(6, 'x'))).toEqual({ kind: 'gap' })
  })

  it('applies a sequence of batches, with repeats and a late final, to the full text', () => {
    const batches = [
      batch(0, 'The '),
      batch(4, 'quick '),
      batch(0, 'The '),
      batch(10, 'brown 🦊'),
      batch(4, 'quick brown 🦊'),
      batch(18, '', { status: 'complete', error: null }),
    ]
    let current = message('')
    for (const b of batches) {
      const result = applyStreamBatch(current, b)
      if (result.kind !== 'applied') throw new Error('unexpected gap')
      current = result.message
    }
    expect(current.content).toBe('The quick brown 🦊')
    expect(current.content.length).toBe(18)
    expect(current.status).toBe('complete')
  })
})
