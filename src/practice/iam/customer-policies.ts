import type { ActionContext, ActionSpec } from '../action'
import { awsErrors } from '../errors'
import { parsePolicyDocument, policySize } from '../policy/document'
import { validatePolicyDocumentParameter, validatePolicyName } from '../rules/names'
import { quotaExceeded, quotas } from '../rules/quotas'
import { nameKey, type CustomerPolicy } from '../state'
import { iamArn } from './lookups'
import { boolParam, stringParam } from './params'
import {
  fromCustomer,
  isPolicyInUse,
  policyPathParam,
  policyResource,
  policyView,
  requirePolicy,
  versionIdParam,
  versionNotFound,
  versionView
} from './policy-records'
import { tagsParam } from './tags'

/** Reads PolicyDocument; IAM counts a managed policy's size without its whitespace. */
function documentParam(ctx: ActionContext) {
  const text = validatePolicyDocumentParameter(ctx.params.PolicyDocument)
  const document = parsePolicyDocument(text)
  if (policySize(text) > quotas.PolicySize) throw quotaExceeded('PolicySize')
  return document
}

/** Only customer managed policies change; AWS managed ones belong to AWS's own account. */
function requireCustomerPolicy(ctx: ActionContext, action: string): CustomerPolicy {
  const policy = requirePolicy(ctx)
  const customer = ctx.state.customerPolicies[policy.arn]
  if (!customer) {
    throw awsErrors.accessDenied(`User: ${ctx.caller.arn} is not authorized to perform: iam:${action} on resource: policy ${policy.arn}`)
  }
  return customer
}

function requireVersion(policy: CustomerPolicy, versionId: string): void {
  if (!policy.versions.some((v) => v.versionId === versionId)) throw versionNotFound(policy.arn, versionId)
}

const CreatePolicy: ActionSpec = {
  mutates: true,
  resource: (ctx) => iamArn(ctx.state, `policy${ctx.params.Path ?? '/'}${ctx.params.PolicyName ?? ''}`),
  handler(ctx) {
    const policyName = validatePolicyName(ctx.params.PolicyName)
    const path = policyPathParam(ctx, 'Path')
    const description = stringParam(ctx, 'Description', { max: 1000 }) ?? ''
    const document = documentParam(ctx)
    const tags = tagsParam(ctx)
    const policies = Object.values(ctx.state.customerPolicies)
    if (policies.some((p) => nameKey(p.policyName) === nameKey(policyName))) {
      throw awsErrors.entityAlreadyExists(`A policy called ${policyName} already exists. Duplicate names are not allowed.`)
    }
    if (policies.length >= quotas.Policies) throw quotaExceeded('Policies')
    const now = ctx.now.toISOString()
    const policy: CustomerPolicy = {
      policyName,
      policyId: ctx.newId('ANPA'),
      arn: iamArn(ctx.state, `policy${path}${policyName}`),
      path,
      description,
      createDate: now,
      updateDate: now,
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', document, createDate: now }],
      tags
    }
    ctx.state.customerPolicies[policy.arn] = policy
    ctx.markDirty()
    return { Policy: policyView(ctx.state, fromCustomer(policy), { description: true }) }
  }
}

const DeletePolicy: ActionSpec = {
  mutates: true,
  resource: policyResource,
  handler(ctx) {
    const policy = requireCustomerPolicy(ctx, 'DeletePolicy')
    // A permissions boundary counts as an attachment here, as in IAM.
    if (isPolicyInUse(ctx.state, policy.arn)) {
      throw awsErrors.deleteConflict('Cannot delete a policy attached to entities.')
    }
    if (policy.versions.length > 1) {
      throw awsErrors.deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy."
      )
    }
    delete ctx.state.customerPolicies[policy.arn]
    ctx.markDirty()
    return undefined
  }
}

const CreatePolicyVersion: ActionSpec = {
  mutates: true,
  resource: policyResource,
  handler(ctx) {
    const policy = requireCustomerPolicy(ctx, 'CreatePolicyVersion')
    const document = documentParam(ctx)
    const setAsDefault = boolParam(ctx, 'SetAsDefault') ?? false
    if (policy.versions.length >= quotas.VersionsPerPolicy) {
      throw awsErrors.limitExceeded('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.')
    }
    const highest = Math.max(...policy.versions.map((v) => Number(v.versionId.slice(1).split('.')[0])))
    const version = { versionId: `v${highest + 1}`, document, createDate: ctx.now.toISOString() }
    policy.versions.push(version)
    if (setAsDefault) {
      policy.defaultVersionId = version.versionId
      policy.updateDate = version.createDate
    }
    ctx.markDirty()
    return { PolicyVersion: versionView(fromCustomer(policy), version, { document: true }) }
  }
}

const DeletePolicyVersion: ActionSpec = {
  mutates: true,
  resource: policyResource,
  handler(ctx) {
    const policy = requireCustomerPolicy(ctx, 'DeletePolicyVersion')
    const versionId = versionIdParam(ctx)
    requireVersion(policy, versionId)
    if (versionId === policy.defaultVersionId) {
      throw awsErrors.deleteConflict('Cannot delete the default version of a policy.')
    }
    policy.versions = policy.versions.filter((v) => v.versionId !== versionId)
    ctx.markDirty()
    return undefined
  }
}

const SetDefaultPolicyVersion: ActionSpec = {
  mutates: true,
  resource: policyResource,
  handler(ctx) {
    const policy = requireCustomerPolicy(ctx, 'SetDefaultPolicyVersion')
    const versionId = versionIdParam(ctx)
    requireVersion(policy, versionId)
    policy.defaultVersionId = versionId
    policy.updateDate = ctx.now.toISOString()
    ctx.markDirty()
    return undefined
  }
}

export const customerPolicyActions = {
  CreatePolicy,
  DeletePolicy,
  CreatePolicyVersion,
  DeletePolicyVersion,
  SetDefaultPolicyVersion
} as const
