import { ArrowDown } from 'lucide-react'
import { useRef } from 'react'
import { CompareView } from '../compare/CompareView'
import { useFollowEnd } from '../follow-end'
import { useFocusMessage } from '../search/focus-message'
import { useChatStore } from '../store'
import { focusComposer } from './Composer'
import { MessageItem } from './MessageItem'

const NEAR_BOTTOM_PX = 80

export function MessageList() {
  const ids = useChatStore((state) => state.messageIds)
  const lastId = ids.at(-1)
  const lastContentLength = useChatStore((state) => {
    const last = lastId ? state.messages[lastId] : undefined
    return last ? last.content.length + last.thinking.length : 0
  })
  // Follow the answer as it grows, unless the person scrolled up to read.
  const follow = useFollowEnd<HTMLDivElement>(`${ids.length} ${lastContentLength}`, NEAR_BOTTOM_PX)
  // A search result or a find-in-chat match, brought into view.
  const frame = useRef<HTMLDivElement>(null)
  useFocusMessage(frame, () => follow.setFollowing(false))

  if (ids.length === 0) {
    return (
      <div className="empty-thread">
        <h2>Ask anything</h2>
        <p>Type a message below. Enter sends it; Shift+Enter starts a new line.</p>
      </div>
    )
  }
  return (
    <div className="message-list-frame" ref={frame}>
      <div className="message-list" {...follow.props}>
        {ids.map((id) => (
          <MessageItem key={id} id={id} />
        ))}
        <CompareView />
      </div>
      {follow.away && (
        <button
          type="button"
          className="jump-to-latest"
          onClick={() => {
            follow.jumpToEnd()
            focusComposer()
          }}
        >
          <ArrowDown size={16} aria-hidden="true" />
          Jump to latest
        </button>
      )}
    </div>
  )
}
