// The Electron shell: lifecycle, the one window, and the contract wired to ipcMain. Thin on purpose:
// everything it hosts is the core, which runs (and is tested) without Electron.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  type IpcMainInvokeEvent,
  ipcMain,
  type Rectangle,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron'
import { eventChannel } from '../shared/bridge'
import type { EventSink, Handlers } from '../shared/contract'
import { type Core, createCore } from './core/app-core'
import { APP_NAME } from './core/data-dir'
import { localProbesFromEnv } from './core/providers/local-detect'
import { DataFileError } from './core/store/database'
import { registerContract } from './ipc'
import { installAppMenu } from './menu/app-menu'
import { aboutPanelOptions } from './menu/menu-template'

declare const __APP_VERSION__: string

const WINDOW_BOUNDS_KEY = 'window.bounds'
const here = fileURLToPath(new URL('.', import.meta.url))
const devServerURL = process.env.ELECTRON_RENDERER_URL
const rendererFile = join(here, '../renderer/index.html')

let window: BrowserWindow | null = null
let core: Core | null = null

app.setName(APP_NAME)
// The same override the web host takes, so a second profile (or a test) can keep its data apart.
if (process.env.ROUNDTABLE_DATA_DIR) app.setPath('userData', process.env.ROUNDTABLE_DATA_DIR)
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.whenReady().then(start)
}

async function start(): Promise<void> {
  // Nothing the page asks for (camera, notifications, ...) is granted.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  const sink: EventSink = {
    emit: (event, payload) => {
      if (window && !window.isDestroyed()) window.webContents.send(eventChannel(event), payload)
    },
  }
  try {
    core = await createCore({
      dataDir: app.getPath('userData'),
      env: process.env,
      sink,
      version: app.getVersion(),
      // Only after 'ready' does safeStorage know whether it can encrypt.
      encryptor: safeStorage,
      ...(process.env.ROUNDTABLE_KEYCHAIN_SERVICE && {
        keychainService: process.env.ROUNDTABLE_KEYCHAIN_SERVICE,
      }),
      // Lets tests point the look for Ollama and LM Studio at a fake server, or turn it off.
      localProbes: localProbesFromEnv(process.env.ROUNDTABLE_LOCAL_PROBES),
      // Built beside this entry (see electron.vite.config.ts).
      readWorker: new URL('./read-worker.js', import.meta.url),
    })
  } catch (error) {
    const message =
      error instanceof DataFileError ? error.message : `Roundtable could not open its data: ${String(error)}`
    dialog.showErrorBox('Roundtable cannot start', message)
    app.exit(1)
    return
  }
  const ready = core
  app.setAboutPanelOptions(aboutPanelOptions(__APP_VERSION__))
  const setMenuLanguage = installAppMenu({
    platform: process.platform,
    locale: () => app.getLocale(),
    window: () => window,
    developer: !app.isPackaged,
  })
  setMenuLanguage((await ready.handlers.getSettings(undefined)).language)
  const handlers: Handlers = {
    ...ready.handlers,
    // The native menus speak the language chosen in Settings: redrawn when it changes.
    updateSettings: async (input) => {
      const settings = await ready.handlers.updateSettings(input)
      setMenuLanguage(settings.language)
      return settings
    },
  }
  registerContract(ipcMain, handlers, isTrustedSender)
  createWindow(ready)
}

function createWindow(current: Core): void {
  const saved = current.settings.get<Rectangle>(WINDOW_BOUNDS_KEY)
  window = new BrowserWindow({
    ...visibleBounds(saved),
    minWidth: 640,
    minHeight: 420,
    title: APP_NAME,
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })
  const contents = window.webContents
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  // The page never navigates: links open in the system browser, anything else is dropped.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    if (isWebLink(url)) void shell.openExternal(url)
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  window.once('ready-to-show', () => window?.show())

  let saveTimer: NodeJS.Timeout | null = null
  const saveBounds = () => {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => {
      if (window && !window.isDestroyed() && !window.isMinimized())
        current.settings.set(WINDOW_BOUNDS_KEY, window.getNormalBounds())
    }, 300)
  }
  window.on('resize', saveBounds)
  window.on('move', saveBounds)
  window.on('close', () => {
    if (window && !window.isMinimized()) current.settings.set(WINDOW_BOUNDS_KEY, window.getNormalBounds())
  })
  window.on('closed', () => {
    window = null
  })

  if (devServerURL) void window.loadURL(devServerURL)
  else void window.loadFile(rendererFile)
}

/** A remembered position is used only if it is still on a connected display. */
function visibleBounds(saved: Rectangle | undefined): Partial<Rectangle> {
  const fallback = { width: 1100, height: 760 }
  if (!saved || !Number.isFinite(saved.width) || !Number.isFinite(saved.height)) return fallback
  const onScreen = screen.getAllDisplays().some(({ workArea }) => {
    return (
      saved.x < workArea.x + workArea.width &&
      saved.x + saved.width > workArea.x &&
      saved.y < workArea.y + workArea.height &&
      saved.y + saved.height > workArea.y
    )
  })
  return onScreen ? saved : { width: saved.width, height: saved.height }
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  // The frame can be gone (navigated or destroyed) by the time the message is handled.
  if (!frame || !window || event.sender !== window.webContents || frame.parent !== null) return false
  try {
    const url = new URL(frame.url)
    if (devServerURL) return url.origin === new URL(devServerURL).origin
    return url.protocol === 'file:' && fileURLToPath(url) === rendererFile
  } catch {
    return false
  }
}

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

app.on('window-all-closed', () => {
  app.quit()
})

let quitting = false
app.on('before-quit', (event) => {
  if (quitting || !core) return
  // Save every answer in flight (as interrupted) before the database closes.
  event.preventDefault()
  quitting = true
  void core.close().finally(() => app.quit())
})

app.on('activate', () => {
  if (!window && core) createWindow(core)
})
