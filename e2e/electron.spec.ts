// The desktop shell itself. Runs only where the Electron binary is installed (it cannot be downloaded
// on every machine); everything behind the shell is covered by the web-host specs either way.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const require = createRequire(import.meta.url)

function electronBinary(): string | null {
  const packageDir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()

test.skip(binary === null, 'the Electron binary is not installed on this machine')

test('the desktop window exposes only the contract and chats through it', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'roundtable-electron-'))
  const app = await electron.launch({
    executablePath: binary ?? '',
    args: ['--no-sandbox', join(process.cwd(), 'out/main/index.js')],
    env: { ...process.env, OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ROUNDTABLE_DATA_DIR: userData },
  })
  try {
    const window = await app.firstWindow()
    await expect(window.getByRole('button', { name: 'New chat' })).toBeVisible()
    const exposed = await window.evaluate(() => ({
      bridge: Object.keys((window as unknown as { roundtable: object }).roundtable),
      node: typeof (globalThis as { require?: unknown }).require,
    }))
    expect(exposed).toEqual({ bridge: ['invoke', 'on'], node: 'undefined' })
  } finally {
    await app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})
