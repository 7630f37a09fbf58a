import { describe, expect, it } from 'vitest'
import { normalizeMath } from './math-delimiters'

describe('math as models write it', () => {
  it('reads \\( \\) and \\[ \\] as inline and display math', () => {
    expect(normalizeMath('Area is \\(\\pi r^2\\).')).toBe('Area is $\\pi r^2$.')
    expect(normalizeMath('\\[\na^2 + b^2 = c^2\n\\]')).toBe('$$\na^2 + b^2 = c^2\n$$')
    // On a line of its own, one-line display math is display math.
    expect(normalizeMath('See:\n\n$$\\int_0^1 x\\,dx$$\n\nDone')).toBe(
      'See:\n\n$$\n\\int_0^1 x\\,dx\n$$\n\nDone',
    )
    expect(normalizeMath('\\[ e^{i\\pi} \\]')).toBe('$$\ne^{i\\pi}\n$$')
  })

  it('keeps $…$ and $$…$$ as they are', () => {
    expect(normalizeMath('so $x^2$ grows, and $$\\sum_i x_i$$ too')).toBe(
      'so $x^2$ grows, and $$\\sum_i x_i$$ too',
    )
  })

  it('keeps prices as dollars', () => {
    expect(normalizeMath('It costs $5 and $10 with tax.')).toBe('It costs \\$5 and \\$10 with tax.')
    expect(normalizeMath('Only $5.')).toBe('Only \\$5.')
    expect(normalizeMath('From $5 to $ 7')).toBe('From \\$5 to \\$ 7')
    expect(normalizeMath('already \\$5 escaped')).toBe('already \\$5 escaped')
  })

  it('leaves code alone, fenced or inline, open or closed', () => {
    const fenced = '```sh\necho $HOME \\(x\\)\n```\nthen $5'
    expect(normalizeMath(fenced)).toBe('```sh\necho $HOME \\(x\\)\n```\nthen \\$5')
    expect(normalizeMath('run `echo $PATH` now')).toBe('run `echo $PATH` now')
    expect(normalizeMath('```js\nconst price = "$5"')).toBe('```js\nconst price = "$5"')
  })

  it('does not let math run across a paragraph', () => {
    expect(normalizeMath('a $x\n\ny$ b')).toBe('a \\$x\n\ny\\$ b')
  })
})
