import { describe, expect, it } from 'vitest'
import { type CacheKeyInput, cacheKey, canonicalJson } from './cache-key'

const base: CacheKeyInput = {
  providerId: 'openai',
  baseURL: 'https://api.example.com/v1',
  model: 'gpt-4o',
  system: 'Be brief.',
  messages: [
    { role: 'user', content: 'What is 2 + 2?' },
    { role: 'assistant', content: '4' },
    { role: 'user', content: 'And 3 + 3?' },
  ],
  params: { temperature: 0, maxTokens: 100 },
}

const keyOf = (changes: Partial<CacheKeyInput>) => cacheKey({ ...base, ...changes })

describe('cacheKey', () => {
  it('is a SHA-256 in hex, the same for the same request', () => {
    expect(cacheKey(base)).toMatch(/^[0-9a-f]{64}$/)
    expect(cacheKey(structuredClone(base))).toBe(cacheKey(base))
  })

  it('does not depend on the order of keys or on undefined versus absent', () => {
    const reordered = keyOf({ params: { maxTokens: 100, temperature: 0, topP: undefined } })
    expect(reordered).toBe(cacheKey(base))
    const message = { content: 'What is 2 + 2?', role: 'user' } as const
    expect(keyOf({ messages: [message, ...base.messages.slice(1)] })).toBe(cacheKey(base))
  })

  it('ignores trailing whitespace, in messages and the system prompt, and nothing else', () => {
    expect(
      keyOf({
        system: 'Be brief.\n',
        messages: base.messages.map((m) => ({ ...m, content: `${m.content}  \n\t` })),
      }),
    ).toBe(cacheKey(base))
    // Leading and inner whitespace can change meaning (indented code, a table).
    expect(keyOf({ system: ' Be brief.' })).not.toBe(cacheKey(base))
    const inner = base.messages.map((m, i) => (i === 0 ? { ...m, content: 'What is 2  + 2?' } : m))
    expect(keyOf({ messages: inner })).not.toBe(cacheKey(base))
  })

  it('treats an empty system prompt as none', () => {
    expect(keyOf({ system: '' })).toBe(keyOf({ system: null }))
    expect(keyOf({ system: '  ' })).toBe(keyOf({ system: null }))
  })

  it('changes with every field that changes the answer', () => {
    const variants: Partial<CacheKeyInput>[] = [
      { providerId: 'other' },
      { baseURL: 'http://127.0.0.1:11434/v1' },
      { model: 'gpt-4o-mini' },
      { system: 'Be thorough.' },
      { system: null },
      { messages: base.messages.slice(0, 1) },
      { messages: [...base.messages].reverse() },
      { messages: base.messages.map((m, i) => (i === 1 ? { ...m, role: 'user' as const } : m)) },
      { params: { ...base.params, temperature: 0.5 } },
      { params: { ...base.params, topP: 0.9 } },
      { params: { ...base.params, maxTokens: 101 } },
      { params: { ...base.params, reasoningEffort: 'high' } },
      { params: { temperature: 0 } },
    ]
    const keys = new Set([cacheKey(base), ...variants.map(keyOf)])
    expect(keys.size).toBe(variants.length + 1)
  })

  it('keeps message boundaries: the same text split differently is another conversation', () => {
    const one = keyOf({ messages: [{ role: 'user', content: 'ab' }] })
    const two = keyOf({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
    })
    expect(one).not.toBe(two)
  })
})

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"f":1}]},"b":1}',
    )
  })
})
