import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts'
import { classifyAwsError, passedOn } from '../aws/classify-aws-error'
import { offsetFromDateHeader } from '../mfa/aws-clock'
import { CairnError } from '../../shared/errors'
import { isPracticeEndpoint } from '../profiles/account-registry'
import { ClockOffError, describeOffset, WrongMfaCodeError } from './session-errors'
import { sessionFromSts, type SessionCredentials } from './session-freshness'

export interface LongTermKey {
  accessKeyId: string
  secretAccessKey: string
}

export interface SessionTokenRequest {
  role: string
  userName: string
  key: LongTermKey
  endpoint?: string
  durationSeconds: number
  /** The MFA device and a code from it; without it the session carries no MFA. */
  mfa?: { serial: string; code: string }
}

/** Builds the STS client; tests may count or wrap it. */
export type StsClientFactory = (key: LongTermKey & { sessionToken?: string }, options: { endpoint?: string; maxAttempts: number }) => STSClient

export const defaultStsClient: StsClientFactory = (key, options) =>
  new STSClient({
    // STS answers for every account in us-east-1; a session from it works in every region.
    region: 'us-east-1',
    credentials: { ...key },
    maxAttempts: options.maxAttempts,
    // A dead endpoint should fail in seconds, not after the SDK's default of minutes.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    ...(options.endpoint ? { endpoint: options.endpoint } : {})
  })

/** Below this, a clock difference cannot explain a refused code (AWS accepts the codes next to the current one). */
const CLOCK_NOTE_MS = 30_000

/**
 * STS GetSessionToken with the role's own long-term key. With an MFA code the SDK makes one
 * attempt only: a retried request would present the same code again, which AWS refuses as
 * reused, and the user would be told their good code was wrong.
 */
export async function getSessionToken(request: SessionTokenRequest, options: { sts?: StsClientFactory; now?: () => number } = {}): Promise<SessionCredentials> {
  const now = options.now ?? Date.now
  const client = (options.sts ?? defaultStsClient)(request.key, {
    ...(request.endpoint ? { endpoint: request.endpoint } : {}),
    maxAttempts: request.mfa ? 1 : 3
  })
  const sentAt = now()
  try {
    const answer = await client.send(
      new GetSessionTokenCommand({
        DurationSeconds: request.durationSeconds,
        ...(request.mfa ? { SerialNumber: request.mfa.serial, TokenCode: request.mfa.code } : {})
      })
    )
    return sessionFromSts(answer.Credentials, 'GetSessionToken', request.role)
  } catch (error) {
    throw sessionFailure(error, request, offsetFromDateHeader(dateHeaderOf(error), sentAt, now()))
  } finally {
    client.destroy()
  }
}

function dateHeaderOf(error: unknown): string | undefined {
  const response = (error as { $response?: { headers?: Record<string, string | undefined> } } | null)?.$response
  return response?.headers?.['date'] ?? response?.headers?.['Date']
}

/** A refused or failed GetSessionToken, said for the user. `offsetMs`: how far AWS's clock is ahead of ours. */
export function sessionFailure(error: unknown, request: Pick<SessionTokenRequest, 'role' | 'userName' | 'endpoint'>, offsetMs: number): Error {
  const failure = classifyAwsError(error, { practice: isPracticeEndpoint(request.endpoint) })
  const passed = passedOn(error, failure)
  if (passed) return passed
  if (failure.kind === 'unreachable') {
    const where = request.endpoint ?? 'AWS STS'
    return new CairnError(
      'ENDPOINT_UNREACHABLE',
      `Cairn could not reach ${where} to start a session for ${request.role} (${failure.networkCode}). ${failure.next}`
    )
  }
  const { awsCode: code, said: message } = failure
  if (failure.suspect === 'mfa-code') {
    const clockNote =
      Math.abs(offsetMs) >= CLOCK_NOTE_MS
        ? `Also, this computer's clock is ${describeOffset(offsetMs)}; if your phone's clock is off as well, its codes will not match. Set both to update automatically.`
        : null
    return new WrongMfaCodeError(clockNote)
  }
  if (failure.suspect === 'clock') return new ClockOffError(offsetMs)
  if (failure.kind === 'unknown-key' || failure.kind === 'wrong-secret') {
    return new CairnError(
      'INVALID_CREDENTIALS',
      `AWS does not accept the access key Cairn holds for ${request.userName} (${code}): it may have been deleted or deactivated. Set the ${request.role} role up again in Cairn.`
    )
  }
  if (failure.kind === 'access-denied') {
    return new CairnError('NO_IAM_PERMISSION', `AWS refused to start a session for ${request.userName}: ${message}`)
  }
  if (failure.kind === 'throttled')
    return new CairnError('AWS_ERROR', `AWS asked Cairn to slow down while starting a session for ${request.role}. Wait a few seconds and try again.`)
  return new CairnError('AWS_ERROR', `AWS could not start a session for ${request.role}: "${message}" (${code}).`)
}
