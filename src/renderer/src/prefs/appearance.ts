// How the app looks on this device: theme, text size, whether the sidebar is open. Read before the
// first paint (so a dark theme never flashes light) from the page's own storage.

export type Theme = 'light' | 'dark' | 'system'
export type TextSize = 'small' | 'default' | 'large' | 'larger'

// Their names are words of the settings catalog (appearance.themes.*, appearance.textSizes.*), read
// where they are shown, so a language switch renames them.
export const THEMES: { value: Theme }[] = [{ value: 'light' }, { value: 'dark' }, { value: 'system' }]

export const TEXT_SIZES: { value: TextSize; px: number }[] = [
  { value: 'small', px: 13 },
  { value: 'default', px: 15 },
  { value: 'large', px: 17 },
  { value: 'larger', px: 19 },
]

export interface Appearance {
  theme: Theme
  textSize: TextSize
  /** Null: the window's width decides (open when wide, closed when narrow). */
  sidebarOpen: boolean | null
}

const KEY = 'roundtable.appearance'
export const DEFAULT_APPEARANCE: Appearance = { theme: 'system', textSize: 'default', sidebarOpen: null }

/** Field by field: a hand-edited or older value falls back to the default. */
export function readAppearance(stored: string | null): Appearance {
  let value: Record<string, unknown> = {}
  try {
    const parsed: unknown = stored ? JSON.parse(stored) : {}
    if (parsed && typeof parsed === 'object') value = parsed as Record<string, unknown>
  } catch {}
  return {
    theme: THEMES.find((t) => t.value === value.theme)?.value ?? DEFAULT_APPEARANCE.theme,
    textSize: TEXT_SIZES.find((s) => s.value === value.textSize)?.value ?? DEFAULT_APPEARANCE.textSize,
    sidebarOpen: typeof value.sidebarOpen === 'boolean' ? value.sidebarOpen : null,
  }
}

export function loadAppearance(): Appearance {
  try {
    return readAppearance(localStorage.getItem(KEY))
  } catch {
    return DEFAULT_APPEARANCE
  }
}

export function saveAppearance(appearance: Appearance): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(appearance))
  } catch {}
}

/** Puts the theme and text size on the document: the style sheet reads them from there. */
export function applyAppearance(appearance: Appearance, root: HTMLElement = document.documentElement): void {
  if (appearance.theme === 'system') delete root.dataset.theme
  else root.dataset.theme = appearance.theme
  root.dataset.textSize = appearance.textSize
}
