// A chat as the page shows it: the kept path, the side-by-side turn at its end while no answer is kept,
// and where each message sits among its siblings (for ‹ 2 / 3 ›).
import type { ChatMessage, ChatThread, CompareColumn, SiblingInfo } from '../../../shared/types'
import type { ChatStore } from '../store/chat-store'
import { chatGone } from '../user-facing-error.ts'

/** What the chat service knows that the database may not hold yet: text still streaming. */
export type LiveContent = (messageId: string) => Partial<ChatMessage> | undefined

/**
 * How many of the path's latest messages a thread carries. The page reads the others by id as they
 * scroll into view, so opening (or sending in) a 10,000-message chat moves a few hundred kilobytes of
 * ids, not megabytes of text.
 */
export const THREAD_WINDOW = 100

export function readThread(
  store: ChatStore,
  live: LiveContent,
  chatId: string,
  window: number = THREAD_WINDOW,
): ChatThread {
  const chat = store.getChat(chatId)
  const settings = store.compareSettings(chatId)
  if (!chat || !settings) throw chatGone()
  const tree = store.tree(chatId)
  const pathIds = tree.path
  const path = store.messagesByIds(chatId, pathIds.slice(Math.max(0, pathIds.length - window)))
  const shown = [...path]
  const last = path.at(-1)
  // The path stops at a question with answers only when none of them is kept: the turn is open.
  const answers = last?.role === 'user' ? store.children(last.id) : []
  let compare: ChatThread['compare'] = null
  const columnHeads = new Set<string>()
  if (last && answers.length > 0) {
    const separate = store.separateFrom(chatId) === last.id
    const columns: CompareColumn[] = columnsOf(answers).map((answer) => {
      columnHeads.add(answer.id)
      const thread = separate ? store.descend(answer.id) : [answer]
      shown.push(...thread)
      return { answerId: answer.id, messageIds: thread.map((message) => message.id) }
    })
    compare = { questionId: last.id, separate, columns }
  }
  // Every shown message's place among its siblings, the unread ones' too, so ‹ 2 / 3 › is right
  // whenever they scroll into view.
  const { family, parents } = tree
  const siblings: Record<string, SiblingInfo> = {}
  for (const id of shownMessageIds({ path: pathIds, compare })) {
    // A column shows its latest answer; its earlier ones are reached once an answer is kept.
    if (columnHeads.has(id)) continue
    const info = siblingInfo(family.get(parents.get(id) ?? '') ?? [], id)
    if (info) siblings[id] = info
  }
  return {
    chat,
    path: pathIds,
    messages: shown.map((message) => withLive(message, live)),
    siblings,
    compare,
    settings,
  }
}

/** Every message the thread shows: the path's and the open turn's columns'. */
export function shownMessageIds(thread: Pick<ChatThread, 'path' | 'compare'>): string[] {
  return [...thread.path, ...(thread.compare?.columns.flatMap((column) => column.messageIds) ?? [])]
}

/** An answer still streaming is shown as far as the renderer was sent it, so the batches that follow line up. */
export function withLive(message: ChatMessage, live: LiveContent): ChatMessage {
  const current = live(message.id)
  return current === undefined ? message : { ...message, ...current }
}

/**
 * One column per slot, holding the slot's latest answer (a retry in a column replaces what it shows),
 * in the order the slots were first filled. An answer from before the turn went side by side has a
 * column of its own.
 */
export function columnsOf(answers: ChatMessage[]): ChatMessage[] {
  const latest = new Map<string, ChatMessage>()
  for (const answer of answers) {
    if (answer.role !== 'assistant') continue
    const key = answer.slot === null ? `id:${answer.id}` : `slot:${answer.slot}`
    const seen = latest.get(key)
    // A Map keeps a key where it was first set, so a column stays where its slot began.
    if (!seen) latest.set(key, answer)
    else latest.set(key, answer.createdAt >= seen.createdAt ? answer : seen)
  }
  return [...latest.values()]
}

export function siblingInfo(ids: string[], id: string): SiblingInfo | null {
  if (ids.length < 2) return null
  const at = ids.indexOf(id)
  if (at < 0) return null
  return {
    index: at + 1,
    count: ids.length,
    previousId: ids[at - 1] ?? null,
    nextId: ids[at + 1] ?? null,
  }
}
