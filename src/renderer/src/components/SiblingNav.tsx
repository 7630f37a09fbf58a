// ‹ 2 / 3 ›: the other answers to a question (or versions of a question), one click away.
import type { SiblingInfo } from '../../../shared/types'
import { useChatStore } from '../store'

export function SiblingNav({ info, kind }: { info: SiblingInfo; kind: 'answer' | 'version' }) {
  const show = useChatStore((state) => state.showSibling)
  return (
    <span className="sibling-nav">
      <button
        type="button"
        className="icon"
        aria-label={`Previous ${kind}`}
        title={`Previous ${kind}`}
        disabled={info.previousId === null}
        onClick={() => info.previousId && void show(info.previousId)}
      >
        ‹
      </button>
      <span className="sibling-count">
        {info.index} / {info.count}
      </span>
      <button
        type="button"
        className="icon"
        aria-label={`Next ${kind}`}
        title={`Next ${kind}`}
        disabled={info.nextId === null}
        onClick={() => info.nextId && void show(info.nextId)}
      >
        ›
      </button>
    </span>
  )
}
