import { useCallback, useState } from 'react'
import { useErrorText } from '../i18n/error-text'

export type TaskResult<T> = { ok: true; value: T } | { ok: false }

/**
 * One action at a time with its busy flag and its failure in words. `run` never throws: a failure is
 * kept in `error` for the person to read, and the caller is told it did not work.
 */
export function useTask() {
  const [busy, setBusy] = useState(false)
  // The failure itself, worded at render time: a language switch rewords it.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null)
  const errorText = useErrorText()

  const run = useCallback(async <T>(work: () => Promise<T>): Promise<TaskResult<T>> => {
    setBusy(true)
    setFailure(null)
    try {
      return { ok: true, value: await work() }
    } catch (error) {
      setFailure({ error })
      return { ok: false }
    } finally {
      setBusy(false)
    }
  }, [])

  const clearError = useCallback(() => setFailure(null), [])
  const error = failure ? errorText(failure.error) : null

  return { busy, error, run, clearError }
}
