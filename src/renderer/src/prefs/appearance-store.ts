import { create } from 'zustand'
import { type Appearance, applyAppearance, loadAppearance, saveAppearance } from './appearance'

/** Below this width the sidebar lies over the chat instead of beside it, and starts closed. */
export const NARROW_QUERY = '(max-width: 800px)'

interface AppearanceState extends Appearance {
  narrow: boolean
  /** A narrow window's sidebar, opened over the chat; not remembered (the next start opens at the chat). */
  overlayOpen: boolean
  update(changes: Partial<Appearance>): void
  toggleSidebar(): void
  /** A narrow window's sidebar closes after a chat is picked in it. */
  closeOverlay(): void
}

const narrowNow = () => typeof matchMedia === 'function' && matchMedia(NARROW_QUERY).matches

/** Whether the sidebar shows: the person's choice where wide (open unless closed), the overlay where narrow. */
export const selectSidebarShown = (state: AppearanceState) =>
  state.narrow ? state.overlayOpen : state.sidebarOpen !== false

export const useAppearance = create<AppearanceState>()((set, get) => ({
  ...loadAppearance(),
  narrow: narrowNow(),
  overlayOpen: false,
  update(changes) {
    set(changes)
    const { theme, textSize, sidebarOpen } = get()
    saveAppearance({ theme, textSize, sidebarOpen })
    applyAppearance(get())
  },
  toggleSidebar() {
    if (get().narrow) set({ overlayOpen: !get().overlayOpen })
    else get().update({ sidebarOpen: !selectSidebarShown(get()) })
  },
  closeOverlay() {
    if (get().overlayOpen) set({ overlayOpen: false })
  },
}))

/** Follows the window's width; call once at start. */
export function watchWidth(): () => void {
  if (typeof matchMedia !== 'function') return () => {}
  const query = matchMedia(NARROW_QUERY)
  const onChange = () => useAppearance.setState({ narrow: query.matches, overlayOpen: false })
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}
