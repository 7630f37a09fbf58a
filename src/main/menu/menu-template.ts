// The application menu as data: File, Edit, View, Window, Help (and the app menu on macOS), built by
// a pure function so it is tested without Electron. Installing it is app-menu.ts.
//
// Shortcuts the page already handles (src/renderer/src/shortcuts.ts) keep one owner, the page, so
// none fires twice. Their items show the same accelerator, but on Linux and Windows it is not
// registered (the key goes to the page, as before). On macOS the page gets a key equivalent first and
// calls preventDefault on its shortcuts, so the menu only sees the ones the page left alone, and
// ignores them (`triggeredByAccelerator`). Choosing an item with the mouse runs the command in the
// page (`actions.run`), the way its key would.
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuWords } from './menu-words'

/** The page's shortcuts that have a menu item, named as the page names them. */
export type MenuCommand =
  | 'newChat'
  | 'newTemporaryChat'
  | 'settings'
  | 'search'
  | 'findInChat'
  | 'copyLastAnswer'
  | 'toggleSidebar'
  | 'showShortcuts'

/** The key of each command, as an Electron accelerator: the page's "Mod" is CmdOrCtrl. */
export const COMMAND_ACCELERATORS: Record<MenuCommand, string> = {
  newChat: 'CmdOrCtrl+N',
  newTemporaryChat: 'CmdOrCtrl+Shift+N',
  settings: 'CmdOrCtrl+,',
  search: 'CmdOrCtrl+K',
  findInChat: 'CmdOrCtrl+F',
  copyLastAnswer: 'CmdOrCtrl+Shift+C',
  toggleSidebar: 'CmdOrCtrl+B',
  showShortcuts: 'CmdOrCtrl+/',
}

export interface MenuActions {
  /** Runs a page command, as its shortcut would. */
  run(command: MenuCommand): void
}

export interface MenuOptions {
  /** Reload and the developer tools, for a build that is not packaged. */
  developer?: boolean
}

type Item = MenuItemConstructorOptions

export function menuTemplate(
  words: MenuWords,
  platform: NodeJS.Platform,
  actions: MenuActions,
  { developer = false }: MenuOptions = {},
): Item[] {
  const mac = platform === 'darwin'
  const separator: Item = { type: 'separator' }
  const command = (name: MenuCommand, label: string): Item => ({
    label,
    accelerator: COMMAND_ACCELERATORS[name],
    registerAccelerator: false,
    click: (_item, _window, event) => {
      if (!event.triggeredByAccelerator) actions.run(name)
    },
  })

  const appMenu: Item = {
    role: 'appMenu',
    label: 'Roundtable',
    submenu: [
      { role: 'about', label: words.about },
      separator,
      command('settings', words.settings),
      separator,
      { role: 'services', label: words.services },
      separator,
      { role: 'hide', label: words.hide },
      { role: 'hideOthers', label: words.hideOthers },
      { role: 'unhide', label: words.showAll },
      separator,
      { role: 'quit', label: words.quit },
    ],
  }
  const file: Item = {
    role: 'fileMenu',
    label: words.file,
    submenu: [
      command('newChat', words.newChat),
      command('newTemporaryChat', words.newTemporaryChat),
      separator,
      ...(mac
        ? [{ role: 'close', label: words.closeWindow } as Item]
        : [command('settings', words.settings), separator, { role: 'quit', label: words.quit } as Item]),
    ],
  }
  const edit: Item = {
    role: 'editMenu',
    label: words.edit,
    submenu: [
      { role: 'undo', label: words.undo },
      { role: 'redo', label: words.redo },
      separator,
      { role: 'cut', label: words.cut },
      { role: 'copy', label: words.copy },
      { role: 'paste', label: words.paste },
      { role: 'delete', label: words.delete },
      { role: 'selectAll', label: words.selectAll },
      separator,
      command('findInChat', words.findInChat),
      command('search', words.search),
      command('copyLastAnswer', words.copyLastAnswer),
    ],
  }
  const view: Item = {
    role: 'viewMenu',
    label: words.view,
    submenu: [
      command('toggleSidebar', words.toggleSidebar),
      separator,
      { role: 'resetZoom', label: words.actualSize },
      { role: 'zoomIn', label: words.zoomIn },
      { role: 'zoomOut', label: words.zoomOut },
      separator,
      { role: 'togglefullscreen', label: words.toggleFullScreen },
      ...(developer
        ? [
            separator,
            { role: 'reload', label: words.reload } as Item,
            { role: 'toggleDevTools', label: words.toggleDevTools } as Item,
          ]
        : []),
    ],
  }
  const window: Item = {
    role: 'windowMenu',
    label: words.window,
    submenu: mac
      ? [
          { role: 'minimize', label: words.minimize },
          { role: 'zoom', label: words.zoom },
          separator,
          { role: 'front', label: words.bringAllToFront },
        ]
      : [
          { role: 'minimize', label: words.minimize },
          { role: 'close', label: words.closeWindow },
        ],
  }
  const help: Item = {
    role: 'help',
    label: words.help,
    submenu: [
      command('showShortcuts', words.keyboardShortcuts),
      // On macOS About is in the app menu.
      ...(mac ? [] : [separator, { role: 'about', label: words.about } as Item]),
    ],
  }
  return [...(mac ? [appMenu] : []), file, edit, view, window, help]
}

/** What the About panel shows (`app.setAboutPanelOptions`), on every system. */
export function aboutPanelOptions(version: string): Electron.AboutPanelOptionsOptions {
  return {
    applicationName: 'Roundtable',
    applicationVersion: version,
    copyright: 'Copyright © Roundtable contributors',
  }
}
