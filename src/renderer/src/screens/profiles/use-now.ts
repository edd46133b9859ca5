import { useEffect, useState } from 'react'

/** Session times are shown to the minute, so reading the clock twice a minute keeps them right. */
export const CLOCK_TICK_MS = 30_000

/** The time now, read again every `everyMs`: what a countdown re-renders from. */
export function useNow(everyMs: number = CLOCK_TICK_MS): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs)
    return () => window.clearInterval(timer)
  }, [everyMs])
  return now
}
