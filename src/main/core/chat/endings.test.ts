import { describe, expect, it } from 'vitest'
import { endingOf } from './endings'

const said = { content: 'Some text', thinking: '', tools: [] }

describe('endingOf', () => {
  it('speaks both protocols: stop/end_turn, length/max_tokens, tool_calls/tool_use, content_filter, refusal', () => {
    expect(endingOf('stop', said)).toBe('stop')
    expect(endingOf('end_turn', said)).toBe('stop')
    expect(endingOf('length', said)).toBe('length')
    expect(endingOf('max_tokens', said)).toBe('length')
    expect(endingOf('content_filter', said)).toBe('content-filter')
    expect(endingOf('refusal', said)).toBe('refusal')
    expect(endingOf('tool_use', { ...said, tools: ['search', 'fetch'] })).toBe('tool-call:search,fetch')
  })

  it('names an empty answer, and a budget spent thinking, shown or only counted', () => {
    expect(endingOf('stop', { content: ' ', thinking: '', tools: [] })).toBe('empty')
    expect(endingOf('length', { content: '', thinking: 'hmm', tools: [] })).toBe('reasoning-only')
    expect(endingOf('length', { content: '', thinking: '', tools: [], reasoningTokens: 512 })).toBe(
      'reasoning-only',
    )
    expect(endingOf('length', { content: '', thinking: '', tools: [] })).toBe('length')
  })
})
