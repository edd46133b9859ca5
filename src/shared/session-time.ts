/**
 * How long a role's session has left, in the same words wherever roles are listed: the
 * Profiles screen, the tray menu and the `cairn` command line. Plain functions of a clock
 * reading, so each place can re-render as time passes without asking main again.
 */

/** A session is refreshed when less than this remains: enough for a command started now to finish. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000

export type SessionState = 'valid' | 'expiring' | 'expired'

/** valid: usable as it is; expiring: under five minutes left, refresh first; expired: over. */
export function sessionState(expiration: string, nowMs: number): SessionState {
  const left = Date.parse(expiration) - nowMs
  if (!(left > 0)) return 'expired'
  return left < REFRESH_MARGIN_MS ? 'expiring' : 'valid'
}

/** "11 h 20 min", "4 min", "under a minute": how long a session has left, for menus and lists. */
export function timeLeft(expiration: string, nowMs: number): string {
  const minutes = Math.floor((Date.parse(expiration) - nowMs) / 60_000)
  if (Number.isNaN(minutes) || minutes < 0) return 'expired'
  if (minutes < 1) return 'under a minute'
  const hours = Math.floor(minutes / 60)
  if (hours === 0) return `${minutes} min`
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`
}

/** What a role's session line needs to know; the renderer's ProfileRole and the tray's role both fit. */
export interface RoleSessionFacts {
  hasAccessKey: boolean
  requiresMfa: boolean
  session: { expiration: string } | null
}

export type SessionStanding = 'console-only' | 'starts-on-use' | 'none' | SessionState

export interface SessionSummary {
  standing: SessionStanding
  /** "11 h 20 min left", "4 min left, ending soon", "session expired", "no session yet", "console only", "starts when used". */
  words: string
}

/**
 * A role's session, judged at `nowMs` rather than when it was last listed, so a countdown that
 * crosses the five-minute mark says "ending soon" without another call.
 */
export function sessionSummary(role: RoleSessionFacts, nowMs: number): SessionSummary {
  if (!role.hasAccessKey) return { standing: 'console-only', words: 'console only' }
  if (!role.session) {
    // Without MFA, credential_process starts a session by itself the first time it is asked.
    return role.requiresMfa ? { standing: 'none', words: 'no session yet' } : { standing: 'starts-on-use', words: 'starts when used' }
  }
  const state = sessionState(role.session.expiration, nowMs)
  if (state === 'expired') return { standing: 'expired', words: 'session expired' }
  const left = `${timeLeft(role.session.expiration, nowMs)} left`
  return { standing: state, words: state === 'expiring' ? `${left}, ending soon` : left }
}
