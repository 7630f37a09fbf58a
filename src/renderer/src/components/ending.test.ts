import { describe, expect, it } from 'vitest'
import { describeEnding } from './ending'
import { englishChat as t } from './english-for-tests'

describe('describeEnding', () => {
  it('says nothing for a plain stop', () => {
    expect(describeEnding('stop', t)).toBeNull()
    expect(describeEnding(null, t)).toBeNull()
  })

  it('marks a cut answer and offers Continue', () => {
    expect(describeEnding('length', t)).toEqual({ text: 'Cut off at the token limit.', canContinue: true })
  })

  it('names the tools a model asked for', () => {
    expect(describeEnding('tool-call:get_weather,search', t)?.text).toBe(
      'The model asked to call a tool (get_weather, search). Roundtable offers no tools yet.',
    )
  })

  it.each([
    ['reasoning-only', /whole token budget thinking/],
    ['content-filter', /content filter/],
    ['refusal', /declined/],
    ['empty', /empty answer/],
  ])('words %s', (ending, words) => {
    expect(describeEnding(ending, t)?.text).toMatch(words)
  })
})
