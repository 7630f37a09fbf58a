// Search against the fake provider over real HTTP and a real SQLite file, through the reads worker:
// English, Chinese and Japanese substrings, filters, a result on another branch opened there, and
// find in chat.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { calls } from '../src/shared/contract'
import { type Harness, startHarness } from './support/core-harness'

let h: Harness

beforeEach(async () => {
  h = await startHarness()
})

afterEach(async () => {
  await h.close()
})

async function ask(text: string, chatId?: string) {
  const id = chatId ?? (await h.core.handlers.createChat(undefined)).id
  const sent = await h.core.handlers.sendMessage({ chatId: id, text })
  await h.core.chats.settle()
  return { chatId: id, question: sent.userMessage.id, answer: sent.assistantMessage.id }
}

const ids = async (query: string) =>
  (await h.core.handlers.search({ query })).hits.map((hit) => hit.messageId ?? `title:${hit.chatId}`)

describe('search', () => {
  it('finds English, Chinese and Japanese text in every chat, with the match marked', async () => {
    const english = await ask('Where do zebras sleep at night?')
    const chinese = await ask('请介绍分布式数据库的设计')
    const japanese = await ask('昨日は東京で寿司を食べました')

    expect(await ids('zebras')).toEqual(expect.arrayContaining([english.question, english.answer]))
    const zh = await h.core.handlers.search({ query: '数据库' })
    expect(zh.hits.map((hit) => hit.messageId)).toEqual(
      expect.arrayContaining([chinese.question, chinese.answer]),
    )
    expect(zh.hits.every((hit) => hit.snippet.some((part) => part.match && part.text === '数据库'))).toBe(
      true,
    )
    // The chat was named from its first words: its title is found too.
    expect(zh.hits.some((hit) => hit.kind === 'title' && hit.chatId === chinese.chatId)).toBe(true)
    expect(await ids('寿司を食べ')).toEqual(expect.arrayContaining([japanese.question, japanese.answer]))
    // Two characters: below the trigram, still found.
    expect(await ids('寿司')).toEqual(expect.arrayContaining([japanese.question, japanese.answer]))
  })

  it('filters by role, model and title, and takes FTS syntax as text', async () => {
    const asked = await ask('The kernel panic again')
    expect(await ids('kernel role:user')).toEqual([asked.question])
    expect(await ids('kernel role:assistant')).toEqual([asked.answer])
    expect(await ids('kernel model:fake')).toEqual([asked.answer])
    expect(await ids('kernel model:nothing-like-it')).toEqual([])
    expect(await ids('kernel in:title')).toEqual([`title:${asked.chatId}`])
    for (const query of ['"', '*', 'NEAR', '-', 'kernel NOT', '(kernel'])
      await expect(h.core.handlers.search({ query })).resolves.toBeDefined()
    const notes = (await h.core.handlers.search({ query: 'kernel before:someday' })).notes
    expect(notes).toHaveLength(1)
  })

  it('refuses, in words, a query too long to be one', () => {
    const parsed = calls.search.input.safeParse({ query: 'x'.repeat(501) })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('A search can be at most 500 characters.')
    expect(calls.search.input.safeParse({ query: '" * NEAR -' }).success).toBe(true)
  })

  it('opens a result on another branch, with every message above it kept', async () => {
    const first = await ask('Tell me about zebras')
    const later = await ask('And their stripes?', first.chatId)
    // A new version of the first question: the zebra branch is no longer shown.
    await h.core.handlers.editMessage({ messageId: first.question, text: 'Tell me about giraffes' })
    await h.core.chats.settle()
    const shown = await h.core.handlers.openChat({ chatId: first.chatId })
    expect(shown.messages.some((message) => message.id === later.answer)).toBe(false)

    const hit = (await h.core.handlers.search({ query: 'stripes' })).hits.find(
      (found) => found.messageId === later.answer,
    )
    expect(hit).toBeDefined()
    const opened = await h.core.handlers.openMessage({ messageId: later.answer })
    expect(opened.path).toEqual([first.question, first.answer, later.question, later.answer])

    // Find in chat: the shown branch's matches, and how many more elsewhere.
    const found = await h.core.handlers.findInChat({ chatId: first.chatId, query: 'zebras' })
    expect(found).toEqual({ messageIds: [first.question, first.answer], elsewhere: 0 })
    const giraffes = await h.core.handlers.findInChat({ chatId: first.chatId, query: 'giraffes' })
    expect(giraffes.messageIds).toEqual([])
    expect(giraffes.elsewhere).toBe(2)
  })
})
