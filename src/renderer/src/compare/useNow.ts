import { useEffect, useState } from 'react'

/** The time now, refreshed twice a second while `ticking` (a live speed figure), else left alone. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) {
      setNow(Date.now())
      return
    }
    const timer = setInterval(() => setNow(Date.now()), 500)
    return () => clearInterval(timer)
  }, [ticking])
  return ticking ? Math.max(now, Date.now()) : now
}
