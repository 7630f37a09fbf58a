// The native menus under a stand-in for Electron: the items, their accelerators and roles on each
// system, both languages, the About panel's version, and that a menu command reaches the page once.
import type { MenuItemConstructorOptions } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { LANGUAGES } from '../../shared/language'
import { installAppMenu, shortcutKeystroke } from './app-menu'
import { aboutPanelOptions, COMMAND_ACCELERATORS, type MenuCommand, menuTemplate } from './menu-template'
import { en, MENU_WORDS, zhCN } from './menu-words'

const Menu = vi.hoisted(() => ({
  buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })),
  setApplicationMenu: vi.fn(),
}))
vi.mock('electron', () => ({ Menu }))

type Item = MenuItemConstructorOptions
const noActions = { run: () => {} }
const submenu = (item: Item | undefined) => (item?.submenu ?? []) as Item[]
const flat = (template: Item[]): Item[] => template.flatMap((top) => [top, ...flat(submenu(top))])
const byLabel = (template: Item[], label: string) => flat(template).find((item) => item.label === label)
type Click = (item: unknown, window: unknown, event: { triggeredByAccelerator: boolean }) => void
function click(item: Item | undefined, triggeredByAccelerator: boolean): void {
  const handler = item?.click as Click | undefined
  if (!handler) throw new Error(`${item?.label ?? 'The item'} has no click handler`)
  handler({}, undefined, { triggeredByAccelerator })
}

describe('the menu template', () => {
  it('has File, Edit, View, Window and Help, and the app menu first on macOS', () => {
    expect(menuTemplate(en, 'linux', noActions).map((item) => item.label)).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ])
    const mac = menuTemplate(en, 'darwin', noActions)
    expect(mac.map((item) => item.role)).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ])
    expect(submenu(mac[0]).map((item) => item.role ?? item.label ?? item.type)).toEqual([
      'about',
      'separator',
      'Settings…',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ])
  })

  it.each(['darwin', 'linux', 'win32'] as const)('gives every page shortcut its key on %s', (platform) => {
    const template = menuTemplate(en, platform, noActions)
    const expected: Record<string, string> = {
      'New Chat': 'CmdOrCtrl+N',
      'New Temporary Chat': 'CmdOrCtrl+Shift+N',
      'Settings…': 'CmdOrCtrl+,',
      'Search All Chats': 'CmdOrCtrl+K',
      'Find in Chat': 'CmdOrCtrl+F',
      'Show or Hide Sidebar': 'CmdOrCtrl+B',
      'Copy Last Answer': 'CmdOrCtrl+Shift+C',
      'Keyboard Shortcuts': 'CmdOrCtrl+/',
    }
    const withKeys = flat(template).filter((item) => item.accelerator)
    expect(Object.fromEntries(withKeys.map((item) => [item.label, item.accelerator]))).toEqual(expected)
    // The page owns these keys: shown in the menu, not taken from the page on Linux and Windows.
    expect(withKeys.every((item) => item.registerAccelerator === false)).toBe(true)
  })

  it('keeps Settings, Quit and About where each system expects them', () => {
    const mac = menuTemplate(en, 'darwin', noActions)
    const linux = menuTemplate(en, 'linux', noActions)
    expect(submenu(mac[1]).map((item) => item.label ?? item.type)).toEqual([
      'New Chat',
      'New Temporary Chat',
      'separator',
      'Close Window',
    ])
    expect(submenu(linux[0]).map((item) => item.role ?? item.label ?? item.type)).toEqual([
      'New Chat',
      'New Temporary Chat',
      'separator',
      'Settings…',
      'separator',
      'quit',
    ])
    expect(submenu(linux[4]).map((item) => item.role ?? item.label ?? item.type)).toEqual([
      'Keyboard Shortcuts',
      'separator',
      'about',
    ])
    expect(flat(mac).filter((item) => item.role === 'about')).toHaveLength(1)
  })

  it('gives the edit, view and window roles their usual items; the developer tools only when asked', () => {
    const roles = (template: Item[]) => flat(template).flatMap((item) => (item.role ? [item.role] : []))
    const linux = roles(menuTemplate(en, 'linux', noActions))
    for (const role of [
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'zoomIn',
      'togglefullscreen',
      'minimize',
    ])
      expect(linux).toContain(role)
    expect(linux).not.toContain('toggleDevTools')
    expect(roles(menuTemplate(en, 'linux', noActions, { developer: true }))).toContain('toggleDevTools')
    expect(roles(menuTemplate(en, 'darwin', noActions))).toContain('front')
  })

  it('speaks English and Simplified Chinese, with a word for every label', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort())
    expect(Object.keys(MENU_WORDS).sort()).toEqual([...LANGUAGES].sort())
    for (const platform of ['darwin', 'linux'] as const) {
      const template = menuTemplate(zhCN, platform, noActions, { developer: true })
      const labels = flat(template).flatMap((item) => (item.type === 'separator' ? [] : [item.label]))
      expect(labels.every((label) => typeof label === 'string' && label.length > 0)).toBe(true)
      // Nothing English is left, except the app's own name.
      const english = new Set(Object.values(en))
      expect(labels.filter((label) => label !== 'Roundtable' && english.has(label as string))).toEqual([])
    }
    const chinese = menuTemplate(zhCN, 'win32', noActions)
    expect(chinese.map((item) => item.label)).toEqual(['文件', '编辑', '显示', '窗口', '帮助'])
    expect(byLabel(chinese, '新建对话')?.accelerator).toBe('CmdOrCtrl+N')
  })

  it('runs a chosen command in the page once, and leaves a pressed key to the page', () => {
    const run = vi.fn()
    const template = menuTemplate(en, 'darwin', { run })
    click(byLabel(template, 'New Temporary Chat'), false)
    expect(run).toHaveBeenCalledExactlyOnceWith('newTemporaryChat')
    click(byLabel(template, 'New Temporary Chat'), true)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('puts the version in the About panel', () => {
    expect(aboutPanelOptions('1.2.3')).toMatchObject({
      applicationName: 'Roundtable',
      applicationVersion: '1.2.3',
    })
  })
})

describe('installing the menu', () => {
  beforeEach(() => {
    Menu.buildFromTemplate.mockClear()
    Menu.setApplicationMenu.mockClear()
  })

  const shownLabels = () => {
    const built = Menu.setApplicationMenu.mock.lastCall?.[0] as { template: Item[] }
    return built.template.map((item) => item.label)
  }

  it("follows the setting, else the computer's language, and redraws only when it changes", () => {
    let locale = 'zh-TW'
    const setLanguage = installAppMenu({
      platform: 'linux',
      locale: () => locale,
      window: () => null,
      developer: false,
    })
    setLanguage('system')
    expect(shownLabels()[0]).toBe('文件')
    setLanguage('zh-CN')
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1)
    setLanguage('en')
    expect(shownLabels()[0]).toBe('File')
    locale = 'en-GB'
    setLanguage('system')
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(2)
  })

  it("sends the page the command's own keystroke", () => {
    const sendInputEvent = vi.fn()
    const window = { isDestroyed: () => false, focus: vi.fn(), webContents: { sendInputEvent } }
    installAppMenu({
      platform: 'win32',
      locale: () => 'en-US',
      window: () => window as never,
      developer: false,
    })('en')
    const built = Menu.setApplicationMenu.mock.lastCall?.[0] as { template: Item[] }
    click(byLabel(built.template, 'Settings…'), false)
    expect(sendInputEvent.mock.calls).toEqual([
      [{ type: 'keyDown', keyCode: ',', modifiers: ['control'] }],
      [{ type: 'keyUp', keyCode: ',', modifiers: ['control'] }],
    ])
  })

  it('writes each accelerator as the keystroke of its platform', () => {
    const commands = Object.keys(COMMAND_ACCELERATORS) as MenuCommand[]
    expect(commands.map((command) => shortcutKeystroke(command, 'darwin'))).toContainEqual({
      keyCode: 'N',
      modifiers: ['meta', 'shift'],
    })
    expect(shortcutKeystroke('search', 'linux')).toEqual({ keyCode: 'K', modifiers: ['control'] })
  })
})
