import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { classifyAwsError, passedOn } from '../aws/classify-aws-error'
import { CairnError } from '../../shared/errors'
import { isPracticeEndpoint } from '../profiles/account-registry'
import { defaultStsClient, type StsClientFactory } from './get-session-token'
import { SignInNeededError } from './session-errors'
import { sessionFromSts, type SessionCredentials } from './session-freshness'

/**
 * The roles layout's role sessions: STS AssumeRole signed with the day's sign-in session (the
 * person's GetSessionToken session, which carries MFA). AWS treats a role assumed this way like
 * a chained one: at most an hour, so Cairn asks for exactly that and starts another when it ends.
 */

/** AWS's limit on a role session started from temporary credentials. */
export const ROLE_SESSION_SECONDS = 3600

export interface AssumeRoleRequest {
  role: string
  roleArn: string
  /** The sign-in user: the session is named after it, so CloudTrail says who acted. */
  userName: string
  /** The day's sign-in session. */
  daySession: SessionCredentials
  endpoint?: string
  durationSeconds?: number
}

/** RoleSessionName: 2-64 characters of [\w+=,.@-], which IAM user names already are. */
export function roleSessionName(userName: string): string {
  const name = userName.replace(/[^\w+=,.@-]/g, '-').slice(0, 64)
  return name.length >= 2 ? name : `${name}-cairn`
}

export async function assumeRole(request: AssumeRoleRequest, options: { sts?: StsClientFactory } = {}): Promise<SessionCredentials> {
  const { daySession } = request
  const client = (options.sts ?? defaultStsClient)(
    { accessKeyId: daySession.accessKeyId, secretAccessKey: daySession.secretAccessKey, sessionToken: daySession.sessionToken },
    { ...(request.endpoint ? { endpoint: request.endpoint } : {}), maxAttempts: 3 }
  )
  try {
    const answer = await client.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: roleSessionName(request.userName),
        DurationSeconds: request.durationSeconds ?? ROLE_SESSION_SECONDS
      })
    )
    return sessionFromSts(answer.Credentials, 'AssumeRole', request.role)
  } catch (error) {
    throw assumeRoleFailure(error, request)
  } finally {
    client.destroy()
  }
}

/** A refused or failed AssumeRole, said for the user. */
export function assumeRoleFailure(error: unknown, request: Pick<AssumeRoleRequest, 'role' | 'roleArn' | 'userName' | 'endpoint' | 'daySession'>): Error {
  const failure = classifyAwsError(error, { practice: isPracticeEndpoint(request.endpoint) })
  const passed = passedOn(error, failure)
  if (passed) return passed
  if (failure.kind === 'unreachable') {
    return new CairnError(
      'ENDPOINT_UNREACHABLE',
      `Cairn could not reach ${request.endpoint ?? 'AWS STS'} to start the ${request.role} role's session (${failure.networkCode}). ${failure.next}`
    )
  }
  if (failure.suspect === 'clock') {
    return new CairnError(
      'CLOCK_OFF',
      `AWS refused to start the ${request.role} role's session because this computer's clock is off. Turn on "Set time automatically" in your system's date and time settings, then try again.`
    )
  }
  // The day's session is no longer good (it ran out, or AWS forgot it): signing in again mends it.
  if (failure.kind === 'expired-credentials' || failure.kind === 'unknown-key' || failure.kind === 'wrong-secret') {
    return new SignInNeededError(request.userName, request.daySession.expiration)
  }
  if (failure.kind === 'access-denied') {
    return new CairnError(
      'NO_IAM_PERMISSION',
      `AWS refused to let ${request.userName} assume the ${request.role} role (${request.roleArn}): the role does not trust ${request.userName} with MFA, or ${request.userName} may not assume it. Apply the plan again in Cairn (Plan, then Apply) to set the role's trust policy right. AWS said: ${failure.said}`
    )
  }
  if (failure.kind === 'invalid-request' && /DurationSeconds|MaxSessionDuration/i.test(failure.said)) {
    return new CairnError(
      'AWS_ERROR',
      `AWS will not give the ${request.role} role a session of ${ROLE_SESSION_SECONDS / 60} minutes: "${failure.said}". Apply the plan again in Cairn to set the role's maximum session to at least an hour.`
    )
  }
  if (failure.kind === 'throttled')
    return new CairnError('AWS_ERROR', `AWS asked Cairn to slow down while starting the ${request.role} role's session. Wait a few seconds and try again.`)
  return new CairnError('AWS_ERROR', `AWS could not start the ${request.role} role's session: "${failure.said}" (${failure.awsCode}).`)
}
