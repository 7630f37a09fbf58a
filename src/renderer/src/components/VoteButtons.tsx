import { ThumbsDown, ThumbsUp } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { ChatMessage } from '../../../shared/types'
import { useChatStore } from '../store'

/** Thumbs up and down; pressing the chosen one again takes the vote back. */
export function VoteButtons({ message }: { message: ChatMessage }) {
  const { t } = useTranslation('chat')
  const vote = useChatStore((state) => state.vote)
  return (
    <span className="votes">
      <button
        type="button"
        className="icon action"
        aria-label={t('message.goodAnswer')}
        title={t('message.goodAnswer')}
        aria-pressed={message.vote === 1}
        onClick={() => void vote(message.id, message.vote === 1 ? null : 1)}
      >
        <ThumbsUp size={16} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon action"
        aria-label={t('message.badAnswer')}
        title={t('message.badAnswer')}
        aria-pressed={message.vote === -1}
        onClick={() => void vote(message.id, message.vote === -1 ? null : -1)}
      >
        <ThumbsDown size={16} aria-hidden="true" />
      </button>
    </span>
  )
}
