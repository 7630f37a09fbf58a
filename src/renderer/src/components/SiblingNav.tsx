// ‹ 2 / 3 ›: the other answers to a question (or versions of a question), one click away.
import { useTranslation } from 'react-i18next'
import type { SiblingInfo } from '../../../shared/types'
import { useChatStore } from '../store'

export function SiblingNav({ info, kind }: { info: SiblingInfo; kind: 'answer' | 'version' }) {
  const { t } = useTranslation('chat')
  const show = useChatStore((state) => state.showSibling)
  const previous = t(kind === 'answer' ? 'message.previousAnswer' : 'message.previousVersion')
  const next = t(kind === 'answer' ? 'message.nextAnswer' : 'message.nextVersion')
  return (
    <span className="sibling-nav">
      <button
        type="button"
        className="icon"
        aria-label={previous}
        title={previous}
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
        aria-label={next}
        title={next}
        disabled={info.nextId === null}
        onClick={() => info.nextId && void show(info.nextId)}
      >
        ›
      </button>
    </span>
  )
}
