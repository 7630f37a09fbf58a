import { useCallback, useState } from 'react'
import { errorMessage } from './format'

export type TaskResult<T> = { ok: true; value: T } | { ok: false }

/**
 * One action at a time with its busy flag and its failure in words. `run` never throws: a failure is
 * kept in `error` for the person to read, and the caller is told it did not work.
 */
export function useTask() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = useCallback(async <T>(work: () => Promise<T>): Promise<TaskResult<T>> => {
    setBusy(true)
    setError(null)
    try {
      return { ok: true, value: await work() }
    } catch (failure) {
      setError(errorMessage(failure))
      return { ok: false }
    } finally {
      setBusy(false)
    }
  }, [])

  const clearError = useCallback(() => setError(null), [])

  return { busy, error, run, clearError }
}
