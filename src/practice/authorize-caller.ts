import type { Caller } from './action'
import { awsErrors } from './errors'
import { invalidClientTokenId } from './identify-caller'
import { awsManagedDocument, findAwsManagedPolicy, type PolicyDocument } from './policy/catalog'
import { evaluate, type AuthorizationRequest, type ContextValue, type Decision } from './policy/evaluate'
import { nameKey, type PracticeState } from './state'

/**
 * The document a managed policy's default version is evaluated by: customer managed from state,
 * AWS managed from the catalog (AWS's own document, Allow and Deny statements alike).
 */
export function managedPolicyDocument(state: PracticeState, arn: string): PolicyDocument | undefined {
  const aws = findAwsManagedPolicy(arn)
  if (aws) return awsManagedDocument(aws)
  const customer = state.customerPolicies[arn]
  return customer?.versions.find((v) => v.versionId === customer.defaultVersionId)?.document
}

/** Every identity-based policy that applies to a user: attached and inline, directly and through each group. */
export function userIdentityPolicies(state: PracticeState, userName: string): PolicyDocument[] {
  const user = state.users[nameKey(userName)]
  if (!user) return []
  const documents: PolicyDocument[] = []
  const addManaged = (arns: readonly string[]) => {
    for (const arn of arns) {
      const document = managedPolicyDocument(state, arn)
      if (document) documents.push(document)
    }
  }
  addManaged(user.attachedPolicyArns)
  documents.push(...Object.values(user.inlinePolicies))
  for (const groupKey of user.groups) {
    const group = state.groups[groupKey]
    if (!group) continue
    addManaged(group.attachedPolicyArns)
    documents.push(...Object.values(group.inlinePolicies))
  }
  return documents
}

/** A role's identity-based policies: attached managed and inline. */
export function roleIdentityPolicies(state: PracticeState, roleName: string): PolicyDocument[] {
  const role = state.roles[nameKey(roleName)]
  if (!role) return []
  const documents: PolicyDocument[] = []
  for (const arn of role.attachedPolicyArns) {
    const document = managedPolicyDocument(state, arn)
    if (document) documents.push(document)
  }
  documents.push(...Object.values(role.inlinePolicies))
  return documents
}

/** The role's permissions boundary as evaluated, or undefined when none is set. */
export function rolePermissionsBoundary(state: PracticeState, roleName: string): PolicyDocument | undefined {
  const arn = state.roles[nameKey(roleName)]?.permissionsBoundary
  if (arn === undefined) return undefined
  return managedPolicyDocument(state, arn) ?? { Version: '2012-10-17', Statement: [] }
}

/** When MFA was last proven for a session, or undefined when it never was. */
function mfaTime(session: Caller['session']): string | undefined {
  if (!session?.mfaAuthenticated) return undefined
  return session.mfaAuthenticatedAt ?? session.issuedAt
}

/** The global condition keys IAM puts in every request context, for this caller. */
export function requestContext(state: PracticeState, caller: Caller, now: Date): Record<string, ContextValue> {
  const session = caller.session
  const context: Record<string, ContextValue> = {
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:SecureTransport': 'false',
    'aws:RequestedRegion': 'us-east-1',
    'aws:PrincipalAccount': state.accountId,
    // For a role session AWS puts the role's ARN here, not the session's.
    'aws:PrincipalArn': caller.kind === 'role' ? roleArnOf(state, caller.roleName) : caller.arn,
    // Present only for temporary credentials: long-term keys carry no MFA information at all,
    // which is why policies test it with BoolIfExists.
    'aws:MultiFactorAuthPresent': session ? String(session.mfaAuthenticated) : undefined,
    'aws:MultiFactorAuthAge':
      mfaTime(session) === undefined ? undefined : String(Math.max(0, Math.floor((now.getTime() - Date.parse(mfaTime(session)!)) / 1000))),
    'aws:TokenIssueTime': session ? session.issuedAt : undefined
  }
  if (caller.kind === 'root') {
    context['aws:PrincipalType'] = 'Account'
    context['aws:userid'] = state.accountId
  } else if (caller.kind === 'user') {
    const user = state.users[nameKey(caller.userName)]
    context['aws:PrincipalType'] = 'User'
    context['aws:username'] = caller.userName
    context['aws:userid'] = user?.userId
  } else if (caller.kind === 'role') {
    context['aws:PrincipalType'] = 'AssumedRole'
    context['aws:userid'] = `${state.roles[nameKey(caller.roleName)]?.roleId ?? ''}:${caller.roleSessionName}`
  } else {
    context['aws:PrincipalType'] = 'FederatedUser'
    context['aws:userid'] = `${state.accountId}:${caller.federatedName}`
  }
  return context
}

function roleArnOf(state: PracticeState, roleName: string): string {
  return state.roles[nameKey(roleName)]?.arn ?? `arn:aws:iam::${state.accountId}:role/${roleName}`
}

/** The policy types AWS names in AccessDenied messages, as "in an identity-based policy", "no permissions boundary allows". */
const policyTypes = {
  identity: { article: 'an', noun: 'identity-based policy' },
  session: { article: 'a', noun: 'session policy' },
  boundary: { article: 'a', noun: 'permissions boundary' }
} as const

export function deniedMessage(
  callerArn: string,
  action: string,
  resource: string,
  decision: Exclude<Decision, 'Allow'>,
  type: keyof typeof policyTypes
): string {
  const base = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`
  const { article, noun } = policyTypes[type]
  return decision === 'ExplicitDeny' ? `${base} with an explicit deny in ${article} ${noun}` : `${base} because no ${noun} allows the ${action} action`
}

/** The user's permissions boundary as evaluated, or undefined when none is set. */
export function userPermissionsBoundary(state: PracticeState, userName: string): PolicyDocument | undefined {
  const arn = state.users[nameKey(userName)]?.permissionsBoundary
  if (arn === undefined) return undefined
  // A boundary whose policy is gone allows nothing (IAM refuses to delete a policy in use as one).
  return managedPolicyDocument(state, arn) ?? { Version: '2012-10-17', Statement: [] }
}

/**
 * IAM's order: an explicit deny in either the identity policies or the boundary wins, then the
 * identity policies must allow, then the boundary must allow too. `identityNotNeeded` is for a
 * resource policy that already allows the caller by name (a trust policy naming the user):
 * then only an explicit deny or the boundary can refuse.
 */
export function identityDecision(
  state: PracticeState,
  caller: Caller & { kind: 'user' | 'role' },
  request: AuthorizationRequest,
  options: { identityNotNeeded?: boolean } = {}
): { decision: Decision; type: keyof typeof policyTypes } {
  const documents = caller.kind === 'user' ? userIdentityPolicies(state, caller.userName) : roleIdentityPolicies(state, caller.roleName)
  const boundaryDocument = caller.kind === 'user' ? userPermissionsBoundary(state, caller.userName) : rolePermissionsBoundary(state, caller.roleName)
  const evaluated = evaluate(request, documents)
  const identity = options.identityNotNeeded && evaluated !== 'ExplicitDeny' ? 'Allow' : evaluated
  const boundary = boundaryDocument === undefined ? 'Allow' : evaluate(request, [boundaryDocument])
  if (identity === 'ExplicitDeny') return { decision: identity, type: 'identity' }
  if (boundary === 'ExplicitDeny') return { decision: boundary, type: 'boundary' }
  if (identity !== 'Allow') return { decision: identity, type: 'identity' }
  return { decision: boundary, type: 'boundary' }
}

/**
 * Checks an IAM user's (or role session's) identity policies, capped by its permissions boundary, for
 * `action` on `resource`; throws AccessDenied in AWS's words. Root is allowed everything.
 */
export function authorizeIdentity(state: PracticeState, caller: Caller, action: string, resource: string, now: Date): void {
  if (caller.kind === 'root') return
  const request = { action, resource, context: requestContext(state, caller, now) }
  const { decision, type } =
    caller.kind === 'user' || caller.kind === 'role' ? identityDecision(state, caller, request) : { decision: evaluate(request, []), type: 'identity' as const }
  if (decision !== 'Allow') throw awsErrors.accessDenied(deniedMessage(caller.arn, action, resource, decision, type))
}

/**
 * The gate in front of every IAM action. GetSessionToken credentials without MFA are refused
 * as IAM refuses them (InvalidClientTokenId, not AccessDenied), GetFederationToken credentials
 * can never call IAM, everyone else is judged by their identity policies.
 */
export function authorizeIamCall(state: PracticeState, caller: Caller, action: string, resource: string, now: Date): void {
  const iamAction = `iam:${action}`
  if (caller.kind === 'federated') {
    throw awsErrors.accessDenied(deniedMessage(caller.arn, iamAction, resource, 'ImplicitDeny', 'session'))
  }
  // Role sessions call IAM as the role, with or without MFA.
  if (caller.session?.kind === 'session' && !caller.session.mfaAuthenticated) throw invalidClientTokenId('iam')
  authorizeIdentity(state, caller, iamAction, resource, now)
}
