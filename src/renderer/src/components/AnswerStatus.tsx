import { useEffect, useState } from 'react'
import type { AnswerProgress } from '../../../shared/types'

// Why a retry happens, in a few words after the provider's name.
const REASONS: Record<string, string> = {
  'rate-limited': 'is rate limiting requests',
  server: 'had a problem',
  timeout: 'did not answer in time',
  unreachable: 'could not be reached',
  truncated: 'closed the connection early',
}

/** What an answer waits for before its first token, counted live every second. */
export function AnswerStatus({ progress }: { progress: AnswerProgress }) {
  const now = useNow(1_000)
  return (
    <p className="answer-status" role="status">
      {describeProgress(progress, now)}
    </p>
  )
}

export function describeProgress(progress: AnswerProgress, now: number): string {
  const attempt =
    progress.phase !== 'queued' && progress.of > 1 && progress.attempt > 1
      ? ` (attempt ${progress.attempt} of ${progress.of})`
      : ''
  switch (progress.phase) {
    case 'queued':
      return progress.ahead === 0
        ? `Queued for ${progress.provider} (next)`
        : `Queued (${progress.ahead} ahead)`
    case 'connecting':
      return `Connecting to ${progress.provider}…${attempt}`
    case 'waiting':
      return `Waiting for the first token… ${seconds(now - progress.since)}${attempt}`
    case 'retrying': {
      const why =
        progress.reason === 'rate-limited'
          ? `Rate limited by ${progress.provider}`
          : `${progress.provider} ${REASONS[progress.reason] ?? 'failed'}`
      return `${why}. Retrying in ${seconds(progress.retryAt - now, 'ceil')} (attempt ${progress.attempt} of ${progress.of})`
    }
  }
}

function seconds(ms: number, round: 'floor' | 'ceil' = 'floor'): string {
  return `${Math.max(0, Math[round](ms / 1_000))} s`
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
