import { randomBytes } from 'node:crypto'
import type { ActionContext } from './action'
import { newAccessKeyId, newSecretAccessKey } from './iam/access-key-material'
import { awsErrors } from './errors'
import { acceptCode } from './mfa/device-codes'
import { validateSerialNumber, validateTokenCode, validationCollector } from './rules/names'
import type { TemporarySession } from './state'

/** Temporary credentials as STS issues them (GetSessionToken, GetFederationToken, AssumeRole). */

export const mfaFailed = () => awsErrors.accessDenied('MultiFactorAuthentication failed with invalid MFA one time pass code.')

function base64Text(bytes: number): string {
  return randomBytes(bytes).toString('base64')
}

/** New ASIA… credentials, recorded so SigV4 can verify them and expire them. */
export function issueSession(
  ctx: ActionContext,
  seconds: number,
  fields: Pick<TemporarySession, 'kind' | 'principal' | 'mfaAuthenticated' | 'federatedName' | 'sessionPolicy'> &
    Partial<Pick<TemporarySession, 'roleName' | 'roleSessionName' | 'chained' | 'mfaAuthenticatedAt'>>
): TemporarySession {
  const session: TemporarySession = {
    accessKeyId: newAccessKeyId('ASIA'),
    secretAccessKey: newSecretAccessKey(),
    // Real tokens are opaque base64 of a few hundred bytes; SDKs only pass them through.
    sessionToken: `IQoJb3JpZ2luX2VjE${base64Text(312)}`,
    expiration: new Date(ctx.now.getTime() + seconds * 1000).toISOString(),
    issuedAt: ctx.now.toISOString(),
    ...fields
  }
  if (session.federatedName === undefined) delete session.federatedName
  for (const key of ['sessionPolicy', 'roleName', 'roleSessionName', 'chained', 'mfaAuthenticatedAt'] as const) {
    if (session[key] === undefined) delete session[key]
  }
  ctx.state.sessions[session.accessKeyId] = session
  ctx.markDirty()
  return session
}

export function credentialsView(session: TemporarySession) {
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: new Date(session.expiration)
  }
}

/**
 * Checks SerialNumber + TokenCode against any MFA device enabled for the caller, refusing a
 * replayed code. `principal` null: the caller (a role session) owns no MFA device.
 */
export function checkMfa(ctx: ActionContext, principal: string | null): boolean {
  const { SerialNumber: serial, TokenCode: code } = ctx.params
  if (serial === undefined && code === undefined) return false
  const collector = validationCollector()
  if (serial !== undefined) validateSerialNumber(serial, 'serialNumber', collector, { sts: true })
  if (code !== undefined) validateTokenCode(code, 'tokenCode', collector)
  collector.throwIfAny()
  if (serial === undefined || code === undefined) throw mfaFailed()
  const device = ctx.state.virtualMfaDevices[serial]
  const enabledForCaller =
    principal !== null && device?.enabledFor !== null && device?.enabledFor !== undefined && device.enabledFor.toLowerCase() === principal.toLowerCase()
  if (!device || !enabledForCaller) throw mfaFailed()
  // Around the drift ResyncMFADevice measured, so a resynchronised phone signs in again.
  if (!acceptCode(device, code, ctx.now)) throw mfaFailed()
  ctx.markDirty()
  return true
}
