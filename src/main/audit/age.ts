const DAY_MS = 24 * 60 * 60 * 1000

/** Whole days from `since` to `now`, never negative (clocks disagree by seconds). */
export function ageInDays(since: Date | string, now: Date): number {
  const start = typeof since === 'string' ? Date.parse(since) : since.getTime()
  return Math.max(0, Math.floor((now.getTime() - start) / DAY_MS))
}

export function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`
}
