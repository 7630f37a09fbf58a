// `npm start`: the desktop app when the Electron binary is (or can be made) available; otherwise one
// line saying why, then the same app in the browser through the web host.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const DOWNLOAD_TIMEOUT_MS = 60_000

function electronBinary() {
  const packageDir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return { packageDir, binary: null }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return { packageDir, binary: existsSync(binary) ? binary : null }
}

function tryDownload(packageDir) {
  // Electron 42+ fetches its binary on first run rather than at install.
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    stdio: 'ignore',
    timeout: DOWNLOAD_TIMEOUT_MS,
  })
  return result.status === 0
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 1))
}

const { packageDir, binary } = electronBinary()
if (binary || tryDownload(packageDir)) {
  run('npx', ['electron-vite', 'preview'])
} else {
  console.log(
    'roundtable: the Electron binary is not installed and could not be downloaded here, so Roundtable opens in your browser instead.',
  )
  run('npm', ['run', 'serve', '--', ...process.argv.slice(2)])
}
