// Starts what a person would run: the built web host (`node out/main/serve.js`) in its own process,
// pointed at the fake provider, with a data folder of its own.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base } from '@playwright/test'
import { type FakeProvider, startFakeProvider } from '../../test/fake-provider/server.ts'

export const E2E_KEY = 'sk-e2e-roundtable-secret-7f3a9c2b'
const SERVE_ENTRY = join(process.cwd(), 'out', 'main', 'serve.js')

export class AppProcess {
  url = ''
  private child: ChildProcess | null = null
  output = ''

  constructor(
    readonly dataDir: string,
    private readonly providerURL: string,
    /** Overrides for the app's environment, e.g. empty provider variables for a Settings-only start. */
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  /** Starts the web host (on a free port unless one is given, e.g. to restart where it was). */
  async start(port = 0): Promise<string> {
    this.output = ''
    const child = spawn(process.execPath, [SERVE_ENTRY, '--port', String(port), '--data-dir', this.dataDir], {
      env: {
        ...process.env,
        OPENAI_BASE_URL: this.providerURL,
        OPENAI_API_KEY: E2E_KEY,
        ROUNDTABLE_MODEL: 'fake-small',
        // Keys saved during a test go to an entry of their own, never to the person's Roundtable entries.
        ROUNDTABLE_KEYCHAIN_SERVICE: `Roundtable-e2e-${process.pid}`,
        // An Ollama or LM Studio running on the machine must not change what a test sees.
        ROUNDTABLE_LOCAL_PROBES: JSON.stringify({ ollama: null, lmstudio: null }),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the web host did not start:\n${this.output}`)), 15_000)
      const onData = (data: Buffer) => {
        this.output += data.toString()
        const match = /running at (http:\/\/\S+)/.exec(this.output)
        if (match?.[1]) {
          clearTimeout(timer)
          resolve(match[1])
        }
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`the web host exited (${code}):\n${this.output}`))
      })
    })
    return this.url
  }

  /** Ends the process the way the crash test does: no chance to save anything. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
    this.child = null
  }

  /** Calls the app as the page does (with the token); for setting up and cleaning up around a test. */
  async call<T>(name: string, input?: unknown): Promise<T> {
    const token = new URL(this.url).searchParams.get('token') ?? ''
    const response = await fetch(new URL(`/api/call/${name}`, this.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ input }),
    })
    const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } }
    if (!result.ok) throw new Error(result.error?.message ?? `${name} failed`)
    return result.value
  }

  /** Deletes the providers a test added, which removes their keys from the keychain. */
  async removeProviders(): Promise<void> {
    if (!this.child) return
    const providers = await this.call<{ id: string; origin: string }[]>('listProviders')
    for (const provider of providers.filter((p) => p.origin === 'settings')) {
      await this.call('deleteProvider', { providerId: provider.id })
    }
  }

  /** Every byte of every file in the data folder and its folders (the logs), for hunting a leaked key. */
  dataBytes(): Buffer {
    return Buffer.concat(
      readdirSync(this.dataDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(join(entry.parentPath, entry.name))),
    )
  }
}

export const test = base.extend<{ app: AppProcess; fake: FakeProvider; appEnv: NodeJS.ProcessEnv }>({
  appEnv: [{}, { option: true }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
  fake: async ({}, use) => {
    const fake = await startFakeProvider({ apiKey: E2E_KEY })
    await use(fake)
    await fake.close()
  },
  app: async ({ fake, appEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-e2e-'))
    const app = new AppProcess(dataDir, fake.baseURL, appEnv)
    await app.start()
    await use(app)
    await app.removeProviders().catch(() => {})
    await app.kill()
    rmSync(dataDir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'
