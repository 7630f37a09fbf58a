// A disk that fills up, for real as far as SQLite can tell: `max_page_count` makes every write that
// needs another page fail with SQLITE_FULL, exactly as a full file system does. The person must be told
// it is the disk, and nothing shown may be claimed as kept unless it is on disk.
import { afterEach, describe, expect, it } from 'vitest'
import { dispatchCall } from '../src/main/core/dispatch'
import { finalOf, type Harness, startHarness, streamedText, waitFor } from './support/core-harness'

let harness: Harness | null = null

afterEach(async () => {
  await harness?.close()
  harness = null
})

function fillTheDisk(h: Harness): void {
  const pages = h.core.db.pragma('page_count', { simple: true }) as number
  h.core.db.pragma(`max_page_count = ${pages}`)
}

function makeRoom(h: Harness): void {
  h.core.db.pragma('max_page_count = 1073741823')
}

function savedContent(h: Harness, messageId: string): string {
  const row = h.core.db.prepare('SELECT content FROM messages WHERE id = ?').get(messageId) as {
    content: string
  }
  return row.content
}

describe('a full disk', () => {
  it('before a question: the call says the disk is full, not that something went wrong inside', async () => {
    harness = await startHarness()
    const chat = await harness.core.handlers.createChat(undefined)
    fillTheDisk(harness)
    const result = await dispatchCall(harness.core.handlers, 'sendMessage', {
      chatId: chat.id,
      text: `a long question ${'word '.repeat(3_000)}`,
    })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.message).toMatch(/The disk is full/)
    expect(!result.ok && result.error.message).not.toMatch(/Something went wrong/)
  })

  it('mid-answer: stops, says exactly how much is not saved yet, keeps it in memory and writes it once there is room', async () => {
    harness = await startHarness({ core: { saveIntervalMs: 20, saveRetryMs: 30 } })
    const h = harness
    const { handlers } = h.core
    const chat = await handlers.createChat(undefined)
    const sent = await handlers.sendMessage({
      chatId: chat.id,
      text: 'tell me everything #words=6000 #delay=1',
    })
    const id = sent.assistantMessage.id
    await waitFor(() => streamedText(h.batches, id).length > 3_000, 'some of the answer')
    fillTheDisk(h)
    await waitFor(() => finalOf(h.batches, id) !== undefined, 'the answer to stop')

    const shown = streamedText(h.batches, id)
    const final = finalOf(h.batches, id)
    expect(final?.status).toBe('interrupted')
    expect(shown).not.toContain('word6000')
    const onDisk = savedContent(h, id)
    expect(shown.startsWith(onDisk)).toBe(true)
    const unsaved = Number(
      (/The last ([\d,]+) characters/.exec(final?.error ?? '')?.[1] ?? '').replace(/,/g, ''),
    )
    // The claim is exact: what is on disk plus what is said to be unsaved is what the page shows.
    expect(unsaved).toBeGreaterThan(0)
    expect([...onDisk].length + unsaved).toBe([...shown].length)
    expect(final?.error).toMatch(/disk is full/)

    // Reopening the chat meanwhile shows everything that was shown, not only what is on disk.
    const thread = await handlers.openChat({ chatId: chat.id })
    expect(thread.messages.at(-1)?.content).toBe(shown)

    makeRoom(h)
    await waitFor(() => h.batches.filter((b) => b.messageId === id && b.final).length === 2, 'the late save')
    expect(savedContent(h, id)).toBe(shown)
    const last = h.batches.filter((b) => b.messageId === id && b.final).at(-1)
    expect(last?.final?.error).toMatch(/All the text shown here is saved/)
    const reopened = await handlers.openChat({ chatId: chat.id })
    expect(reopened.messages.at(-1)).toMatchObject({ status: 'interrupted', content: shown })
  })

  it('if Roundtable closes before there is room, the file holds only what it said it held', async () => {
    harness = await startHarness({ core: { saveIntervalMs: 20, saveRetryMs: 60_000 } })
    const h = harness
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'go on #words=6000 #delay=1' })
    const id = sent.assistantMessage.id
    await waitFor(() => streamedText(h.batches, id).length > 3_000, 'some of the answer')
    fillTheDisk(h)
    await waitFor(() => finalOf(h.batches, id) !== undefined, 'the answer to stop')
    const onDisk = savedContent(h, id)
    // max_page_count lasts only as long as the connection: the restart is a disk with room again.
    await h.restart()
    const after = await h.core.handlers.openChat({ chatId: chat.id })
    const answer = after.messages.find((m) => m.id === id)
    // The shutdown's last try succeeded or not; either way nothing claimed more than the file holds.
    expect(answer?.content.startsWith(onDisk)).toBe(true)
    expect(answer?.status).toBe('interrupted')
  })
})
