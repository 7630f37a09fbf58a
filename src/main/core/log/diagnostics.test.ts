import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Harness, startHarness, TEST_KEY } from '../../../../test/support/core-harness'
import { log } from './log'

let harness: Harness | null = null
afterEach(async () => {
  vi.restoreAllMocks()
  await harness?.close()
  harness = null
})

const HEADER_SECRET = 'org-header-value-7731'
const PROXY_PASSWORD = 'proxy-pass-5150'
const PROMPT = 'You are my private assistant for the Zanzibar project.'

async function unzip(h: Harness): Promise<Record<string, string>> {
  const { fileName, base64 } = await h.core.handlers.exportDiagnostics(undefined)
  expect(fileName).toMatch(/^roundtable-diagnostics-\d{4}-\d{2}-\d{2}\.zip$/)
  const entries = unzipSync(new Uint8Array(Buffer.from(base64, 'base64')))
  return Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]))
}

describe('Export diagnostics', () => {
  it('holds logs, settings, traces and facts about the app, and no key anywhere', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    harness = await startHarness()
    const h = harness
    await h.core.handlers.addProvider({
      preset: 'custom',
      name: 'Fake with a key',
      baseURL: h.fake.baseURL,
      headers: { 'X-Team': HEADER_SECRET },
      azure: null,
      apiKey: TEST_KEY,
    })
    await h.core.handlers.updateSettings({
      defaultSystemPrompt: PROMPT,
      proxy: { mode: 'custom', url: `http://bob:${PROXY_PASSWORD}@127.0.0.1:9`, bypass: [] },
    })
    // What a careless log line could hold: the key itself, in a header, and as printed headers.
    log.error(`request failed with Authorization: Bearer ${TEST_KEY}`)
    log.error('the request was', { headers: { authorization: `Bearer ${TEST_KEY}`, 'x-api-key': TEST_KEY } })
    log.warn(`a proxy at http://bob:${PROXY_PASSWORD}@127.0.0.1:9 refused`)
    // A trace whose attempt's error echoes the key (the lead's trace writer never should; this proves the net).
    h.core.db
      .prepare(
        `INSERT INTO traces (id, purpose, provider_name, model, status, started_at, duration_ms, route)
         VALUES ('t1', 'answer', 'Fake with a key', 'fake-small', 'error', 1700000000000, 120, '{"reason":"chat"}')`,
      )
      .run()
    h.core.db
      .prepare(
        `INSERT INTO trace_attempts (trace_id, attempt, status, error_kind, error, started_ms)
         VALUES ('t1', 1, 'failed', 'auth', 'Incorrect API key provided: ${TEST_KEY}', 0)`,
      )
      .run()

    // The lines are in the log file on disk already, redacted there too.
    const onDisk = readFileSync(join(h.dataDir, 'logs', 'roundtable.log'), 'utf8')
    expect(onDisk).toContain('request failed with Authorization: Bearer [redacted]')
    expect(onDisk).not.toContain(TEST_KEY.slice(-8))

    const files = await unzip(h)
    expect(Object.keys(files).sort()).toEqual(
      ['about.json', 'logs/roundtable.log', 'settings.json', 'traces.json'].sort(),
    )
    const everything = Object.values(files).join('\n')
    for (const secret of [TEST_KEY, TEST_KEY.slice(-8), HEADER_SECRET, PROXY_PASSWORD, PROMPT]) {
      expect(everything).not.toContain(secret)
    }

    const settings = JSON.parse(files['settings.json'] as string)
    const provider = settings.providers.find((p: { name: string }) => p.name === 'Fake with a key')
    expect(provider).toMatchObject({
      preset: 'custom',
      enabled: true,
      key: { state: 'stored' },
      headerNames: ['X-Team'],
    })
    expect(settings.app.proxy.url).toBe('http://bob@127.0.0.1:9')
    expect(settings.app.defaultSystemPrompt).toEqual({ characters: PROMPT.length })

    const traces = JSON.parse(files['traces.json'] as string)
    expect(traces).toHaveLength(1)
    expect(traces[0]).toMatchObject({ id: 't1', status: 'error', route: { reason: 'chat' } })
    expect(traces[0].attempts).toEqual([expect.objectContaining({ attempt: 1, error_kind: 'auth' })])

    const about = JSON.parse(files['about.json'] as string)
    expect(about).toMatchObject({ version: 'test', platform: process.platform, node: process.versions.node })
    expect(about.schemaVersion).toBeGreaterThanOrEqual(7)
  })

  it('keeps only the last 1,000 traces', async () => {
    harness = await startHarness()
    const insert = harness.core.db.prepare(
      `INSERT INTO traces (id, purpose, status, started_at, duration_ms) VALUES (?, 'answer', 'complete', ?, 10)`,
    )
    harness.core.db.transaction(() => {
      for (let index = 0; index < 1_050; index += 1) insert.run(`t${index}`, 1_700_000_000_000 + index)
    })()
    const traces = JSON.parse((await unzip(harness))['traces.json'] as string)
    expect(traces).toHaveLength(1_000)
    expect(traces[0].id).toBe('t1049')
    expect(traces.at(-1).id).toBe('t50')
  })
})
