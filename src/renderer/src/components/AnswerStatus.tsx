import type { AnswerProgress } from '../../../shared/types'
import { useNow } from '../useNow'

// Why a retry happens, in a few words after the provider's name.
const REASONS: Record<string, string> = {
  'rate-limited': 'is rate limiting requests',
  server: 'had a problem',
  timeout: 'did not answer in time',
  unreachable: 'could not be reached',
  truncated: 'closed the connection early',
}

/**
 * What an answer waits for before its first token, counted live every second. `anonymous` (a blind
 * comparison) leaves the provider's name out.
 */
export function AnswerStatus({
  progress,
  anonymous = false,
}: {
  progress: AnswerProgress
  anonymous?: boolean
}) {
  const now = useNow(1_000)
  const shown = anonymous && 'provider' in progress ? { ...progress, provider: 'its provider' } : progress
  return (
    <p className="answer-status" role="status">
      {capitalized(describeProgress(shown, now))}
    </p>
  )
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function describeProgress(progress: AnswerProgress, now: number): string {
  const attempt =
    progress.phase !== 'queued' && progress.phase !== 'summarizing' && progress.of > 1 && progress.attempt > 1
      ? ` (attempt ${progress.attempt} of ${progress.of})`
      : ''
  switch (progress.phase) {
    case 'summarizing':
      return `Summarizing earlier messages… ${seconds(now - progress.since)}`
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
