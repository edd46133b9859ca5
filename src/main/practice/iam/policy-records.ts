import type { ActionContext, XmlValue } from '../action'
import { awsErrors } from '../errors'
import { awsManagedPolicies, findAwsManagedPolicy, type ManagedPolicy, type PolicyDocument } from '../policy/catalog'
import { validatePolicyArn } from '../rules/names'
import type { CustomerPolicy, PracticeState } from '../state'
import { iamArn } from './lookups'
import { requiredStringParam, stringParam } from './params'
import { date } from './views'

/** AWS managed (from the catalog) and customer managed policies, seen the same way. */
export interface PolicyRecord {
  kind: 'aws' | 'customer'
  policyName: string
  policyId: string
  arn: string
  path: string
  description: string
  createDate: string
  updateDate: string
  defaultVersionId: string
  versions: PolicyVersionRecord[]
}

export interface PolicyVersionRecord {
  versionId: string
  document: PolicyDocument
  createDate: string
}

export function findPolicy(state: PracticeState, arn: string): PolicyRecord | undefined {
  const customer = state.customerPolicies[arn]
  if (customer) return fromCustomer(customer)
  const aws = findAwsManagedPolicy(arn)
  return aws ? fromCatalog(aws) : undefined
}

export function allPolicies(state: PracticeState): PolicyRecord[] {
  return [...awsManagedPolicies.map(fromCatalog), ...Object.values(state.customerPolicies).map(fromCustomer)]
}

export function fromCustomer(policy: CustomerPolicy): PolicyRecord {
  return { kind: 'customer', ...policy }
}

function fromCatalog(policy: ManagedPolicy): PolicyRecord {
  return {
    kind: 'aws',
    policyName: policy.policyName,
    policyId: policy.policyId,
    arn: policy.arn,
    path: policy.path,
    description: policy.description,
    createDate: iso(policy.createDate),
    updateDate: iso(policy.updateDate),
    defaultVersionId: policy.defaultVersionId,
    versions: [{ versionId: policy.defaultVersionId, document: policy.document, createDate: iso(policy.updateDate) }]
  }
}

function iso(value: string | Date): string {
  return new Date(value).toISOString()
}

export function attachmentCount(state: PracticeState, arn: string): number {
  const users = Object.values(state.users).filter((u) => u.attachedPolicyArns.includes(arn)).length
  const groups = Object.values(state.groups).filter((g) => g.attachedPolicyArns.includes(arn)).length
  return users + groups
}

/** The PolicyArn parameter's policy, or AWS's NoSuchEntity. */
export function requirePolicy(ctx: ActionContext): PolicyRecord {
  const arn = validatePolicyArn(ctx.params.PolicyArn)
  const policy = findPolicy(ctx.state, arn)
  if (!policy) throw awsErrors.noSuchEntity(`Policy ${arn} was not found.`)
  return policy
}

export function policyResource(ctx: ActionContext): string {
  return ctx.params.PolicyArn ?? iamArn(ctx.state, 'policy/')
}

/** IAM lists policies by name; the id breaks ties and keeps Markers within IAM's 320 characters. */
export function policyKey(policy: PolicyRecord): string {
  return `${policy.policyName.toLowerCase()} ${policy.policyId}`
}

const POLICY_PATH = /^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/
const POLICY_PATH_TEXT = String.raw`((/[A-Za-z0-9\.,\+@=_-]+)*)/`
const VERSION_ID = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/

/** A policy path (`Path`) or prefix (`PathPrefix`): botocore's policyPathType. */
export function policyPathParam(ctx: ActionContext, name: 'Path' | 'PathPrefix'): string {
  return stringParam(ctx, name, { min: 1, max: 512, test: POLICY_PATH, pattern: POLICY_PATH_TEXT }) ?? '/'
}

export function versionIdParam(ctx: ActionContext): string {
  return requiredStringParam(ctx, 'VersionId', { test: VERSION_ID, pattern: String.raw`v[1-9][0-9]*(\.[A-Za-z0-9-]*)?` })
}

export function versionNotFound(arn: string, versionId: string): Error {
  return awsErrors.noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`)
}

/** Newest version first, the order ListPolicyVersions answers in. */
export function versionKey(version: PolicyVersionRecord): string {
  const n = Number(version.versionId.slice(1).split('.')[0])
  return String(1e9 - n).padStart(10, '0')
}

/** IAM returns policy documents URL-encoded (RFC 3986); botocore and the SDKs decode them. */
export function encodeDocument(document: PolicyDocument): string {
  return encodeURIComponent(JSON.stringify(document))
}

/** ListPolicies leaves Description out; GetPolicy and CreatePolicy include it when there is one. */
export function policyView(state: PracticeState, policy: PolicyRecord, opts: { description: boolean }): XmlValue {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount(state, policy.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: opts.description && policy.description ? policy.description : undefined,
    CreateDate: date(policy.createDate),
    UpdateDate: date(policy.updateDate)
  }
}

/** GetPolicyVersion and CreatePolicyVersion carry the Document; ListPolicyVersions does not. */
export function versionView(policy: PolicyRecord, version: PolicyVersionRecord, opts: { document: boolean }): XmlValue {
  return {
    Document: opts.document ? encodeDocument(version.document) : undefined,
    VersionId: version.versionId,
    IsDefaultVersion: version.versionId === policy.defaultVersionId,
    CreateDate: date(version.createDate)
  }
}
