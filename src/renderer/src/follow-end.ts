// Keeping a scrolled list at its end while its content grows, unless the person scrolled away to read.
// Reading a list's height forces a layout, so nothing reads it while the list follows: scrolling to
// the end happens at most once a frame (just before drawing, when the browser lays out anyway), and
// only the person's own scrolling (wheel, touch, keys, the scrollbar) is checked against the end.
import { type RefObject, type UIEvent, useEffect, useRef } from 'react'

const pending = new WeakSet<HTMLElement>()

function scrollToEndSoon(element: HTMLElement): void {
  if (pending.has(element)) return
  pending.add(element)
  requestAnimationFrame(() => {
    pending.delete(element)
    element.scrollTop = element.scrollHeight
  })
}

const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' '])

/**
 * Props for the scrolling element: it follows its end whenever `growth` changes. `slackPx` is how
 * near the end counts as at it.
 */
export function useFollowEnd<T extends HTMLElement>(growth: unknown, slackPx: number) {
  const ref = useRef<T>(null) as RefObject<T | null>
  const following = useRef(true)
  // Set by the person's own input; a scroll event after it is theirs to judge.
  const personScrolling = useRef(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the content grows
  useEffect(() => {
    const element = ref.current
    if (element && following.current) scrollToEndSoon(element)
  }, [growth])

  const byPerson = () => {
    personScrolling.current = true
  }
  return {
    ref,
    onWheel: byPerson,
    onTouchMove: byPerson,
    onPointerDown: byPerson,
    onKeyDown: (event: { key: string }) => {
      if (SCROLL_KEYS.has(event.key)) byPerson()
    },
    onScroll: (event: UIEvent<T>) => {
      if (!personScrolling.current) return
      personScrolling.current = false
      const element = event.currentTarget
      following.current = element.scrollHeight - element.scrollTop - element.clientHeight < slackPx
    },
  }
}
