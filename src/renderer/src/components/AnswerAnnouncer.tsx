import { labelOf } from '../compare/model-label'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'

const ENDINGS: Record<string, string> = {
  complete: 'finished answering',
  stopped: 'stopped',
  interrupted: 'was interrupted',
  error: 'could not answer',
}

/** Tells screen readers, politely, when an answer ends; the text itself is on the page to read. */
export function AnswerAnnouncer() {
  const ended = useChatStore((state) => state.lastEnded)
  const providers = useProvidersStore((state) => state.providers)
  let words = ''
  if (ended) {
    const { message } = ended
    const who = labelOf(providers, message.provider, message.model).model
    words = `${who} ${ENDINGS[message.status] ?? 'ended'}.`
  }
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {/* Keyed by count: the same words twice in a row are announced twice. */}
      <span key={ended?.count ?? 0}>{words}</span>
    </div>
  )
}
