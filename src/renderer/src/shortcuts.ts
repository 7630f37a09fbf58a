// The app's keyboard shortcuts: one list, so the handler and the Keyboard shortcuts dialog (Ctrl/Cmd+/)
// cannot disagree. "Mod" is Cmd on macOS and Ctrl elsewhere.
import { useEffect, useRef } from 'react'

export type ShortcutName =
  | 'newChat'
  | 'newTemporaryChat'
  | 'search'
  | 'findInChat'
  | 'settings'
  | 'toggleSidebar'
  | 'stop'
  | 'copyLastAnswer'
  | 'showShortcuts'

interface Shortcut {
  name: ShortcutName
  /** As shown to the person, with Mod for Ctrl or Cmd. Its words: `chat:shortcuts.names.<name>`. */
  keys: string
  matches(event: KeyboardEvent, mod: boolean): boolean
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    name: 'newChat',
    keys: 'Mod+N',
    matches: (e, mod) => mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'n',
  },
  {
    name: 'newTemporaryChat',
    keys: 'Mod+Shift+N',
    matches: (e, mod) => mod && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'n',
  },
  {
    name: 'search',
    keys: 'Mod+K',
    matches: (e, mod) => mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k',
  },
  {
    name: 'findInChat',
    keys: 'Mod+F',
    matches: (e, mod) => mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f',
  },
  {
    name: 'toggleSidebar',
    keys: 'Mod+B',
    matches: (e, mod) => mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'b',
  },
  {
    name: 'settings',
    keys: 'Mod+,',
    matches: (e, mod) => mod && !e.shiftKey && !e.altKey && e.key === ',',
  },
  {
    name: 'copyLastAnswer',
    keys: 'Mod+Shift+C',
    matches: (e, mod) => mod && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'c',
  },
  {
    name: 'showShortcuts',
    keys: 'Mod+/',
    matches: (e, mod) => mod && !e.altKey && (e.key === '/' || e.key === '?'),
  },
  {
    name: 'stop',
    keys: 'Esc',
    // Not while another box is being edited (its Esc cancels the edit), but in the message box, yes.
    matches: (e, mod) =>
      !mod && !e.shiftKey && !e.altKey && e.key === 'Escape' && !editingElsewhere(e.target),
  },
]

function editingElsewhere(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement) || target.id === 'composer-input') return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform)

/** How a shortcut reads on this system. */
export function shortcutKeys(keys: string): string {
  return keys.replace('Mod', isMac() ? '⌘' : 'Ctrl')
}

/**
 * Calls the handler for each shortcut pressed. Esc is left to whatever has the focus first (a dialog,
 * an edit box): it stops the answer only when nothing else used it.
 */
export function useShortcuts(handlers: Partial<Record<ShortcutName, () => void>>): void {
  const current = useRef(handlers)
  current.current = handlers
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      const mod = isMac() ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey
      const shortcut = SHORTCUTS.find((s) => s.matches(event, mod))
      const handler = shortcut ? current.current[shortcut.name] : undefined
      if (!handler) return
      event.preventDefault()
      handler()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
