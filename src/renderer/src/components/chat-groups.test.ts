import { describe, expect, it } from 'vitest'
import type { ChatSummary } from '../../../shared/types'
import { groupChats } from './chat-groups'

const at = (text: string) => new Date(text).getTime()

function chat(id: string, updatedAt: number, pinnedAt: number | null = null): ChatSummary {
  return { id, title: id, empty: false, pinnedAt, expiresAt: null, createdAt: updatedAt, updatedAt }
}

describe('grouping chats by date', () => {
  const now = at('2026-12-02T10:00:00')

  it('puts each chat under Pinned, Today, Yesterday, Previous 7 days or Older, by local calendar day', () => {
    const groups = groupChats(
      [
        chat('this morning', at('2026-12-02T00:30:00')),
        chat('late last night', at('2026-12-01T23:59:00')),
        chat('start of yesterday', at('2026-12-01T00:00:00')),
        chat('three days ago', at('2026-11-29T12:00:00')),
        chat('eight days ago', at('2026-11-24T12:00:00')),
        chat('old but pinned', at('2025-01-01T12:00:00'), at('2026-11-30T12:00:00')),
      ],
      now,
    )
    expect(groups.map((g) => [g.kind, g.chats.map((c) => c.id)])).toEqual([
      ['pinned', ['old but pinned']],
      ['today', ['this morning']],
      ['yesterday', ['late last night', 'start of yesterday']],
      ['week', ['three days ago']],
      ['older', ['eight days ago']],
    ])
  })

  it('orders pinned chats by when they were pinned, the rest newest first, and leaves out empty groups', () => {
    const groups = groupChats(
      [
        chat('a', at('2026-12-02T08:00:00'), at('2026-12-01T08:00:00')),
        chat('b', at('2026-12-02T07:00:00'), at('2026-12-02T08:00:00')),
        chat('c', at('2026-12-02T06:00:00')),
        chat('d', at('2026-12-02T09:00:00')),
      ],
      now,
    )
    expect(groups.map((g) => [g.kind, g.chats.map((c) => c.id)])).toEqual([
      ['pinned', ['b', 'a']],
      ['today', ['d', 'c']],
    ])
    expect(groupChats([], now)).toEqual([])
  })
})
