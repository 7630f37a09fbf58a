// An error in the language shown: its wording (a code with parameters, from the main process) in that
// language's words; else its own text, for errors the page made itself.
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { errorWords } from '../../../shared/error-words/en'
import { errorWordsZh } from '../../../shared/error-words/zh-CN'
import { ApiError } from '../../../shared/errors'
import { type Wording, wordingIn } from '../../../shared/wording'
import { currentLanguage, i18n } from './i18n'

function errorsT() {
  return i18n.getFixedT(null, 'errors')
}
type ErrorsT = ReturnType<typeof errorsT>

export function wordingText(said: Wording, language: string = currentLanguage()): string {
  return language === 'zh-CN' ? wordingIn(errorWordsZh, 'zh-CN', said) : wordingIn(errorWords, 'en', said)
}

/** What a failed call says to the person. */
export function errorText(error: unknown, t: ErrorsT = errorsT()): string {
  if (error instanceof ApiError) return error.wording ? wordingText(error.wording) : error.message
  if (error instanceof Error && error.message) return t('unexpected', { detail: error.message })
  return t('tryAgain')
}

/** For a component: `errorText` in the language shown (a new function, so a re-render, when it changes). */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation('errors')
  return useCallback((error: unknown) => errorText(error, t), [t])
}
