/** A session is refreshed when less than this remains: enough for a command started now to finish. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000

export interface SessionCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** ISO 8601, as STS returns it. */
  expiration: string
}

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

/** What the AWS CLI and SDKs expect on a credential_process's standard output. */
export function processCredentialsJson(session: SessionCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: new Date(session.expiration).toISOString()
  })
}
