// An error in the language shown: its wording (a code with parameters, from the main process) through
// the `errors` catalog; else its own text, for errors the page made itself.
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../shared/errors'
import type { Wording } from '../../../shared/wording'
import { i18n } from './i18n'

function errorsT() {
  return i18n.getFixedT(null, 'errors')
}
type ErrorsT = ReturnType<typeof errorsT>

export function wordingText(wording: Wording, t: ErrorsT = errorsT()): string {
  if (wording.code === 'unworded') return wording.params.text
  // Every code has its words: the errors catalog is checked against the codes (catalogs.test.ts).
  return (t as (key: string, params: object) => string)(wording.code, wording.params)
}

/** What a failed call says to the person. */
export function errorText(error: unknown, t: ErrorsT = errorsT()): string {
  if (error instanceof ApiError) return error.wording ? wordingText(error.wording, t) : error.message
  if (error instanceof Error && error.message) return t('unexpected', { detail: error.message })
  return t('tryAgain')
}

/** For a component: `errorText` in the language shown, re-rendered when it changes. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation('errors')
  return useCallback((error: unknown) => errorText(error, t), [t])
}
