import { CairnError } from '../../shared/errors'
// The clock arithmetic is shared with the renderer and the tray, so every place says the same.
export { REFRESH_MARGIN_MS, sessionState, timeLeft, type SessionState } from '../../shared/session-time'

export interface SessionCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** ISO 8601, as STS returns it. */
  expiration: string
}

/** STS's Credentials element (GetSessionToken, AssumeRole, GetFederationToken) as Cairn keeps it; `call` names the call for the error. */
export function sessionFromSts(
  credentials:
    { AccessKeyId?: string | undefined; SecretAccessKey?: string | undefined; SessionToken?: string | undefined; Expiration?: Date | undefined } | undefined,
  call: string,
  role: string
): SessionCredentials {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken || !credentials.Expiration) {
    throw new CairnError('AWS_ERROR', `AWS answered ${call} for ${role} without credentials. Try again.`)
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration.toISOString()
  }
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

/** "21:04": when a session ends, on this computer's clock (the day's sign-in, said in the tray and by `cairn signin`). */
export function clockTime(iso: string): string {
  const at = new Date(iso)
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}
