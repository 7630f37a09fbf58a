import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/errors'
import { english, wording } from '../../../shared/wording'
import { errorText, wordingText } from './error-text'
import { i18n } from './i18n'

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('errors in the language shown', () => {
  it('words a failed call by its code, in English and in Chinese, numbers as each writes them', async () => {
    const said = wording('tooLong', { model: 'gpt-4o', tokens: 12_345, window: 8_000, answerRoom: 2_000 })
    const failure = new ApiError({ code: 'invalid-input', message: english(said), wording: said })
    await i18n.changeLanguage('en')
    expect(errorText(failure)).toBe(english(said))
    expect(errorText(failure)).toContain('12,345 tokens')
    await i18n.changeLanguage('zh-CN')
    expect(errorText(failure)).toContain('对 gpt-4o 来说太长')
    expect(errorText(failure)).toContain('12,345')
  })

  it('words a wording inside a wording (a duration, a cause) in the same language', () => {
    const said = wording('paused', { model: 'm', wait: wording('durationS', { n: 30 }) })
    expect(wordingText(said, 'en')).toBe('m is paused after repeated failures. Trying again in 30 s.')
    expect(wordingText(said, 'zh-CN')).toBe('m 多次失败后已暂停，将在 30 秒后重试。')
  })

  it('shows an older error without a wording as it came, and anything else in a plain sentence', () => {
    expect(errorText(new ApiError({ code: 'conflict', message: 'Pick another name.' }))).toBe(
      'Pick another name.',
    )
    expect(errorText('boom')).toBe('Something went wrong. Try again.')
  })
})
