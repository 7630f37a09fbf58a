import { useTranslation } from 'react-i18next'
import { labelOf } from '../compare/model-label'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'

const ENDINGS = {
  complete: 'announce.complete',
  stopped: 'announce.stopped',
  interrupted: 'announce.interrupted',
  error: 'announce.error',
} as const

/** Tells screen readers, politely, when an answer ends; the text itself is on the page to read. */
export function AnswerAnnouncer() {
  const { t } = useTranslation('chat')
  const ended = useChatStore((state) => state.lastEnded)
  const providers = useProvidersStore((state) => state.providers)
  let words = ''
  if (ended) {
    const { message } = ended
    const who = labelOf(providers, message.provider, message.model).model
    const status = message.status
    words = t(status in ENDINGS ? ENDINGS[status as keyof typeof ENDINGS] : 'announce.other', { who })
  }
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {/* Keyed by count: the same words twice in a row are announced twice. */}
      <span key={ended?.count ?? 0}>{words}</span>
    </div>
  )
}
