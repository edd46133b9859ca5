import type { ActionContext, XmlValue } from '../action'
import { awsErrors } from '../errors'
import { awsManagedDocument, awsManagedPolicies, findAwsManagedPolicy, type ManagedPolicy, type PolicyDocument } from '../policy/catalog'
import { pathInvalid, validatePolicyArn } from '../rules/names'
import type { CustomerPolicy, PracticeState } from '../state'
import { iamArn } from './lookups'
import { requiredStringParam, stringParam } from './params'
import type { Tag } from './tags'
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
  /** Customer managed policies' tags; AWS managed policies have none. */
  tags: Tag[]
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
  return aws ? awsRecords.get(aws.arn) : undefined
}

export function allPolicies(state: PracticeState): PolicyRecord[] {
  return [...awsRecords.values(), ...Object.values(state.customerPolicies).map(fromCustomer)]
}

export function fromCustomer(policy: CustomerPolicy): PolicyRecord {
  return { kind: 'customer', ...policy, tags: policy.tags ?? [] }
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
    // Only the default version: the practice account keeps no older documents (AWS's ListPolicyVersions
    // would list them), so it lists none and GetPolicyVersion of any other version is NoSuchEntity.
    // The document is read when asked for, so making these records does not decompress the documents.
    versions: [
      {
        versionId: policy.defaultVersionId,
        get document() {
          return awsManagedDocument(policy)
        },
        createDate: iso(policy.updateDate)
      }
    ],
    tags: []
  }
}

/** AWS managed policies never change while the practice account runs: their records are made once. */
const awsRecords: ReadonlyMap<string, PolicyRecord> = new Map(awsManagedPolicies.map((p) => [p.arn, fromCatalog(p)]))

function iso(value: string | Date): string {
  return new Date(value).toISOString()
}

export interface PolicyUsage {
  /** Users, groups and roles the policy is attached to (AttachmentCount). */
  attachments: number
  /** Users and roles whose permissions boundary it is (PermissionsBoundaryUsageCount). */
  boundaries: number
}

/** How every policy in use is used, counted once for a whole listing. */
export function policyUsage(state: PracticeState): ReadonlyMap<string, PolicyUsage> {
  const usage = new Map<string, PolicyUsage>()
  const entry = (arn: string): PolicyUsage => {
    let found = usage.get(arn)
    if (!found) usage.set(arn, (found = { attachments: 0, boundaries: 0 }))
    return found
  }
  for (const entity of [...Object.values(state.users), ...Object.values(state.groups), ...Object.values(state.roles)]) {
    for (const arn of new Set(entity.attachedPolicyArns)) entry(arn).attachments += 1
  }
  for (const entity of [...Object.values(state.users), ...Object.values(state.roles)]) {
    if (entity.permissionsBoundary) entry(entity.permissionsBoundary).boundaries += 1
  }
  return usage
}

/** Attached anywhere or used as a boundary: DeletePolicy refuses both alike. */
export function isPolicyInUse(state: PracticeState, arn: string): boolean {
  const usage = policyUsage(state).get(arn)
  return usage !== undefined && usage.attachments + usage.boundaries > 0
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
const VERSION_ID = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/

/**
 * A policy path (`Path`) or prefix (`PathPrefix`): botocore's policyPathType, with IAM's own
 * message when the value is not a path.
 */
export function policyPathParam(ctx: ActionContext, name: 'Path' | 'PathPrefix'): string {
  const value = stringParam(ctx, name, { min: 1, max: 512 })
  if (value === undefined) return '/'
  if (!POLICY_PATH.test(value)) throw pathInvalid(name === 'Path' ? 'path' : 'pathPrefix')
  return value
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

/**
 * ListPolicies leaves Description and Tags out; GetPolicy and CreatePolicy include them when
 * there are any. `usage` saves a listing from counting again for every policy.
 */
export function policyView(state: PracticeState, policy: PolicyRecord, opts: { description: boolean; usage?: ReadonlyMap<string, PolicyUsage> }): XmlValue {
  const usage = (opts.usage ?? policyUsage(state)).get(policy.arn)
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: usage?.attachments ?? 0,
    PermissionsBoundaryUsageCount: usage?.boundaries ?? 0,
    IsAttachable: true,
    Description: opts.description && policy.description ? policy.description : undefined,
    CreateDate: date(policy.createDate),
    UpdateDate: date(policy.updateDate),
    Tags: opts.description && policy.tags.length > 0 ? policy.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined
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
