import type { ChatMessage } from '../../../shared/types'
import { useChatStore } from '../store'
import { ThumbDownIcon, ThumbUpIcon } from './Icons'

/** Thumbs up and down; pressing the chosen one again takes the vote back. */
export function VoteButtons({ message }: { message: ChatMessage }) {
  const vote = useChatStore((state) => state.vote)
  return (
    <span className="votes">
      <button
        type="button"
        className="icon"
        aria-label="Good answer"
        title="Good answer"
        aria-pressed={message.vote === 1}
        onClick={() => void vote(message.id, message.vote === 1 ? null : 1)}
      >
        <ThumbUpIcon />
      </button>
      <button
        type="button"
        className="icon"
        aria-label="Bad answer"
        title="Bad answer"
        aria-pressed={message.vote === -1}
        onClick={() => void vote(message.id, message.vote === -1 ? null : -1)}
      >
        <ThumbDownIcon />
      </button>
    </span>
  )
}
