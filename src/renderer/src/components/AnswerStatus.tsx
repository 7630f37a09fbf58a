import { useTranslation } from 'react-i18next'
import type { AnswerProgress } from '../../../shared/types'
import { useNow } from '../useNow'
import type { ChatT } from './words'

// Why a retry happens, in a few words with the provider's name.
const REASONS = {
  server: 'progress.why.server',
  timeout: 'progress.why.timeout',
  unreachable: 'progress.why.unreachable',
  truncated: 'progress.why.truncated',
} as const

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
  const { t } = useTranslation('chat')
  const now = useNow(1_000)
  const shown =
    anonymous && 'provider' in progress ? { ...progress, provider: t('progress.itsProvider') } : progress
  return (
    <p className="answer-status" role="status">
      {capitalized(describeProgress(shown, now, t))}
    </p>
  )
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function describeProgress(progress: AnswerProgress, now: number, t: ChatT): string {
  const seconds = (ms: number, round: 'floor' | 'ceil' = 'floor') =>
    t('progress.seconds', { n: Math.max(0, Math[round](ms / 1_000)) })
  const attempt =
    progress.phase !== 'queued' && progress.phase !== 'summarizing' && progress.of > 1 && progress.attempt > 1
      ? t('progress.attempt', { attempt: progress.attempt, of: progress.of })
      : ''
  switch (progress.phase) {
    case 'summarizing':
      return t('progress.summarizing', { seconds: seconds(now - progress.since) })
    case 'queued':
      return progress.ahead === 0
        ? t('progress.queuedNext', { provider: progress.provider })
        : t('progress.queuedAhead', { ahead: progress.ahead })
    case 'connecting':
      return t('progress.connecting', { provider: progress.provider, attempt })
    case 'waiting':
      return t('progress.waiting', { seconds: seconds(now - progress.since), attempt })
    case 'retrying': {
      const provider = progress.provider
      const reason = progress.reason
      const why =
        reason === 'rate-limited'
          ? t('progress.why.rateLimited', { provider })
          : reason in REASONS
            ? t(REASONS[reason as keyof typeof REASONS], { provider })
            : t('progress.why.other', { provider })
      return t('progress.retrying', {
        why,
        seconds: seconds(progress.retryAt - now, 'ceil'),
        attempt: progress.attempt,
        of: progress.of,
      })
    }
  }
}
