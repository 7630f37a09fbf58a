import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatMessage } from '../../../shared/types'
import { answerStats, describeStats } from '../compare/answer-stats'
import { labelOf } from '../compare/model-label'
import { TraceDialog } from '../monitoring/TraceDialog'
import { useProvidersStore } from '../settings/providers-store'
import '../monitoring/monitoring.css'

/** Under a finished answer: `model · 0.8 s · 42 tok/s · 1,234 tokens · $0.0031`; a click shows the request. */
export function AnswerFacts({ message }: { message: ChatMessage }) {
  const { t } = useTranslation('chat')
  const providers = useProvidersStore((state) => state.providers)
  const [open, setOpen] = useState(false)
  if (message.role !== 'assistant' || message.status === 'streaming' || !message.model) return null
  const label = labelOf(providers, message.provider, message.model)
  const route = message.route
  const who = route
    ? [
        t('facts.autoChose', { model: label.model }),
        ...(route.failed.length > 0
          ? [
              t('facts.afterFailed', {
                models: route.failed
                  .map((hop) => labelOf(providers, hop.providerId, hop.model).model)
                  .join(t('facts.separator')),
              }),
            ]
          : []),
      ]
    : [label.model]
  const parts = [...who, ...describeStats(answerStats(message, label.info, message.updatedAt))]
  return (
    <>
      <button
        type="button"
        className="answer-facts"
        title={route ? t('facts.routedHint') : t('facts.detailsHint')}
        onClick={() => setOpen(true)}
      >
        {parts.join(' · ')}
      </button>
      {open && <TraceDialog which={{ messageId: message.id }} onClose={() => setOpen(false)} />}
    </>
  )
}
