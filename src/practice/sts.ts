import type { ActionContext, ActionRegistry, ActionSpec, Caller } from './action'
import { authorizeIdentity, managedPolicyDocument } from './authorize-caller'
import { AwsError, awsErrors } from './errors'
import { checkMfa, credentialsView, issueSession } from './session-credentials'
import { parsePolicyDocument, policySize, statementsOf, type PolicyDocument, type PolicyStatement } from './policy/document'
import { validateAccessKeyInfoId, validateDurationSeconds, validateFederatedUserName, validationCollector } from './rules/names'
import { nameKey, ROOT } from './state'
import { AssumeRole } from './assume-role'

const ROOT_MAX_SECONDS = 3600
const MAX_SECONDS = 129_600
const DEFAULT_SECONDS = 43_200
/** STS's limit on the plaintext of an inline session policy and on the number of PolicyArns. */
const SESSION_POLICY_MAX_CHARS = 2048
const SESSION_POLICY_ARNS_MAX = 10

const cannotCallWithSession = (action: string) => awsErrors.accessDenied(`Cannot call ${action} with session credentials`)
/** Long-term identity name as sessions record it: '<root>' or the UserName. */
function principalOf(caller: Caller): string {
  if (caller.kind === 'root') return ROOT
  if (caller.kind === 'user') return caller.userName
  if (caller.kind === 'role') return caller.session.principal
  return caller.userName ?? ROOT
}

function durationFor(ctx: ActionContext, isRoot: boolean): number {
  const requested = validateDurationSeconds(ctx.params.DurationSeconds, 900, MAX_SECONDS)
  // Root's credentials are capped at one hour; STS shortens the request rather than refusing it.
  const max = isRoot ? ROOT_MAX_SECONDS : MAX_SECONDS
  return Math.min(requested ?? (isRoot ? ROOT_MAX_SECONDS : DEFAULT_SECONDS), max)
}

const GetCallerIdentity: ActionSpec = {
  mutates: false,
  handler(ctx) {
    const { caller, state } = ctx
    const account = state.accountId
    if (caller.kind === 'root') return { Arn: state.root.arn, UserId: account, Account: account }
    if (caller.kind === 'federated') return { Arn: caller.arn, UserId: `${account}:${caller.federatedName}`, Account: account }
    if (caller.kind === 'role') {
      const role = state.roles[nameKey(caller.roleName)]
      return { Arn: caller.arn, UserId: `${role?.roleId ?? ''}:${caller.roleSessionName}`, Account: account }
    }
    const user = state.users[nameKey(caller.userName)]
    return { Arn: caller.arn, UserId: user?.userId ?? '', Account: account }
  }
}

const GetSessionToken: ActionSpec = {
  mutates: true,
  handler(ctx) {
    const caller = ctx.caller
    if (caller.session || caller.kind === 'federated') throw cannotCallWithSession('GetSessionToken')
    const seconds = durationFor(ctx, caller.kind === 'root')
    const principal = principalOf(caller)
    const mfaAuthenticated = checkMfa(ctx, principal)
    const session = issueSession(ctx, seconds, { kind: 'session', principal, mfaAuthenticated })
    if (mfaAuthenticated) session.mfaAuthenticatedAt = session.issuedAt
    return { Credentials: credentialsView(session) }
  }
}

function sessionPolicyOf(ctx: ActionContext): { document: PolicyDocument; packedPercent: number } | undefined {
  const collector = validationCollector()
  const inline = ctx.params.Policy
  const arns: string[] = []
  for (let i = 1; ctx.params[`PolicyArns.member.${i}.arn`] !== undefined; i++) arns.push(ctx.params[`PolicyArns.member.${i}.arn`]!)
  if (inline !== undefined && (inline.length < 1 || inline.length > SESSION_POLICY_MAX_CHARS)) {
    collector.fail(
      inline,
      'policy',
      inline.length < 1 ? 'Member must have length greater than or equal to 1' : `Member must have length less than or equal to ${SESSION_POLICY_MAX_CHARS}`
    )
  }
  if (arns.length > SESSION_POLICY_ARNS_MAX) {
    collector.fail(null, 'policyArns', `Member must have length less than or equal to ${SESSION_POLICY_ARNS_MAX}`)
  }
  collector.throwIfAny()
  if (inline === undefined && arns.length === 0) return undefined

  const statements: PolicyStatement[] = []
  if (inline !== undefined) statements.push(...statementsOf(parsePolicyDocument(inline)))
  for (const arn of arns) {
    const document = managedPolicyDocument(ctx.state, arn)
    if (!document) throw new AwsError('InvalidParameterValue', `Policy ${arn} does not exist or is not attachable.`, 400)
    statements.push(...statementsOf(document))
  }
  // STS packs (compresses) session policies before checking their size and does not document
  // the packing; the practice account estimates it from the minified size.
  const packed = (inline === undefined ? 0 : policySize(inline)) * 0.55 + arns.length * 90
  const packedPercent = Math.max(1, Math.ceil((packed / SESSION_POLICY_MAX_CHARS) * 100))
  if (packedPercent > 100) {
    throw new AwsError('PackedPolicyTooLarge', `Packed policy consumes ${packedPercent}% of allotted space, please use smaller policy.`, 400)
  }
  return { document: { Version: '2012-10-17', Statement: statements }, packedPercent }
}

const GetFederationToken: ActionSpec = {
  mutates: true,
  handler(ctx) {
    const caller = ctx.caller
    if (caller.session || caller.kind === 'federated') throw cannotCallWithSession('GetFederationToken')
    const collector = validationCollector()
    const name = validateFederatedUserName(ctx.params.Name, 'name', collector)
    collector.throwIfAny()
    const seconds = durationFor(ctx, caller.kind === 'root')
    const federatedArn = `arn:aws:sts::${ctx.state.accountId}:federated-user/${name}`
    authorizeIdentity(ctx.state, caller, 'sts:GetFederationToken', federatedArn, ctx.now)
    const policy = sessionPolicyOf(ctx)
    // Without a session policy the federated user has no permissions at all: record an empty one.
    const sessionPolicy: PolicyDocument = policy?.document ?? { Version: '2012-10-17', Statement: [] }
    const session = issueSession(ctx, seconds, {
      kind: 'federation',
      principal: principalOf(caller),
      mfaAuthenticated: false,
      federatedName: name,
      sessionPolicy
    })
    return {
      Credentials: credentialsView(session),
      FederatedUser: { FederatedUserId: `${ctx.state.accountId}:${name}`, Arn: federatedArn },
      PackedPolicySize: policy?.packedPercent
    }
  }
}

/**
 * Which account an access key belongs to, whoever asks and whatever the key's state. The
 * practice account knows only the keys it issued (root's, its users', its temporary ones); any
 * other key is one it cannot place, and it says so rather than name an account.
 */
const GetAccessKeyInfo: ActionSpec = {
  mutates: false,
  handler(ctx) {
    if (ctx.caller.session) throw cannotCallWithSession('GetAccessKeyInfo')
    const keyId = validateAccessKeyInfoId(ctx.params.AccessKeyId)
    const { state } = ctx
    const issued =
      state.sessions[keyId] !== undefined ||
      state.root.accessKeys.some((k) => k.accessKeyId === keyId) ||
      Object.values(state.users).some((user) => user.accessKeys.some((k) => k.accessKeyId === keyId))
    if (!issued) throw new AwsError('InvalidParameterValue', `The access key ${keyId} was not issued by this account, or has been deleted.`, 400)
    return { Account: state.accountId }
  }
}

export const stsActions: ActionRegistry = { GetCallerIdentity, GetSessionToken, GetFederationToken, GetAccessKeyInfo, AssumeRole }

/** Within STS, GetFederationToken credentials may only ask who they are. */
export function authorizeStsCall(caller: Caller, action: string): void {
  if (caller.kind !== 'federated' || action === 'GetCallerIdentity') return
  throw cannotCallWithSession(action)
}
