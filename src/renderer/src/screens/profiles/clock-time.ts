/** "14:05" (or "2:05 PM"): a moment today in the user's own clock format; it does not go stale as a countdown would. */
export const clockTime = (iso: string): string => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
