// `npm run serve`: the app in a browser. Same core as the desktop app, behind the web host.

import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { EventSink } from '../shared/contract'
import { type Core, createCore } from './core/app-core'
import { temporaryChatTtlFromEnv } from './core/chat/temporary-chats'
import { defaultDataDir } from './core/data-dir'
import { localProbesFromEnv } from './core/providers/local-detect'
import { DataFileError } from './core/store/database'
import { startWebHost, type WebHost } from './web-host'

declare const __APP_VERSION__: string

const DEFAULT_PORT = 5190

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  })
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a number from 0 to 65535, not "${values.port}".`)
  const dataDir = values['data-dir'] ?? process.env.ROUNDTABLE_DATA_DIR ?? defaultDataDir()

  let host: WebHost | null = null
  const sink: EventSink = { emit: (event, payload) => host?.emit(event, payload) }
  let core: Core
  try {
    core = await createCore({
      dataDir,
      env: process.env,
      sink,
      version: __APP_VERSION__,
      // Lets tests keep their keys apart from the person's own Roundtable entries in the keychain.
      ...(process.env.ROUNDTABLE_KEYCHAIN_SERVICE && {
        keychainService: process.env.ROUNDTABLE_KEYCHAIN_SERVICE,
      }),
      // Lets tests point the look for Ollama and LM Studio at a fake server, or turn it off.
      localProbes: localProbesFromEnv(process.env.ROUNDTABLE_LOCAL_PROBES),
      // Lets e2e tests watch a temporary chat expire in seconds rather than the setting's hours.
      ...temporaryChatTtlFromEnv(process.env.ROUNDTABLE_TEMPORARY_CHAT_TTL_MS),
      // Built beside this entry (see electron.vite.config.ts).
      readWorker: new URL('./read-worker.js', import.meta.url),
    })
  } catch (error) {
    if (error instanceof DataFileError) fail(error.message)
    throw error
  }
  try {
    host = await startWebHost({
      handlers: core.handlers,
      staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
      port,
    })
  } catch (error) {
    await core.close()
    if ((error as { code?: string }).code === 'EADDRINUSE')
      fail(`Port ${port} is in use. Pick another with --port.`)
    throw error
  }
  console.log(`Roundtable is running at ${host.url}`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await host?.close()
    await core.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function fail(message: string): never {
  console.error(`roundtable: ${message}`)
  process.exit(1)
}

main().catch((error) => {
  console.error('roundtable: could not start:', error)
  process.exit(1)
})
