// Installs the application menu in the language the person reads, and again whenever the language
// setting changes. A menu command reaches the page as the keystroke of its shortcut, so the page's
// own handler (src/renderer/src/shortcuts.ts) runs it: one code path whether the key is pressed or
// the item is chosen, and no second channel into the page.
import { type BrowserWindow, Menu } from 'electron'
import { type LanguageSetting, resolveLanguage } from '../../shared/language'
import { COMMAND_ACCELERATORS, type MenuCommand, menuTemplate } from './menu-template'
import { MENU_WORDS } from './menu-words'

export interface AppMenuDeps {
  platform: NodeJS.Platform
  /** The computer's preferred locale (`app.getLocale()`). */
  locale: () => string
  window: () => BrowserWindow | null
  developer: boolean
}

/** Sets the menu for a language setting; returns a function to call again when the setting changes. */
export function installAppMenu(deps: AppMenuDeps): (language: LanguageSetting) => void {
  let shown: string | null = null
  return (setting) => {
    const language = resolveLanguage(setting, [deps.locale()])
    if (language === shown) return
    shown = language
    const run = (command: MenuCommand) => {
      const target = deps.window()
      if (target && !target.isDestroyed()) sendShortcut(target, command, deps.platform)
    }
    const template = menuTemplate(MENU_WORDS[language], deps.platform, { run }, { developer: deps.developer })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }
}

/** `CmdOrCtrl+Shift+N` as the key and modifiers of an input event on this platform. */
export function shortcutKeystroke(
  command: MenuCommand,
  platform: NodeJS.Platform,
): { keyCode: string; modifiers: Array<'meta' | 'control' | 'shift'> } {
  const parts = COMMAND_ACCELERATORS[command].split('+')
  const keyCode = parts.pop() ?? ''
  const modifiers = parts.map((part) =>
    part === 'CmdOrCtrl' ? (platform === 'darwin' ? 'meta' : 'control') : ('shift' as const),
  )
  return { keyCode, modifiers }
}

function sendShortcut(target: BrowserWindow, command: MenuCommand, platform: NodeJS.Platform): void {
  const { keyCode, modifiers } = shortcutKeystroke(command, platform)
  target.focus()
  target.webContents.sendInputEvent({ type: 'keyDown', keyCode, modifiers })
  target.webContents.sendInputEvent({ type: 'keyUp', keyCode, modifiers })
}
