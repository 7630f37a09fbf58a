import type { ChatSummary } from '../../../shared/types'

/** Which section: its heading is the words of `sidebar.groups.<kind>`. */
export type ChatGroupKind = 'pinned' | 'today' | 'yesterday' | 'week' | 'older'

export interface ChatGroup {
  kind: ChatGroupKind
  chats: ChatSummary[]
}

const DAY_MS = 86_400_000

/**
 * The sidebar's sections: pinned chats first (most recently pinned on top), then the rest by the day
 * they last changed, in the person's own time zone. Empty sections are left out.
 */
export function groupChats(chats: readonly ChatSummary[], now: number): ChatGroup[] {
  const today = new Date(now)
  today.setHours(0, 0, 0, 0)
  const startOfToday = today.getTime()
  const yesterday = new Date(startOfToday)
  yesterday.setDate(yesterday.getDate() - 1)
  const startOfYesterday = yesterday.getTime()
  const weekAgo = startOfToday - 7 * DAY_MS

  const groups: ChatGroup[] = [
    { kind: 'pinned', chats: [] },
    { kind: 'today', chats: [] },
    { kind: 'yesterday', chats: [] },
    { kind: 'week', chats: [] },
    { kind: 'older', chats: [] },
  ]
  const [pinned, todays, yesterdays, week, older] = groups as [
    ChatGroup,
    ChatGroup,
    ChatGroup,
    ChatGroup,
    ChatGroup,
  ]
  for (const chat of chats) {
    if (chat.pinnedAt !== null) pinned.chats.push(chat)
    else if (chat.updatedAt >= startOfToday) todays.chats.push(chat)
    else if (chat.updatedAt >= startOfYesterday) yesterdays.chats.push(chat)
    else if (chat.updatedAt >= weekAgo) week.chats.push(chat)
    else older.chats.push(chat)
  }
  pinned.chats.sort((a, b) => (b.pinnedAt ?? 0) - (a.pinnedAt ?? 0))
  for (const group of groups.slice(1)) group.chats.sort((a, b) => b.updatedAt - a.updatedAt)
  return groups.filter((group) => group.chats.length > 0)
}
