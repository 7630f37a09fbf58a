// A real core (real SQLite file in a temp folder) talking to the fake provider over real HTTP, with the
// events it emits recorded. What the integration tests and the benchmark build on.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Core, type CoreOptions, createCore } from '../../src/main/core/app-core'
import type { RequestPolicy } from '../../src/main/core/pipeline/policy'
import type { EventName, EventSink } from '../../src/shared/contract'
import type { StreamBatch } from '../../src/shared/types'
import { type FakeProvider, type FakeProviderOptions, startFakeProvider } from '../fake-provider/server.ts'

export const TEST_KEY = 'sk-test-roundtable-0123456789abcdef'

/** Fast enough for tests, same rules as the real policy. */
export const quickPolicy: RequestPolicy = {
  maxAttempts: 3,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 2_000,
  connectTimeoutMs: 5_000,
  firstTokenTimeoutMs: 5_000,
  idleTimeoutMs: 5_000,
  totalTimeoutMs: 60_000,
}

export interface Harness {
  fake: FakeProvider
  core: Core
  dataDir: string
  batches: StreamBatch[]
  /** Every event the core emitted, in order. */
  events: Array<{ event: EventName; payload: unknown }>
  /** Re-opens the core on the same data folder, as a restart would. */
  restart(): Promise<Core>
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Let models name chats (off by default: a title request would add a request to every first answer). */
  titles?: boolean
  fake?: FakeProviderOptions
  env?: NodeJS.ProcessEnv
  core?: Partial<Omit<CoreOptions, 'dataDir' | 'env' | 'sink'>>
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeProvider({ apiKey: TEST_KEY, ...options.fake })
  const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-test-'))
  const batches: StreamBatch[] = []
  const events: Harness['events'] = []
  const sink: EventSink = {
    emit: (event, payload) => {
      events.push({ event, payload })
      if (event === 'stream') batches.push(payload as StreamBatch)
    },
  }
  const env = {
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: TEST_KEY,
    ROUNDTABLE_MODEL: 'fake-small',
    ...options.env,
  }
  // keytar: null keeps tests out of the person's real keychain; keys live in memory for the test.
  const open = () =>
    createCore({
      dataDir,
      env,
      sink,
      version: 'test',
      requestPolicy: quickPolicy,
      keytar: null,
      // The worker from its source: Node runs it as it is (explicit .ts imports, types only).
      readWorker: new URL('../../src/main/core/reads/read-worker.ts', import.meta.url),
      ...options.core,
    })
  const core = await open()
  if (!options.titles) await core.handlers.updateSettings({ titles: { mode: 'off' } })
  const harness: Harness = {
    fake,
    core,
    dataDir,
    batches,
    events,
    async restart() {
      await harness.core.close()
      harness.core = await open()
      return harness.core
    },
    async close() {
      await harness.core.close()
      await fake.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return harness
}

/** Everything the renderer was sent for one answer, joined. */
export function streamedText(batches: StreamBatch[], messageId: string): string {
  return batches
    .filter((batch) => batch.messageId === messageId)
    .map((batch) => batch.append)
    .join('')
}

export function finalOf(batches: StreamBatch[], messageId: string): StreamBatch['final'] {
  return batches.find((batch) => batch.messageId === messageId && batch.final)?.final
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A chat that talks to the fake's Anthropic side (the provider is added once per harness). */
export async function anthropicChat(h: Harness): Promise<string> {
  const { handlers } = h.core
  const existing = (await handlers.listProviders(undefined)).find((p) => p.name === 'Anthropic (fake)')
  const provider =
    existing ??
    (await handlers.addProvider({
      preset: 'anthropic',
      name: 'Anthropic (fake)',
      baseURL: h.fake.origin,
      headers: {},
      azure: null,
      apiKey: TEST_KEY,
    }))
  const chat = await handlers.createChat(undefined)
  await handlers.updateChatSettings({ chatId: chat.id, providerId: provider.id, model: 'claude-fake-sonnet' })
  return chat.id
}
