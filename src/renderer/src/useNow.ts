import { useEffect, useState } from 'react'

/**
 * The time now, refreshed every `intervalMs` while `ticking` (a countdown, a live speed figure), and
 * left alone otherwise so nothing re-renders for it.
 */
export function useNow(intervalMs: number, ticking = true): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    setNow(Date.now())
    if (!ticking) return
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs, ticking])
  return now
}
