// A chat as the page shows it: the kept path, the side-by-side turn at its end while no answer is kept,
// and where each message sits among its siblings (for ‹ 2 / 3 ›).
import type { ChatMessage, ChatThread, CompareColumn, SiblingInfo } from '../../../shared/types'
import type { ChatStore } from '../store/chat-store'
import { chatGone } from '../user-facing-error'

/** What the chat service knows that the database may not hold yet: text still streaming. */
export type LiveContent = (messageId: string) => Partial<ChatMessage> | undefined

export function readThread(store: ChatStore, live: LiveContent, chatId: string): ChatThread {
  const chat = store.getChat(chatId)
  const settings = store.compareSettings(chatId)
  if (!chat || !settings) throw chatGone()
  const path = store.branch(chatId)
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
  const family = store.family(chatId)
  const siblings: Record<string, SiblingInfo> = {}
  for (const message of shown) {
    // A column shows its latest answer; its earlier ones are reached once an answer is kept.
    if (columnHeads.has(message.id)) continue
    const info = siblingInfo(family.get(message.parentId ?? '') ?? [], message.id)
    if (info) siblings[message.id] = info
  }
  return {
    chat,
    path: path.map((message) => message.id),
    messages: shown.map((message) => withLive(message, live)),
    siblings,
    compare,
    settings,
  }
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
