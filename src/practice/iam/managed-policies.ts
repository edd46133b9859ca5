import type { ActionContext, ActionSpec, XmlValue } from '../action'
import { awsErrors } from '../errors'
import { validateGroupName, validatePathPrefix, validatePolicyArn, validateUserName } from '../rules/names'
import { quotaExceeded, quotas, type QuotaName } from '../rules/quotas'
import { nameKey, type IamGroup, type IamRole, type IamUser } from '../state'
import { groupResource } from './groups'
import { iamArn, isVisible, requireGroup, requireUser, sortedGroups, sortedUsers, type Access } from './lookups'
import { paginate } from './pagination'
import { boolParam, enumParam } from './params'
import {
  allPolicies,
  findPolicy,
  policyKey,
  policyPathParam,
  policyResource,
  policyUsage,
  policyView,
  requirePolicy,
  versionIdParam,
  versionKey,
  versionNotFound,
  versionView,
  type PolicyRecord
} from './policy-records'
import { namedRole, roleResource } from './roles'
import { userResource } from './users'

type Attachable = IamUser | IamGroup | IamRole

/** Attaching what is already attached succeeds and changes nothing, as in IAM. */
function attach(ctx: ActionContext, entity: Attachable, quota: QuotaName): undefined {
  const arn = validatePolicyArn(ctx.params.PolicyArn)
  if (!findPolicy(ctx.state, arn)) throw awsErrors.noSuchEntity(`Policy ${arn} does not exist or is not attachable.`)
  if (entity.attachedPolicyArns.includes(arn)) return undefined
  if (entity.attachedPolicyArns.length >= quotas[quota]) throw quotaExceeded(quota)
  entity.attachedPolicyArns.push(arn)
  ctx.markDirty()
  return undefined
}

function detach(ctx: ActionContext, entity: Attachable): undefined {
  const arn = validatePolicyArn(ctx.params.PolicyArn)
  if (!entity.attachedPolicyArns.includes(arn)) throw awsErrors.noSuchEntity(`Policy ${arn} was not found.`)
  entity.attachedPolicyArns = entity.attachedPolicyArns.filter((a) => a !== arn)
  ctx.markDirty()
  return undefined
}

function listAttached(ctx: ActionContext, entity: Attachable): XmlValue {
  const prefix = policyPathParam(ctx, 'PathPrefix')
  const policies = entity.attachedPolicyArns
    .map((arn) => findPolicy(ctx.state, arn))
    .filter((p): p is PolicyRecord => p !== undefined && p.path.startsWith(prefix))
  const page = paginate(ctx, policies, policyKey)
  return {
    AttachedPolicies: page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.arn })),
    ...page.tail
  }
}

const namedUser = (ctx: ActionContext, access: Access = 'write') => requireUser(ctx, validateUserName(ctx.params.UserName, { max: 128 }), access)
const namedGroup = (ctx: ActionContext, access: Access = 'write') => requireGroup(ctx, validateGroupName(ctx.params.GroupName), access)

// IAM may not see a user or group made moments ago when a policy is attached to it (eventual
// consistency), so attaching looks them up as reads do; detaching, like deleting, always sees them.
const AttachUserPolicy: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler: (ctx) => attach(ctx, namedUser(ctx, 'read'), 'AttachedPoliciesPerUser')
}

const DetachUserPolicy: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler: (ctx) => detach(ctx, namedUser(ctx))
}

const ListAttachedUserPolicies: ActionSpec = {
  mutates: false,
  resource: (ctx) => userResource(ctx),
  handler: (ctx) => listAttached(ctx, namedUser(ctx, 'read'))
}

const AttachGroupPolicy: ActionSpec = {
  mutates: true,
  resource: (ctx) => groupResource(ctx),
  handler: (ctx) => attach(ctx, namedGroup(ctx, 'read'), 'AttachedPoliciesPerGroup')
}

const DetachGroupPolicy: ActionSpec = {
  mutates: true,
  resource: (ctx) => groupResource(ctx),
  handler: (ctx) => detach(ctx, namedGroup(ctx))
}

const ListAttachedGroupPolicies: ActionSpec = {
  mutates: false,
  resource: (ctx) => groupResource(ctx),
  handler: (ctx) => listAttached(ctx, namedGroup(ctx, 'read'))
}

const AttachRolePolicy: ActionSpec = {
  mutates: true,
  resource: roleResource,
  handler: (ctx) => attach(ctx, namedRole(ctx, 'read'), 'AttachedPoliciesPerRole')
}

const DetachRolePolicy: ActionSpec = {
  mutates: true,
  resource: roleResource,
  handler: (ctx) => detach(ctx, namedRole(ctx))
}

const ListAttachedRolePolicies: ActionSpec = {
  mutates: false,
  resource: roleResource,
  handler: (ctx) => listAttached(ctx, namedRole(ctx, 'read'))
}

const POLICY_USAGE = ['PermissionsPolicy', 'PermissionsBoundary'] as const

const ListPolicies: ActionSpec = {
  mutates: false,
  resource: (ctx) => iamArn(ctx.state, `policy${ctx.params.PathPrefix ?? '/'}`),
  handler(ctx) {
    const scope = enumParam(ctx, 'Scope', ['All', 'AWS', 'Local'] as const) ?? 'All'
    const onlyAttached = boolParam(ctx, 'OnlyAttached') ?? false
    const usage = enumParam(ctx, 'PolicyUsageFilter', POLICY_USAGE)
    const prefix = policyPathParam(ctx, 'PathPrefix')
    const inUse = policyUsage(ctx.state)
    const policies = allPolicies(ctx.state).filter((p) => {
      if (scope === 'AWS' && p.kind !== 'aws') return false
      if (scope === 'Local' && p.kind !== 'customer') return false
      if (!p.path.startsWith(prefix)) return false
      const { attachments = 0, boundaries = 0 } = inUse.get(p.arn) ?? {}
      if (usage === 'PermissionsBoundary' && boundaries === 0) return false
      if (usage === 'PermissionsPolicy' && attachments === 0) return false
      return !onlyAttached || attachments > 0
    })
    const page = paginate(ctx, policies, policyKey)
    return { Policies: page.items.map((p) => policyView(ctx.state, p, { description: false, usage: inUse })), ...page.tail }
  }
}

const GetPolicy: ActionSpec = {
  mutates: false,
  resource: policyResource,
  handler: (ctx) => ({ Policy: policyView(ctx.state, requirePolicy(ctx), { description: true }) })
}

const GetPolicyVersion: ActionSpec = {
  mutates: false,
  resource: policyResource,
  handler(ctx) {
    const arn = validatePolicyArn(ctx.params.PolicyArn)
    const versionId = versionIdParam(ctx)
    const policy = findPolicy(ctx.state, arn)
    const version = policy?.versions.find((v) => v.versionId === versionId)
    if (!policy || !version) throw versionNotFound(arn, versionId)
    return { PolicyVersion: versionView(policy, version, { document: true }) }
  }
}

const ListPolicyVersions: ActionSpec = {
  mutates: false,
  resource: policyResource,
  handler(ctx) {
    const policy = requirePolicy(ctx)
    const page = paginate(ctx, policy.versions, versionKey)
    return { Versions: page.items.map((v) => versionView(policy, v, { document: false })), ...page.tail }
  }
}

type PolicyEntity = { kind: 'group'; group: IamGroup } | { kind: 'user'; user: IamUser } | { kind: 'role'; role: IamRole }

const ListEntitiesForPolicy: ActionSpec = {
  mutates: false,
  resource: policyResource,
  handler(ctx) {
    const policy = requirePolicy(ctx)
    const filter = enumParam(ctx, 'EntityFilter', ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const)
    const usage = enumParam(ctx, 'PolicyUsageFilter', POLICY_USAGE)
    const prefix = ctx.params.PathPrefix === undefined ? '/' : validatePathPrefix(ctx.params.PathPrefix)
    // Without PolicyUsageFilter both count: attached as a permissions policy, or a user's boundary.
    const uses = (e: Attachable) =>
      (usage !== 'PermissionsBoundary' && e.attachedPolicyArns.includes(policy.arn)) ||
      (usage !== 'PermissionsPolicy' && 'permissionsBoundary' in e && e.permissionsBoundary === policy.arn)
    const wanted = (e: Attachable) => uses(e) && e.path.startsWith(prefix) && isVisible(ctx, e.createDate)
    const entities: PolicyEntity[] = [
      ...(filter === undefined || filter === 'Group' ? sortedGroups(ctx.state) : []).filter(wanted).map((group) => ({ kind: 'group' as const, group })),
      ...(filter === undefined || filter === 'User' ? sortedUsers(ctx.state) : []).filter(wanted).map((user) => ({ kind: 'user' as const, user })),
      ...(filter === undefined || filter === 'Role' ? Object.values(ctx.state.roles) : []).filter(wanted).map((role) => ({ kind: 'role' as const, role }))
    ]
    const keyOf = (e: PolicyEntity) =>
      e.kind === 'group' ? `g ${nameKey(e.group.groupName)}` : e.kind === 'user' ? `u ${nameKey(e.user.userName)}` : `r ${nameKey(e.role.roleName)}`
    const page = paginate(ctx, entities, keyOf)
    return {
      PolicyGroups: page.items.flatMap((e) => (e.kind === 'group' ? [{ GroupName: e.group.groupName, GroupId: e.group.groupId }] : [])),
      PolicyUsers: page.items.flatMap((e) => (e.kind === 'user' ? [{ UserName: e.user.userName, UserId: e.user.userId }] : [])),
      PolicyRoles: page.items.flatMap((e) => (e.kind === 'role' ? [{ RoleName: e.role.roleName, RoleId: e.role.roleId }] : [])),
      ...page.tail
    }
  }
}

export const managedPolicyActions = {
  AttachUserPolicy,
  DetachUserPolicy,
  ListAttachedUserPolicies,
  AttachGroupPolicy,
  DetachGroupPolicy,
  ListAttachedGroupPolicies,
  AttachRolePolicy,
  DetachRolePolicy,
  ListAttachedRolePolicies,
  ListPolicies,
  GetPolicy,
  GetPolicyVersion,
  ListPolicyVersions,
  ListEntitiesForPolicy
} as const
