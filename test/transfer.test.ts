// Import chats and Export all chats through the core, as the page does it: the file sent in pieces,
// then read and added at once. Against a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHAT_FILE_PIECE_BYTES } from '../src/shared/contract'
import type { ChatImportProgress } from '../src/shared/types'
import { english } from '../src/shared/wording'
import { chatgptExport } from './fixtures/chatgpt-export'
import { type Harness, startHarness, TEST_KEY } from './support/core-harness'

let h: Harness
const others: Harness[] = []

beforeEach(async () => {
  h = await startHarness()
})

afterEach(async () => {
  await h.close()
  for (const other of others.splice(0)) await other.close()
})

async function importText(harness: Harness, text: string, pieceBytes = CHAT_FILE_PIECE_BYTES) {
  const bytes = Buffer.from(text, 'utf8')
  const { handlers } = harness.core
  const { importId } = await handlers.importChatsBegin({ size: bytes.length })
  for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
    const base64 = bytes.subarray(offset, offset + pieceBytes).toString('base64')
    await handlers.importChatsPiece({ importId, offset, base64 })
  }
  return handlers.importChatsFinish({ importId })
}

const withoutTime = (text: string) => ({ ...JSON.parse(text), exportedAt: 0 })

async function chatWithBranches(harness: Harness) {
  const { handlers } = harness.core
  const chat = await handlers.createChat(undefined)
  const first = await handlers.sendMessage({ chatId: chat.id, text: 'first question' })
  await harness.core.chats.settle()
  await handlers.regenerate({ messageId: first.assistantMessage.id })
  await harness.core.chats.settle()
  await handlers.voteAnswer({ messageId: first.assistantMessage.id, value: 1 })
  await handlers.keepAnswer({ messageId: first.assistantMessage.id })
  await handlers.sendMessage({ chatId: chat.id, text: '第二个问题' })
  await harness.core.chats.settle()
  await handlers.updateChatSettings({
    chatId: chat.id,
    systemPrompt: 'Be brief.',
    params: { temperature: 0.3 },
  })
  await handlers.pinChat({ chatId: chat.id, pinned: true })
  await handlers.renameChat({ chatId: chat.id, title: 'Branches' })
  return chat.id
}

describe('Import chats from a ChatGPT export', () => {
  it('adds each conversation with its branches, reports what it left out, and reports progress', async () => {
    const report = await importText(h, chatgptExport(), 100)
    expect(report).toMatchObject({
      kind: 'chatgpt',
      chats: 2,
      messages: 9,
      alreadyThere: 0,
      leftOut: 4,
      nonTextParts: 1,
    })
    expect(report.problems.map(english)).toEqual([
      '“分支 and branches”: 2 messages left out: the message they answer is missing from the file.',
      '“分支 and branches”: 2 messages left out: their replies form a loop.',
    ])
    const titles = (await h.core.handlers.listChats(undefined)).map((chat) => chat.title)
    expect(titles.sort()).toEqual(['What is 2 + 2?', '分支 and branches'])
    const progress = h.events
      .filter((e) => e.event === 'chatImportProgress')
      .map((e) => e.payload as ChatImportProgress)
    expect(progress.at(-1)).toMatchObject({ phase: 'done', chats: 2, messages: 9 })

    const chat = (await h.core.handlers.listChats(undefined)).find((c) => c.title === '分支 and branches')
    const thread = await h.core.handlers.openChat({ chatId: chat?.id as string })
    const shown = thread.path.map((id) => thread.messages.find((m) => m.id === id)?.content)
    expect(shown).toEqual(['你好，世界', 'First answer', 'Follow-up', 'It printed 1.'])
    const siblings = await h.core.handlers.listSiblings({ messageId: thread.path[1] as string })
    expect(siblings.map((m) => m.content)).toEqual(['First answer', 'Second answer'])
  })

  it('importing the same export again adds nothing', async () => {
    await importText(h, chatgptExport())
    const again = await importText(h, chatgptExport())
    expect(again).toMatchObject({ chats: 0, messages: 0, alreadyThere: 2 })
    expect(await h.core.handlers.listChats(undefined)).toHaveLength(2)
  })

  it('refuses a malformed file with the reason, and adds nothing', async () => {
    const good = JSON.parse(chatgptExport())
    const broken = JSON.stringify([good[0], { title: 'no mapping' }])
    await expect(importText(h, broken)).rejects.toThrow(
      /^The file was not imported: conversation 2 is not in ChatGPT's format: .*mapping.*Nothing was added\.$/,
    )
    await expect(importText(h, chatgptExport().slice(0, 500))).rejects.toThrow('cut short')
    await expect(importText(h, '{"hello": "world"}')).rejects.toThrow('not a Roundtable chat file')
    expect(await h.core.handlers.listChats(undefined)).toHaveLength(0)
    // Nothing staged is left behind either.
    expect(h.core.db.prepare('SELECT count(*) AS n FROM import_staging').get()).toEqual({ n: 0 })
  })

  it('refuses a file over the limit by its size, before any of it is sent', async () => {
    await expect(h.core.handlers.importChatsBegin({ size: 2 * 1024 ** 3 })).rejects.toThrow(
      'The file is 2 GB; Import chats takes files up to 1 GB. Nothing was imported.',
    )
    const { importId } = await h.core.handlers.importChatsBegin({ size: 4 })
    await expect(
      h.core.handlers.importChatsPiece({
        importId,
        offset: 0,
        base64: Buffer.from('[][][]').toString('base64'),
      }),
    ).rejects.toThrow('More of the file arrived than its size')
  })
})

describe('Export all chats and import them back', () => {
  it('round-trips exactly: export, import into an empty data folder, export again', async () => {
    const chatId = await chatWithBranches(h)
    await importText(h, chatgptExport())
    const exported = await h.core.handlers.exportAllChats(undefined)
    expect(exported.fileName).toMatch(/^roundtable-chats-\d{4}-\d\d-\d\d\.json$/)
    expect(exported.text).not.toContain(TEST_KEY)
    const document = JSON.parse(exported.text)
    expect(document.chats).toHaveLength(3)
    const mine = document.chats.find((c: { id: string }) => c.id === chatId)
    expect(mine.messages.filter((m: { vote: number | null }) => m.vote === 1)).toHaveLength(1)
    expect(mine.messages.filter((m: { preferred: boolean }) => m.preferred)).toHaveLength(1)

    const fresh = await startHarness()
    others.push(fresh)
    const report = await importText(fresh, exported.text, 4096)
    expect(report).toMatchObject({ kind: 'roundtable', chats: 3, alreadyThere: 0, problems: [] })
    const again = await fresh.core.handlers.exportAllChats(undefined)
    expect(withoutTime(again.text)).toEqual(withoutTime(exported.text))
    const single = await fresh.core.handlers.exportChat({ chatId, format: 'json' })
    expect(withoutTime(single.text).chats).toEqual([mine])

    // A second import of the same file adds nothing.
    expect(await importText(fresh, exported.text)).toMatchObject({ chats: 0, alreadyThere: 3 })
  })

  it('refuses a Roundtable file whose tree does not hold together, and adds nothing of it', async () => {
    await chatWithBranches(h)
    const document = JSON.parse((await h.core.handlers.exportAllChats(undefined)).text)
    const fresh = await startHarness()
    others.push(fresh)
    const broken = structuredClone(document)
    broken.chats[0].messages[1].parentId = 'nowhere'
    await expect(importText(fresh, JSON.stringify(broken))).rejects.toThrow(
      /chat 1 \(“Branches”\) is not valid: message .* answers a message that is not in the chat/,
    )
    const wrongType = structuredClone(document)
    wrongType.chats[0].messages[0].role = 'wizard'
    await expect(importText(fresh, JSON.stringify(wrongType))).rejects.toThrow(/chat 1 is not valid: .*role/)
    const newer = { ...document, version: 2 }
    await expect(importText(fresh, JSON.stringify(newer))).rejects.toThrow('newer Roundtable')
    expect(await fresh.core.handlers.listChats(undefined)).toHaveLength(0)
  })
})
