import type { ActionContext, ActionSpec, Caller } from './action'
import { deniedMessage, identityDecision, requestContext } from './authorize-caller'
import { awsErrors } from './errors'
import { assumedRoleArn } from './identify-caller'
import { evaluateTrust } from './policy/trust'
import { validateDurationSeconds, validationCollector, type ValidationCollector } from './rules/names'
import { checkMfa, credentialsView, issueSession } from './session-credentials'
import { nameKey, type IamRole } from './state'

const ACTION = 'sts:AssumeRole'
const DEFAULT_SECONDS = 3600
/** AWS's limit on a session of a role assumed with temporary credentials (role chaining). */
const CHAINED_MAX_SECONDS = 3600
const SESSION_NAME = /^[\w+=,.@-]*$/

function checkText(value: string | undefined, field: string, min: number, max: number, errors: ValidationCollector, pattern?: string): string {
  if (value === undefined) {
    errors.fail(null, field, 'Member must not be null')
    return ''
  }
  if (pattern !== undefined && !SESSION_NAME.test(value)) errors.fail(value, field, `Member must satisfy regular expression pattern: ${pattern}`)
  if ([...value].length < min) errors.fail(value, field, `Member must have length greater than or equal to ${min}`)
  if ([...value].length > max) errors.fail(value, field, `Member must have length less than or equal to ${max}`)
  return value
}

function notAuthorized(caller: Caller, roleArn: string): Error {
  return awsErrors.accessDenied(`User: ${caller.arn} is not authorized to perform: ${ACTION} on resource: ${roleArn}`)
}

/** The ARNs a trust policy can name this caller by: the user's, or the role's and its session's. */
function directArns(ctx: ActionContext, caller: Caller & { kind: 'user' | 'role' }): string[] {
  if (caller.kind === 'user') return [caller.arn]
  const role = ctx.state.roles[nameKey(caller.roleName)]
  return role ? [role.arn, caller.arn] : [caller.arn]
}

function sessionSeconds(ctx: ActionContext, role: IamRole, chained: boolean): number {
  const requested = validateDurationSeconds(ctx.params.DurationSeconds, 900, 43_200)
  const seconds = requested ?? DEFAULT_SECONDS
  if (chained && seconds > CHAINED_MAX_SECONDS) {
    throw awsErrors.validation('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.')
  }
  if (seconds > role.maxSessionDuration) throw awsErrors.validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
  return seconds
}

/**
 * STS AssumeRole within the practice account. The role's trust policy must allow the caller
 * (by its own ARN, or the account's); when it names the account only, an IAM user or role also
 * needs sts:AssumeRole on the role in its identity policies, as AWS documents for one account.
 * An explicit deny or the caller's permissions boundary refuses either way. SerialNumber and
 * TokenCode are checked against the caller's MFA devices; the session then carries MFA, as does
 * one assumed with an MFA-authenticated GetSessionToken session (MultiFactorAuthAge still counting
 * from the code given to GetSessionToken). Assuming a role with temporary credentials, a role's or
 * GetSessionToken's, is role chaining: at most an hour, and the session is marked chained.
 */
export const AssumeRole: ActionSpec = {
  mutates: true,
  handler(ctx) {
    const errors = validationCollector()
    const roleArn = checkText(ctx.params.RoleArn, 'roleArn', 20, 2048, errors)
    const sessionName = checkText(ctx.params.RoleSessionName, 'roleSessionName', 2, 64, errors, String.raw`[\w+=,.@-]*`)
    validateDurationSeconds(ctx.params.DurationSeconds, 900, 43_200, 'durationSeconds', errors)
    errors.throwIfAny()
    const caller = ctx.caller
    if (caller.kind === 'root') throw awsErrors.accessDenied('Roles may not be assumed by root accounts.')
    if (caller.kind === 'federated') throw awsErrors.accessDenied('Cannot call AssumeRole with session credentials')
    const principal = caller.kind === 'user' ? caller.userName : caller.session.principal
    const mfaNow = checkMfa(ctx, caller.kind === 'user' ? caller.userName : null)

    const role = Object.values(ctx.state.roles).find((r) => r.arn === roleArn)
    if (!role) throw notAuthorized(caller, roleArn)
    const context = requestContext(ctx.state, caller, ctx.now)
    if (mfaNow) {
      context['aws:MultiFactorAuthPresent'] = 'true'
      context['aws:MultiFactorAuthAge'] = '0'
    }
    const trust = evaluateTrust(role.assumeRolePolicyDocument, ACTION, { accountId: ctx.state.accountId, directArns: directArns(ctx, caller) }, context)
    if (trust.decision !== 'Allow') throw notAuthorized(caller, roleArn)
    const identity = identityDecision(ctx.state, caller, { action: ACTION, resource: roleArn, context }, { identityNotNeeded: trust.namedDirectly })
    if (identity.decision !== 'Allow') throw awsErrors.accessDenied(deniedMessage(caller.arn, ACTION, roleArn, identity.decision, identity.type))

    // Role chaining: the caller signed with temporary credentials, another role's session or, as
    // AWS's knowledge-center article on the one-hour limit says, a GetSessionToken session.
    const chained = caller.kind === 'role' || caller.session !== undefined
    const seconds = sessionSeconds(ctx, role, chained)
    // MFA proven now, or carried from the GetSessionToken session that signed this call.
    const fromSessionToken = caller.kind === 'user' ? caller.session : undefined
    const carried = fromSessionToken?.mfaAuthenticated ? (fromSessionToken.mfaAuthenticatedAt ?? fromSessionToken.issuedAt) : undefined
    const mfaAuthenticatedAt = mfaNow ? ctx.now.toISOString() : carried
    const session = issueSession(ctx, seconds, {
      kind: 'role',
      principal,
      mfaAuthenticated: mfaAuthenticatedAt !== undefined,
      roleName: role.roleName,
      roleSessionName: sessionName,
      chained,
      mfaAuthenticatedAt
    })
    return {
      Credentials: credentialsView(session),
      AssumedRoleUser: { AssumedRoleId: `${role.roleId}:${sessionName}`, Arn: assumedRoleArn(ctx.state.accountId, role.roleName, sessionName) }
    }
  }
}
