// Side by side against the fake provider over real HTTP and a real SQLite file: one question to
// several models, keeping one (and only it goes on as context), browsing the others, a failing column,
// continuing separately, merging, votes on the leaderboard, and all of it after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AnswerTarget, ChatThread } from '../src/shared/types'
import {
  anthropicChat,
  finalOf,
  type Harness,
  startHarness,
  streamedText,
  waitFor,
} from './support/core-harness'

let h: Harness
let openai: string
let anthropic: string

beforeEach(async () => {
  h = await startHarness()
  const providers = await h.core.handlers.listProviders(undefined)
  openai = providers[0]?.id as string
  await anthropicChat(h)
  anthropic = (await h.core.handlers.listProviders(undefined)).find((p) => p.name === 'Anthropic (fake)')
    ?.id as string
})

afterEach(async () => {
  await h.close()
})

const small = (): AnswerTarget => ({ providerId: openai, model: 'fake-small' })
const large = (): AnswerTarget => ({ providerId: openai, model: 'fake-large' })
const claude = (): AnswerTarget => ({ providerId: anthropic, model: 'claude-fake-sonnet' })

/** The messages the fake was sent for its most recent chat request. */
function lastSent(): { role: string; content: unknown }[] {
  const request = h.fake.requests.filter((r) => r.method === 'POST').at(-1)
  return ((request?.body as { messages?: unknown[] })?.messages ?? []) as { role: string; content: unknown }[]
}

const textOf = (content: unknown) =>
  typeof content === 'string'
    ? content
    : (content as { text?: string }[]).map((part) => part.text ?? '').join('')

async function threeColumns(question = 'Which is best?') {
  const chat = await h.core.handlers.createChat(undefined)
  const sent = await h.core.handlers.sendMessage({
    chatId: chat.id,
    text: question,
    targets: [small(), large(), claude()],
  })
  await h.core.chats.settle()
  return { chatId: chat.id, sent, thread: await h.core.handlers.openChat({ chatId: chat.id }) }
}

const columnAnswers = (thread: ChatThread) =>
  (thread.compare?.columns ?? []).map((column) => thread.messages.find((m) => m.id === column.answerId))

describe('side by side', () => {
  it('three models answer one question; each column has its own model and ends on its own', async () => {
    const { sent, thread } = await threeColumns()
    expect(sent.answers).toHaveLength(3)
    expect(thread.compare?.questionId).toBe(sent.userMessage.id)
    expect(thread.path.at(-1)).toBe(sent.userMessage.id)
    const answers = columnAnswers(thread)
    expect(answers.map((a) => a?.model)).toEqual(['fake-small', 'fake-large', 'claude-fake-sonnet'])
    expect(answers.every((a) => a?.status === 'complete' && a.content.includes('Which is best?'))).toBe(true)
    expect(answers.every((a) => a?.firstTokenMs !== null && a?.durationMs !== null)).toBe(true)
  })

  it('keeping the second sends only it as context next turn; the others stay browsable and can be kept instead', async () => {
    const { chatId, sent, thread } = await threeColumns()
    const second = columnAnswers(thread)[1]
    if (!second) throw new Error('no second column')
    const kept = await h.core.handlers.keepAnswer({ messageId: second.id })
    expect(kept.compare).toBeNull()
    expect(kept.path).toEqual([sent.userMessage.id, second.id])
    expect(kept.siblings[second.id]).toMatchObject({ index: 2, count: 3 })

    await h.core.handlers.sendMessage({ chatId, text: 'And why?' })
    await h.core.chats.settle()
    const context = lastSent().map((m) => textOf(m.content))
    expect(context).toEqual(['Which is best?', second.content, 'And why?'])

    // ‹ › reaches the first answer again; keeping it instead makes it the path.
    const first = kept.siblings[second.id]?.previousId as string
    const browsed = await h.core.handlers.showMessage({ messageId: first })
    expect(browsed.path).toEqual([sent.userMessage.id, first])
    const keptFirst = await h.core.handlers.keepAnswer({ messageId: first })
    expect(keptFirst.messages.find((m) => m.id === first)?.preferred).toBe(true)
    // Going back to the second finds the turn that followed it where it was.
    const back = await h.core.handlers.showMessage({ messageId: second.id })
    expect(back.path).toHaveLength(4)
    expect(back.messages.at(-2)?.content).toBe('And why?')
    expect((await h.core.handlers.listSiblings({ messageId: second.id })).map((m) => m.id)).toContain(first)
  })

  it('a failing model shows its error in its column while the others finish', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    await h.core.handlers.sendMessage({
      chatId: chat.id,
      text: 'hello',
      targets: [small(), { providerId: openai, model: 'no-such-model' }, claude()],
    })
    await h.core.chats.settle()
    const thread = await h.core.handlers.openChat({ chatId: chat.id })
    const [a, b, c] = columnAnswers(thread)
    expect(a?.status).toBe('complete')
    expect(b).toMatchObject({ status: 'error' })
    expect(b?.error).toMatch(/no-such-model|not found|does not exist/i)
    expect(c?.status).toBe('complete')

    // Ask another model re-asks that column only; the column keeps its place.
    const retried = await h.core.handlers.regenerate({ messageId: b?.id as string, target: large() })
    await h.core.chats.settle()
    const after = await h.core.handlers.openChat({ chatId: chat.id })
    expect(after.compare?.columns[1]?.answerId).toBe(retried.assistantMessage.id)
    expect(columnAnswers(after).map((m) => m?.status)).toEqual(['complete', 'complete', 'complete'])
  })

  it('a model removed since the turn was asked: its column keeps its text and says to ask another', async () => {
    const { chatId, thread } = await threeColumns()
    const third = columnAnswers(thread)[2]
    await h.core.handlers.deleteProvider({ providerId: anthropic })
    const again = await h.core.handlers.regenerate({ messageId: third?.id as string })
    await h.core.chats.settle()
    const after = await h.core.handlers.openChat({ chatId })
    const column = after.messages.find((m) => m.id === again.assistantMessage.id)
    expect(column).toMatchObject({ status: 'error', errorKind: 'no-target' })
    expect(column?.error).toMatch(/removed\. Ask another model/)
    // The earlier answer's text is still there.
    expect(
      (await h.core.handlers.listSiblings({ messageId: third?.id as string })).map((m) => m.content),
    ).toContain(third?.content)
  })

  it('refuses a next message while no answer is kept, and ten columns with the limit named', async () => {
    const { chatId } = await threeColumns()
    await expect(h.core.handlers.sendMessage({ chatId, text: 'next' })).rejects.toThrow(
      /Keep one of the answers/,
    )
    const { dispatchCall } = await import('../src/main/core/dispatch')
    const ten = Array.from({ length: 10 }, small)
    const result = await dispatchCall(h.core.handlers, 'sendMessage', { chatId, text: 'x', targets: ten })
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/at most 8 models/) } })
  })

  it('continuing separately gives every model its own thread', async () => {
    const { chatId, sent } = await threeColumns('Start')
    const separate = await h.core.handlers.continueSeparately({ questionId: sent.userMessage.id })
    expect(separate.compare?.separate).toBe(true)
    const next = await h.core.handlers.sendMessage({ chatId, text: 'Go on' })
    expect(next.answers).toHaveLength(3)
    await h.core.chats.settle()
    const thread = await h.core.handlers.openChat({ chatId })
    const columns = thread.compare?.columns ?? []
    expect(columns.map((c) => c.messageIds.length)).toEqual([3, 3, 3])
    // Each model heard only its own earlier answer.
    const posts = h.fake.requests.filter((r) => r.method === 'POST').slice(-3)
    for (const [index, post] of posts.entries()) {
      const messages = (
        (post.body as { messages: { role: string; content: unknown }[] }).messages ?? []
      ).filter((m) => m.role !== 'system')
      const own = thread.messages.find((m) => m.id === columns[index]?.messageIds[0])
      expect(messages.map((m) => textOf(m.content))).toEqual(['Start', own?.content, 'Go on'])
    }
  })

  it('a merge adds one more answer that says what it drew on; too much for the window is refused', async () => {
    const { chatId, sent, thread } = await threeColumns()
    const ids = columnAnswers(thread).map((m) => m?.id as string)
    const merged = await h.core.handlers.mergeAnswers({
      questionId: sent.userMessage.id,
      answerIds: ids,
      target: small(),
      prompt: 'Combine these answers.',
    })
    await h.core.chats.settle()
    const after = await h.core.handlers.openChat({ chatId })
    expect(after.compare?.columns).toHaveLength(4)
    const answer = after.messages.find((m) => m.id === merged.assistantMessage.id)
    expect(answer?.mergedFrom).toEqual(ids)
    const prompt = textOf(lastSent().at(-1)?.content)
    expect(prompt).toContain('Combine these answers.')
    for (const m of columnAnswers(thread)) expect(prompt).toContain(m?.content)

    await h.core.handlers.saveModel({
      providerId: anthropic,
      model: {
        id: 'claude-fake-sonnet',
        displayName: null,
        contextWindow: 10,
        maxOutputTokens: null,
        inputPrice: null,
        outputPrice: null,
        vision: false,
        reasoning: false,
      },
    })
    await expect(
      h.core.handlers.mergeAnswers({
        questionId: sent.userMessage.id,
        answerIds: ids,
        target: claude(),
        prompt: 'Combine these answers.',
      }),
    ).rejects.toThrow(/holds 10\. Merge fewer answers/)
  })

  it('votes and keeps show on the leaderboard, and everything is where it was after a restart', async () => {
    const { chatId, sent, thread } = await threeColumns()
    const [a, b, c] = columnAnswers(thread)
    await h.core.handlers.voteAnswer({ messageId: a?.id as string, value: -1 })
    await h.core.handlers.voteAnswer({ messageId: c?.id as string, value: 1 })
    await h.core.handlers.keepAnswer({ messageId: b?.id as string })
    await h.core.handlers.updateCompareSettings({
      chatId,
      layout: 'grid',
      blind: true,
      targets: [small(), claude()],
    })

    const board = await h.core.handlers.getLeaderboard({ period: '7d' })
    const row = (model: string) => board.find((r) => r.model === model)
    // Kept: large over small and over claude. Voted: claude (up) over small (down); the votes against
    // or for the kept answer say nothing the keep did not.
    expect(row('fake-large')).toMatchObject({ wins: 2, losses: 0, up: 0, down: 0 })
    expect(row('claude-fake-sonnet')).toMatchObject({ wins: 1, losses: 1, up: 1, down: 0 })
    expect(row('fake-small')).toMatchObject({ wins: 0, losses: 2, up: 0, down: 1 })
    expect(row('fake-large')?.rating).toBeGreaterThan(row('fake-small')?.rating as number)
    expect(row('claude-fake-sonnet')?.providerName).toBe('Anthropic (fake)')

    const before = await h.core.handlers.openChat({ chatId })
    await h.restart()
    const after = await h.core.handlers.openChat({ chatId })
    expect(after).toEqual(before)
    expect(after.settings).toMatchObject({ layout: 'grid', blind: true })
    expect(after.siblings[b?.id as string]).toMatchObject({ index: 2, count: 3 })
    expect(await h.core.handlers.getLeaderboard({ period: '7d' })).toEqual(board)
    // Reopening the turn side by side is a click away, and keeps every answer.
    const reopened = await h.core.handlers.compareAnswers({ questionId: sent.userMessage.id })
    expect(reopened.compare?.columns).toHaveLength(3)
  })

  it('counts only what the person could judge: no answers added after a keep, no failed or merged ones', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({
      chatId: chat.id,
      text: 'hello',
      targets: [small(), { providerId: openai, model: 'no-such-model' }, large()],
    })
    await h.core.chats.settle()
    const [a, failed, c] = sent.answers
    await h.core.handlers.mergeAnswers({
      questionId: sent.userMessage.id,
      answerIds: [a?.id as string, c?.id as string],
      target: claude(),
      prompt: 'Combine.',
    })
    await h.core.chats.settle()
    await h.core.handlers.keepAnswer({ messageId: a?.id as string })
    // Asked after the keep: not beaten by it.
    await h.core.handlers.regenerate({ messageId: a?.id as string, target: claude() })
    await h.core.chats.settle()
    await h.core.handlers.voteAnswer({ messageId: failed?.id as string, value: 1 })
    const board = await h.core.handlers.getLeaderboard({ period: 'all' })
    expect(board.map((r) => [r.model, r.wins, r.losses])).toEqual(
      expect.arrayContaining([
        ['fake-small', 1, 0],
        ['fake-large', 0, 1],
      ]),
    )
    expect(board.find((r) => r.model === 'claude-fake-sonnet')).toBeUndefined()
    // Going on from the failed answer is a path, not a win.
    const keptFailed = await h.core.handlers.keepAnswer({ messageId: failed?.id as string })
    expect(keptFailed.messages.find((m) => m.id === failed?.id)?.preferred).toBe(false)
  })

  it('keeping one stops the others still coming; a column asked again stops its old answer', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({
      chatId: chat.id,
      text: 'long #words=4000 #delay=5',
      targets: [small(), large(), claude()],
    })
    const [a, b, c] = sent.answers
    await waitFor(() => streamedText(h.batches, c?.id as string).length > 0, 'the third column to stream')
    const again = await h.core.handlers.regenerate({ messageId: c?.id as string })
    await waitFor(() => finalOf(h.batches, c?.id as string) !== undefined, 'the replaced answer to stop')
    expect(finalOf(h.batches, c?.id as string)?.status).toBe('stopped')
    await waitFor(() => streamedText(h.batches, a?.id as string).length > 0, 'the first column to stream')
    await h.core.handlers.stopMessage({ messageId: a?.id as string })
    await waitFor(() => finalOf(h.batches, a?.id as string) !== undefined, 'the first column to stop')
    await h.core.handlers.keepAnswer({ messageId: a?.id as string })
    await h.core.chats.settle()
    expect(finalOf(h.batches, b?.id as string)?.status).toBe('stopped')
    expect(finalOf(h.batches, again.assistantMessage.id)?.status).toBe('stopped')
  })

  it('will not move the path away from an answer still coming', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    const first = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'One' })
    await h.core.chats.settle()
    await h.core.handlers.regenerate({ messageId: first.assistantMessage.id })
    await h.core.chats.settle()
    const next = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'slow #words=4000 #delay=5' })
    const refused = /still coming in this part of the chat/
    await expect(h.core.handlers.showMessage({ messageId: first.assistantMessage.id })).rejects.toThrow(
      refused,
    )
    await expect(
      h.core.handlers.editMessage({ messageId: first.userMessage.id, text: 'Two' }),
    ).rejects.toThrow(refused)
    await h.core.handlers.stopMessage({ messageId: next.assistantMessage.id })
    await h.core.chats.settle()
    const shown = await h.core.handlers.showMessage({ messageId: first.assistantMessage.id })
    expect(shown.path.at(-1)).toBe(first.assistantMessage.id)
    // Retries become columns of their own when the turn is opened side by side; a retry keeps its column.
    const columns = await h.core.handlers.compareAnswers({ questionId: first.userMessage.id })
    expect(columns.compare?.columns).toHaveLength(2)
    const retried = await h.core.handlers.regenerate({ messageId: first.assistantMessage.id })
    await h.core.chats.settle()
    const after = await h.core.handlers.openChat({ chatId: chat.id })
    expect(after.compare?.columns.map((c) => c.answerId)).toEqual([
      retried.assistantMessage.id,
      columns.compare?.columns[1]?.answerId,
    ])
  })

  it('model sets are saved by name, replaced by the same name, and deleted', async () => {
    const sets = await h.core.handlers.saveModelSet({ name: 'Trio', targets: [small(), large(), claude()] })
    expect(sets).toHaveLength(1)
    const again = await h.core.handlers.saveModelSet({ name: 'trio', targets: [small(), large()] })
    expect(again).toHaveLength(1)
    expect(again[0]?.targets).toHaveLength(2)
    await h.restart()
    expect(await h.core.handlers.listModelSets(undefined)).toEqual(again)
    expect(await h.core.handlers.deleteModelSet({ setId: again[0]?.id as string })).toEqual([])
  })

  it('editing a question makes a new version; the old one and its answer stay reachable', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    const first = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'Hello there' })
    await h.core.chats.settle()
    const edited = await h.core.handlers.editMessage({ messageId: first.userMessage.id, text: 'Hi again' })
    await h.core.chats.settle()
    const thread = await h.core.handlers.openChat({ chatId: chat.id })
    expect(thread.messages.map((m) => m.content)).toEqual(['Hi again', expect.stringContaining('Hi again')])
    expect(thread.siblings[edited.userMessage.id]).toMatchObject({ index: 2, count: 2 })
    const old = await h.core.handlers.showMessage({ messageId: first.userMessage.id })
    expect(old.messages.map((m) => m.content)).toEqual([
      'Hello there',
      expect.stringContaining('Hello there'),
    ])
  })

  it('Retry keeps the earlier answer reachable with ‹ ›', async () => {
    const chat = await h.core.handlers.createChat(undefined)
    const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'One' })
    await h.core.chats.settle()
    const again = await h.core.handlers.regenerate({ messageId: sent.assistantMessage.id })
    await h.core.chats.settle()
    const thread = await h.core.handlers.openChat({ chatId: chat.id })
    expect(thread.path.at(-1)).toBe(again.assistantMessage.id)
    expect(thread.siblings[again.assistantMessage.id]).toMatchObject({
      index: 2,
      count: 2,
      previousId: sent.assistantMessage.id,
    })
  })
})
