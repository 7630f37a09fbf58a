import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractJson } from './json-extract'

describe('extractJson', () => {
  it('takes JSON out of a fenced block, preferring json-labelled or unlabelled ones', () => {
    const answer =
      'Here you go:\n```python\nprint({"no": 1})\n```\n```json\n{"city": "Paris", "days": [1, 2]}\n```\nEnjoy.'
    expect(extractJson(answer)).toEqual({
      kind: 'json',
      value: { city: 'Paris', days: [1, 2] },
      from: 'fence',
    })
  })

  it('takes a bare JSON answer as it is', () => {
    expect(extractJson('  [1, {"a": null}]  ')).toEqual({
      kind: 'json',
      value: [1, { a: null }],
      from: 'whole',
    })
  })

  it('finds JSON inside prose, skipping braces that are not JSON and brackets inside strings', () => {
    const answer = 'Sure {not json} — the result is {"note": "a } inside", "ok": true}. Anything else?'
    expect(extractJson(answer)).toEqual({
      kind: 'json',
      value: { note: 'a } inside', ok: true },
      from: 'prose',
    })
  })

  it('strips control characters a parser would refuse', () => {
    expect(extractJson('{"a":\u0000 1,\u0007 "b": 2}')).toEqual({
      kind: 'json',
      value: { a: 1, b: 2 },
      from: 'whole',
    })
  })

  it('sees no JSON in citations, in code of other languages, or in a lone array in prose', () => {
    for (const answer of [
      'As shown in [1] and [2], yes.',
      'Use this:\n```python\nconfig = {"a": 1}\nitems = [1, 2]\n```\nDone.',
      'The list is [1, 2, 3] here.',
    ])
      expect(extractJson(answer).kind).toBe('text')
  })

  it('reads JSON whose strings break lines, as models write it', () => {
    expect(extractJson('{"poem": "roses\nare red", "n": 2}')).toEqual({
      kind: 'json',
      value: { poem: 'roses\nare red', n: 2 },
      from: 'whole',
    })
  })

  it('returns the text when there is no JSON, including a bare number or word', () => {
    expect(extractJson('Just words, { unbalanced')).toEqual({
      kind: 'text',
      text: 'Just words, { unbalanced',
    })
    expect(extractJson('42')).toEqual({ kind: 'text', text: '42' })
  })

  it('property: any JSON object, wrapped in prose or a fence or alone, comes back equal', () => {
    const prose = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', ',', '\n', 'é', '数') })
    const value = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }),
      fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.string({ maxLength: 12 }),
        fc.array(fc.integer(), { maxLength: 4 }),
      ),
      { minKeys: 1, maxKeys: 6 },
    )
    const wrapping = fc.constantFrom('alone', 'fence', 'prose')
    // Prose around it must not itself open a brace or a fence.
    fc.assert(
      fc.property(value, prose, prose, wrapping, (object, before, after, how) => {
        const json = JSON.stringify(object)
        const answer =
          how === 'alone'
            ? json
            : how === 'fence'
              ? `${before}\n\`\`\`json\n${json}\n\`\`\`\n${after}`
              : `${before} ${json} ${after}`
        const extracted = extractJson(answer)
        expect(extracted.kind).toBe('json')
        if (extracted.kind === 'json') expect(extracted.value).toEqual(object)
      }),
      { numRuns: 300 },
    )
  })

  it('property: invalid control characters sprinkled anywhere outside strings change nothing', () => {
    const control = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\u007F')
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 8 }),
        fc.array(control, { maxLength: 10 }),
        (numbers, noise) => {
          const json = JSON.stringify({ numbers })
          let noisy = json
          for (const [i, c] of noise.entries()) {
            const at = (i * 7) % noisy.length
            noisy = noisy.slice(0, at) + c + noisy.slice(at)
          }
          const extracted = extractJson(noisy)
          expect(extracted).toEqual({ kind: 'json', value: { numbers }, from: 'whole' })
        },
      ),
      { numRuns: 300 },
    )
  })
})
