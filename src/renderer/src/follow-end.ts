// Keeping a scrolled list at its end while its content grows, unless the person scrolled away to read.
// Reading a list's height forces a layout, so nothing reads it while the list just follows: it is
// moved to its end at most once a frame, and its position is read only while the person is scrolling
// it (wheel, touch, keys, a pointer on the scrollbar) or it is not following, to learn whether they
// left the end or came back to it. Upward input stops following at once, without reading anything.
import { type UIEvent, useCallback, useEffect, useRef } from 'react'

const pending = new WeakSet<HTMLElement>()

/**
 * Messages far off screen are laid out at an estimated height until they come into view, so reaching
 * the end can grow the list: it is followed for a few frames until its height holds still.
 */
const SETTLE_FRAMES = 8

function scrollToEndSoon(element: HTMLElement, stillWanted: () => boolean, frames = SETTLE_FRAMES): void {
  if (pending.has(element)) return
  pending.add(element)
  requestAnimationFrame(() => {
    pending.delete(element)
    if (!stillWanted()) return
    const height = element.scrollHeight
    element.scrollTop = height
    requestAnimationFrame(() => {
      if (frames > 1 && element.scrollHeight !== height) scrollToEndSoon(element, stillWanted, frames - 1)
    })
  })
}

/** How long after a wheel turn or a key a scroll event is still the person's (smooth scrolling). */
const INPUT_SETTLES_MS = 200
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home'])
const DOWN_KEYS = new Set(['ArrowDown', 'PageDown', ' '])

export interface FollowEnd<T extends HTMLElement> {
  /** Props for the scrolling element. */
  props: {
    ref: (element: T | null) => void
    tabIndex: number
    onWheel: (event: { deltaY: number }) => void
    onTouchMove: () => void
    onPointerDown: () => void
    onKeyDown: (event: { key: string }) => void
    onScroll: (event: UIEvent<T>) => void
  }
  /** Whether the last scroll was the person's (not the list following its end). */
  readonly scrolledByPerson: () => boolean
  /** For a list moved along with another (synchronized scrolling): follow or not from now on. */
  setFollowing(following: boolean): void
}

/** Follows the end whenever `growth` changes; `slackPx` is how near the end counts as at it. */
export function useFollowEnd<T extends HTMLElement>(growth: unknown, slackPx: number): FollowEnd<T> {
  const element = useRef<T | null>(null)
  const following = useRef(true)
  const inputUntil = useRef(0)
  const pointerDown = useRef(false)
  const lastScrollByPerson = useRef(false)

  const personActive = () => pointerDown.current || performance.now() < inputUntil.current

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the content grows
  useEffect(() => {
    const list = element.current
    if (list && following.current && !personActive())
      scrollToEndSoon(list, () => following.current && !personActive())
  }, [growth])

  useEffect(() => {
    const release = () => {
      pointerDown.current = false
    }
    window.addEventListener('pointerup', release)
    window.addEventListener('pointercancel', release)
    return () => {
      window.removeEventListener('pointerup', release)
      window.removeEventListener('pointercancel', release)
    }
  }, [])

  const input = (direction: 'up' | 'down' | 'either') => {
    inputUntil.current = performance.now() + INPUT_SETTLES_MS
    if (direction === 'up') following.current = false
  }

  const ref = useCallback((list: T | null) => {
    element.current = list
  }, [])

  return {
    props: {
      ref,
      // A scrolling region is reachable by keyboard, so PageUp and PageDown reach it too.
      tabIndex: 0,
      onWheel: (event) => input(event.deltaY < 0 ? 'up' : 'down'),
      onTouchMove: () => input('either'),
      onPointerDown: () => {
        pointerDown.current = true
      },
      onKeyDown: (event) => {
        if (UP_KEYS.has(event.key)) input('up')
        else if (DOWN_KEYS.has(event.key)) input('down')
        // End asks for the end, wherever it has got to by the time the scroll gets there.
        else if (event.key === 'End') following.current = true
      },
      onScroll: (event) => {
        lastScrollByPerson.current = personActive()
        // A list that is not following only moves when the person (or smooth scrolling they started)
        // moves it: every such scroll may bring it back to the end.
        if (!lastScrollByPerson.current && following.current) return
        const list = event.currentTarget
        following.current = list.scrollHeight - list.scrollTop - list.clientHeight < slackPx
      },
    },
    scrolledByPerson: () => lastScrollByPerson.current,
    setFollowing(value) {
      following.current = value
    },
  }
}
