import { useEffect, useRef } from 'react'
import { CompareView } from '../compare/CompareView'
import { useChatStore } from '../store'
import { MessageItem } from './MessageItem'

const NEAR_BOTTOM_PX = 80

export function MessageList() {
  const ids = useChatStore((state) => state.messageIds)
  const lastId = ids.at(-1)
  const lastContentLength = useChatStore((state) =>
    lastId ? (state.messages[lastId]?.content.length ?? 0) : 0,
  )
  const scroller = useRef<HTMLDivElement>(null)
  const following = useRef(true)

  // Follow the answer as it grows, unless the person scrolled up to read.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the last message grows or a message is added
  useEffect(() => {
    const element = scroller.current
    if (element && following.current) element.scrollTop = element.scrollHeight
  }, [ids.length, lastContentLength])

  if (ids.length === 0) {
    return (
      <div className="empty-thread">
        <h2>Ask anything</h2>
        <p>Type a message below. Enter sends it; Shift+Enter starts a new line.</p>
      </div>
    )
  }
  return (
    <div
      className="message-list"
      ref={scroller}
      onScroll={(event) => {
        const element = event.currentTarget
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX
      }}
    >
      {ids.map((id) => (
        <MessageItem key={id} id={id} />
      ))}
      <CompareView />
    </div>
  )
}
