import type { Caller } from './action'
import { awsErrors } from './errors'
import { invalidClientTokenId } from './identify-caller'
import { findAwsManagedPolicy, type PolicyDocument } from './policy/catalog'
import { evaluate, type ContextValue, type Decision } from './policy/evaluate'
import { nameKey, type PracticeState } from './state'

/** The document of a managed policy's default version: AWS managed from the catalog, customer managed from state. */
export function managedPolicyDocument(state: PracticeState, arn: string): PolicyDocument | undefined {
  const aws = findAwsManagedPolicy(arn)
  if (aws) return aws.document
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

/** The global condition keys IAM puts in every request context, for this caller. */
export function requestContext(state: PracticeState, caller: Caller, now: Date): Record<string, ContextValue> {
  const session = caller.session
  const context: Record<string, ContextValue> = {
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:SecureTransport': 'false',
    'aws:RequestedRegion': 'us-east-1',
    'aws:PrincipalAccount': state.accountId,
    'aws:PrincipalArn': caller.arn,
    // Present only for temporary credentials: long-term keys carry no MFA information at all,
    // which is why policies test it with BoolIfExists.
    'aws:MultiFactorAuthPresent': session ? String(session.mfaAuthenticated) : undefined,
    'aws:MultiFactorAuthAge':
      session?.mfaAuthenticated ? String(Math.max(0, Math.floor((now.getTime() - Date.parse(session.issuedAt)) / 1000))) : undefined,
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
  } else {
    context['aws:PrincipalType'] = 'FederatedUser'
    context['aws:userid'] = `${state.accountId}:${caller.federatedName}`
  }
  return context
}

function deniedMessage(callerArn: string, action: string, resource: string, decision: Exclude<Decision, 'Allow'>, policyType: string): string {
  const base = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`
  return decision === 'ExplicitDeny'
    ? `${base} with an explicit deny in an ${policyType} policy`
    : `${base} because no ${policyType} policy allows the ${action} action`
}

/**
 * Checks an IAM user's identity policies for `action` on `resource`; throws AccessDenied in
 * AWS's words. Root is allowed everything.
 */
export function authorizeIdentity(state: PracticeState, caller: Caller, action: string, resource: string, now: Date): void {
  if (caller.kind === 'root') return
  const policies = caller.kind === 'user' ? userIdentityPolicies(state, caller.userName) : []
  const decision = evaluate({ action, resource, context: requestContext(state, caller, now) }, policies)
  if (decision !== 'Allow') throw awsErrors.accessDenied(deniedMessage(caller.arn, action, resource, decision, 'identity-based'))
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
  if (caller.session && !caller.session.mfaAuthenticated) throw invalidClientTokenId('iam')
  authorizeIdentity(state, caller, iamAction, resource, now)
}
