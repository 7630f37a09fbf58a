// Rules about the open chat that the store applies, kept free of the page's transport so they can be
// tested on their own.
import type { AnswerTarget, ChatMessage, CompareSettings, CompareTurn } from '../../shared/types'

export interface ThreadView {
  messageIds: string[]
  messages: Record<string, ChatMessage>
  compare: CompareTurn | null
  compareSettings: CompareSettings
}

/** The models the next message goes to side by side, unless every column goes on by itself. */
export function comparing(state: Pick<ThreadView, 'compare' | 'compareSettings'>): {
  targets?: AnswerTarget[]
} {
  if (state.compare?.separate) return {}
  const { targets } = state.compareSettings
  return targets.length >= 2 ? { targets } : {}
}

/**
 * The message to show when a snapshot of the chat arrives: the snapshot's, unless the page already
 * holds a later state of it. Batches and snapshots travel on different channels, so an answer's end
 * (or more of its text) can arrive before a snapshot taken earlier; going back would leave it showing
 * "Answering…" with no batch left to come. An unchanged message keeps its object, so it does not
 * re-render.
 */
export function reuse(previous: ChatMessage | undefined, next: ChatMessage): ChatMessage {
  if (!previous) return next
  if (next.status === 'streaming') {
    const ended = previous.status !== 'streaming'
    const further =
      previous.content.length + previous.thinking.length > next.content.length + next.thinking.length
    if (ended || further) return { ...previous, vote: next.vote, preferred: next.preferred }
  }
  const same =
    previous.updatedAt === next.updatedAt &&
    previous.status === next.status &&
    previous.content.length === next.content.length &&
    previous.thinking.length === next.thinking.length &&
    previous.vote === next.vote &&
    previous.preferred === next.preferred &&
    previous.model === next.model
  return same ? previous : next
}

/** The next message must wait: the answer it would follow (or, continued separately, any column's) is still coming. */
export function isAnswering(state: Pick<ThreadView, 'messageIds' | 'messages' | 'compare'>): boolean {
  const last = state.messageIds.at(-1)
  if (last && state.messages[last]?.status === 'streaming') return true
  if (!state.compare?.separate) return false
  return state.compare.columns.some((column) => {
    const leaf = column.messageIds.at(-1)
    return leaf !== undefined && state.messages[leaf]?.status === 'streaming'
  })
}

/** A side-by-side turn is open and not continued separately: the person keeps an answer first. */
export function mustKeep(state: Pick<ThreadView, 'compare'>): boolean {
  return state.compare !== null && !state.compare.separate
}
