import { GetFederationTokenCommand } from '@aws-sdk/client-sts'
import { classifyAwsError, passedOn, type AwsFailure } from '../aws/classify-aws-error'
import { assumeRole, ROLE_SESSION_SECONDS } from '../sessions/assume-role'
import { defaultStsClient, type StsClientFactory } from '../sessions/get-session-token'
import { SignInNeededError } from '../sessions/session-errors'
import { sessionState, type SessionCredentials } from '../sessions/session-freshness'
import type { SecretStore } from '../vault/secret-store'
import { CairnError } from '../../shared/errors'
import { signInId } from '../../shared/domain/words'
import { isPracticeEndpoint, type RegisteredAccount, type RegisteredRole } from './account-registry'

/**
 * One-click console sign-in: GetFederationToken with the role's long-term key, then the
 * federation endpoint's getSigninToken and login URL. Where that cannot work, the account's
 * sign-in page with the user name (and the password for the clipboard) and the reason.
 */

export type ConsoleSignIn =
  | {
      kind: 'federated'
      role: string
      /** Carries a sign-in token that opens the console for 15 minutes: never shown, logged or sent to the renderer. */
      url: string
      /** When the console session ends. */
      expiresAt: string
    }
  | {
      kind: 'sign-in-page'
      role: string
      url: string
      accountId: string
      userName: string
      /** Why one-click sign-in was not possible, in the user's words. */
      why: string
      /** The console password from the keychain, for the clipboard; null when Cairn holds none. */
      password: string | null
    }

export interface ConsoleEndpoints {
  federation: string
  /** Where the console opens after sign-in. */
  destination: string
  signInPage: string
}

/** AWS's sign-in endpoints, or the practice account's /federation and /console. */
export function consoleEndpoints(account: Pick<RegisteredAccount, 'accountId' | 'endpoint'>): ConsoleEndpoints {
  if (account.endpoint !== undefined && isPracticeEndpoint(account.endpoint)) {
    const origin = new URL(account.endpoint).origin
    return { federation: `${origin}/federation`, destination: `${origin}/console`, signInPage: `${origin}/console` }
  }
  return {
    federation: 'https://signin.aws.amazon.com/federation',
    destination: 'https://console.aws.amazon.com/',
    signInPage: `https://${account.accountId}.signin.aws.amazon.com/console`
  }
}

/**
 * A federated user's permissions are the intersection of the calling user's policies and the
 * session policy, and without a session policy they are none at all. Allowing everything here
 * makes the intersection exactly the user's own permissions: never more than the role has.
 */
export const SESSION_POLICY_ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })

/** The console's longest session for federated users. */
const CONSOLE_SECONDS = 43_200

/** GetFederationToken's Name: 2-32 characters of [\w+=,.@-]; it shows as federated-user/NAME. */
export function federatedUserName(role: string): string {
  return `cairn-${role}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 32)
}

export interface ConsoleSignInInput {
  account: Pick<RegisteredAccount, 'accountId' | 'endpoint'> & Pick<Partial<RegisteredAccount>, 'signIn'>
  role: RegisteredRole
  vault: SecretStore
  sts?: StsClientFactory
  fetch?: typeof fetch
  now?: () => number
}

export async function consoleSignIn(input: ConsoleSignInInput): Promise<ConsoleSignIn> {
  const { account, role } = input
  const endpoints = consoleEndpoints(account)
  if (role.roleArn !== undefined) return roleConsoleSignIn(input, role.roleArn, endpoints)
  const secrets = await input.vault.get({ accountId: account.accountId, role: role.role })
  const signInPage = (why: string): ConsoleSignIn => {
    if (!role.consoleAccess) {
      throw new CairnError(
        'NOT_FOUND',
        `${why} ${role.userName} has no console password either, so Cairn cannot open the console as ${role.role}. Give the user console access in Cairn's plan, then try again.`
      )
    }
    return {
      kind: 'sign-in-page',
      role: role.role,
      url: endpoints.signInPage,
      accountId: account.accountId,
      userName: role.userName,
      why,
      password: secrets?.consolePassword ?? null
    }
  }

  const key = secrets?.accessKey
  if (!role.hasAccessKey || !key)
    return signInPage(`${role.userName} has no access key, which one-click sign-in needs: sign in with the user name and password instead.`)
  if (role.requiresMfa) {
    return signInPage(
      `The ${role.role} role allows nothing without MFA, and a one-click (federated) sign-in cannot carry MFA, so AWS would refuse everything in that console. Sign in with the user name, password and an MFA code instead.`
    )
  }

  const client = (input.sts ?? defaultStsClient)(key, { ...(account.endpoint ? { endpoint: account.endpoint } : {}), maxAttempts: 3 })
  let credentials: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined
  try {
    const answer = await client.send(
      new GetFederationTokenCommand({ Name: federatedUserName(role.role), Policy: SESSION_POLICY_ALLOW_ALL, DurationSeconds: CONSOLE_SECONDS })
    )
    credentials = answer.Credentials
  } catch (error) {
    const failure = classifyAwsError(error)
    if (failure.kind === 'access-denied') {
      return signInPage(
        `AWS refused one-click sign-in for ${role.userName}: its policies do not allow sts:GetFederationToken. Sign in with the user name and password instead.`
      )
    }
    throw federationFailure(error, failure, role, account.endpoint)
  } finally {
    client.destroy()
  }
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken || !credentials.Expiration) {
    throw new CairnError('AWS_ERROR', `AWS answered GetFederationToken for ${role.role} without credentials. Try again.`)
  }

  const url = await federatedLoginUrl(
    input,
    { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken },
    endpoints
  )
  return { kind: 'federated', role: role.role, url, expiresAt: credentials.Expiration.toISOString() }
}

/**
 * The roles layout: a fresh role session (AssumeRole, an hour) from the day's sign-in session,
 * which carries MFA, so the console opens as the role with MFA and asks for nothing.
 */
async function roleConsoleSignIn(input: ConsoleSignInInput, roleArn: string, endpoints: ConsoleEndpoints): Promise<ConsoleSignIn> {
  const { account, role } = input
  const userName = account.signIn?.userName ?? role.userName
  const day = (await input.vault.get({ accountId: account.accountId, role: signInId }))?.session
  if (!day || sessionState(day.expiration, (input.now ?? Date.now)()) !== 'valid') throw new SignInNeededError(userName, day?.expiration ?? null)
  const session = await assumeRole(
    {
      role: role.role,
      roleArn,
      userName,
      daySession: day,
      durationSeconds: ROLE_SESSION_SECONDS,
      ...(account.endpoint ? { endpoint: account.endpoint } : {})
    },
    input.sts ? { sts: input.sts } : {}
  )
  // No SessionDuration: AWS refuses it for sessions started from temporary credentials.
  const url = await federatedLoginUrl(input, session, endpoints)
  return { kind: 'federated', role: role.role, url, expiresAt: session.expiration }
}

/** getSigninToken with the session, then the login URL that opens the console with it. */
async function federatedLoginUrl(
  input: Pick<ConsoleSignInInput, 'role' | 'fetch'>,
  credentials: Omit<SessionCredentials, 'expiration'>,
  endpoints: ConsoleEndpoints
): Promise<string> {
  const { role } = input
  const session = JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken })
  const tokenUrl = `${endpoints.federation}?Action=getSigninToken&Session=${encodeURIComponent(session)}`
  let signinToken: string
  try {
    const response = await (input.fetch ?? fetch)(tokenUrl, { redirect: 'error', signal: AbortSignal.timeout(30_000) })
    const body = await response.text()
    const parsed = response.ok ? (JSON.parse(body) as { SigninToken?: unknown }) : {}
    if (typeof parsed.SigninToken !== 'string' || parsed.SigninToken === '') {
      throw new CairnError('AWS_ERROR', `The AWS sign-in service refused to sign ${role.role} in (HTTP ${response.status}). Try again in a minute.`)
    }
    signinToken = parsed.SigninToken
  } catch (error) {
    if (error instanceof CairnError) throw error
    throw new CairnError(
      'ENDPOINT_UNREACHABLE',
      `Cairn could not reach the AWS sign-in service at ${endpoints.federation}. Check your connection and try again.`
    )
  }
  return `${endpoints.federation}?Action=login&Destination=${encodeURIComponent(endpoints.destination)}&SigninToken=${encodeURIComponent(signinToken)}`
}

function federationFailure(error: unknown, failure: AwsFailure, role: RegisteredRole, endpoint: string | undefined): Error {
  const passed = passedOn(error, failure)
  if (passed) return passed
  if (failure.kind === 'unreachable') {
    return new CairnError(
      'ENDPOINT_UNREACHABLE',
      `Cairn could not reach ${endpoint ?? 'AWS STS'} to sign ${role.role} in to the console (${failure.networkCode}).`
    )
  }
  if (failure.kind === 'unknown-key' || failure.kind === 'wrong-secret') {
    return new CairnError(
      'INVALID_CREDENTIALS',
      `AWS does not accept the access key Cairn holds for ${role.userName} (${failure.awsCode}). Set the ${role.role} role up again in Cairn.`
    )
  }
  return new CairnError('AWS_ERROR', `AWS could not sign ${role.role} in to the console: "${failure.said}" (${failure.awsCode}).`)
}
