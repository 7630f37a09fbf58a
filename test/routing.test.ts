// Auto through the real core and the real pipeline, against the fake provider over real HTTP: a chat
// that routes by a profile gets its answer from a healthy candidate when the first one fails, and the
// answer and its trace show the hop.
import { afterEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness, waitFor } from './support/core-harness'
import { routeChatBy } from './support/routing'

let harness: Harness | null = null

afterEach(async () => {
  await harness?.close()
  harness = null
})

async function routedChat(h: Harness, models: string[]) {
  const [provider] = await h.core.handlers.listProviders(undefined)
  if (!provider) throw new Error('the harness has a provider')
  const chat = await h.core.handlers.createChat(undefined)
  const profiles = await routeChatBy(h, chat.id, {
    name: 'Mine',
    providerId: provider.id,
    models,
    weights: { latency: 1, load: 1, cost: 1, quality: 1 },
  })
  return { chat, provider, profiles }
}

const NEVER_EXPLORE = () => 0.99

describe('Auto routing through the pipeline', () => {
  it('ships Fast, Cheap, Best and Balanced, then the person’s own', async () => {
    harness = await startHarness({ core: { routingRandom: NEVER_EXPLORE } })
    const { profiles } = await routedChat(harness, ['fake-small'])
    expect(profiles.map((p) => p.name)).toEqual(['Fast', 'Cheap', 'Best', 'Balanced', 'Mine'])
  })

  it('one candidate failing: the answer comes from a healthy one, and the trace shows the hop', async () => {
    harness = await startHarness({ core: { routingRandom: NEVER_EXPLORE } })
    const h = harness
    const { chat, provider } = await routedChat(h, ['fake-large', 'fake-small'])
    const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'hello #down=fake-large' })
    await h.core.chats.settle()
    const thread = await h.core.handlers.openChat({ chatId: chat.id })
    const answer = thread.messages.find((m) => m.id === sent.assistantMessage.id)
    expect(answer).toMatchObject({
      status: 'complete',
      model: 'fake-small',
      route: {
        profileName: 'Mine',
        failed: [{ providerId: provider.id, model: 'fake-large', errorKind: 'server' }],
      },
    })
    // The failing model was asked (with its retries) before the healthy one.
    const asked = h.fake.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => (r.body as { model: string }).model)
    expect(asked.at(-1)).toBe('fake-small')
    expect(asked.filter((m) => m === 'fake-large').length).toBeGreaterThanOrEqual(1)

    h.core.traces.flush()
    const trace = await h.core.handlers.getTrace({ messageId: sent.assistantMessage.id })
    expect(trace?.status).toBe('complete')
    expect(trace?.model).toBe('fake-small')
    expect(trace?.route?.hops.map((hop) => [hop.model, hop.outcome])).toEqual([
      ['fake-large', 'failed'],
      ['fake-small', 'answered'],
    ])
    expect(trace?.route?.candidates.map((c) => c.model).sort()).toEqual(['fake-large', 'fake-small'])
    // Attempts are numbered on across hops: the failing model's retries, then the one that answered.
    const attempts = trace?.attempts ?? []
    expect(attempts.map((a) => a.attempt)).toEqual(attempts.map((_, index) => index + 1))
    expect(attempts.at(-1)?.status).toBe('ok')
    expect(attempts.filter((a) => a.status === 'failed').length).toBeGreaterThanOrEqual(1)
    // The last stream batch carried the route too, so the page shows it without reopening the chat.
    const final = h.batches.filter((b) => b.messageId === sent.assistantMessage.id && b.final).at(-1)
    expect(final?.final?.route?.failed.map((f) => f.model)).toEqual(['fake-large'])
  })

  it('a routed chat is named by the model Auto chose, not the chat’s default', async () => {
    harness = await startHarness({ titles: true, core: { routingRandom: NEVER_EXPLORE } })
    const h = harness
    // The chat's default would be fake-small (the environment's model); it is down, so Auto answers with fake-large.
    const { chat } = await routedChat(h, ['fake-large', 'fake-small'])
    await h.core.handlers.sendMessage({ chatId: chat.id, text: 'Plan a trip #down=fake-small' })
    await h.core.chats.settle()
    const titled = () => h.fake.requests.filter((r) => JSON.stringify(r.body).includes('Write a title'))
    await waitFor(() => titled().length > 0, 'the chat to be named')
    expect((titled()[0]?.body as { model?: string } | undefined)?.model).toBe('fake-large')
  })

  it('a chat with a model of its own is not routed; choosing a model ends Auto', async () => {
    harness = await startHarness({ core: { routingRandom: NEVER_EXPLORE } })
    const h = harness
    const { chat, provider } = await routedChat(h, ['fake-large'])
    const settings = await h.core.handlers.updateChatSettings({
      chatId: chat.id,
      providerId: provider.id,
      model: 'fake-small',
    })
    expect(settings.routingProfileId).toBeNull()
    const sent = await h.core.handlers.sendMessage({ chatId: chat.id, text: 'hi' })
    await h.core.chats.settle()
    const thread = await h.core.handlers.openChat({ chatId: chat.id })
    const answer = thread.messages.find((m) => m.id === sent.assistantMessage.id)
    expect(answer?.model).toBe('fake-small')
    expect(answer?.route).toBeUndefined()
  })
})

describe('choosing a profile for a chat', () => {
  it('refuses a profile that does not exist', async () => {
    harness = await startHarness()
    const chat = await harness.core.handlers.createChat(undefined)
    await expect(
      harness.core.handlers.updateChatSettings({ chatId: chat.id, routingProfileId: 'nope' }),
    ).rejects.toThrow('That routing profile was removed')
  })
})
