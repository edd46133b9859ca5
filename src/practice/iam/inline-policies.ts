import type { ActionContext, ActionSpec } from '../action'
import { awsErrors } from '../errors'
import { parsePolicyDocument, policySize, type PolicyDocument } from '../policy/document'
import { validateGroupName, validatePolicyDocumentParameter, validatePolicyName, validateUserName, validationCollector } from '../rules/names'
import { quotas } from '../rules/quotas'
import type { IamGroup, IamRole, IamUser } from '../state'
import { groupResource } from './groups'
import { requireGroup, requireUser, type Access } from './lookups'
import { paginate } from './pagination'
import { encodeDocument } from './policy-records'
import { requireRole, roleNameParam, roleResource } from './roles'
import { userResource } from './users'

/** Inline policies live on a user or a group; the two families differ only in names and limits. */
interface Owner {
  kind: 'user' | 'group' | 'role'
  /** UserName / GroupName / RoleName, the parameter and the result element. */
  param: 'UserName' | 'GroupName' | 'RoleName'
  sizeLimit: number
  find(ctx: ActionContext, access: Access): IamUser | IamGroup | IamRole
  nameOf(entity: IamUser | IamGroup | IamRole): string
}

const userOwner: Owner = {
  kind: 'user',
  param: 'UserName',
  sizeLimit: quotas.UserPolicySize,
  find: (ctx, access) => requireUser(ctx, ctx.params.UserName ?? '', access),
  nameOf: (entity) => (entity as IamUser).userName
}

const groupOwner: Owner = {
  kind: 'group',
  param: 'GroupName',
  sizeLimit: quotas.GroupPolicySize,
  find: (ctx, access) => requireGroup(ctx, ctx.params.GroupName ?? '', access),
  nameOf: (entity) => (entity as IamGroup).groupName
}

const roleOwner: Owner = {
  kind: 'role',
  param: 'RoleName',
  sizeLimit: quotas.RolePolicySize,
  find: (ctx, access) => requireRole(ctx, ctx.params.RoleName ?? '', access),
  nameOf: (entity) => (entity as IamRole).roleName
}

function validateOwnerName(ctx: ActionContext, owner: Owner, errors = validationCollector()): void {
  if (owner.kind === 'user') validateUserName(ctx.params.UserName, { max: 128 }, 'userName', errors)
  else if (owner.kind === 'group') validateGroupName(ctx.params.GroupName, 'groupName', errors)
  else roleNameParam(ctx, errors)
}

function notFound(owner: Owner, policyName: string): Error {
  return awsErrors.noSuchEntity(`The ${owner.kind} policy with name ${policyName} cannot be found.`)
}

/** IAM limits the total size of one user's (or group's) inline policies, whitespace excluded. */
function checkAggregateSize(owner: Owner, entity: IamUser | IamGroup | IamRole, policyName: string, text: string): void {
  const others = Object.entries(entity.inlinePolicies)
    .filter(([name]) => name !== policyName)
    .reduce((sum, [, doc]) => sum + policySize(JSON.stringify(doc)), 0)
  if (others + policySize(text) > owner.sizeLimit) {
    throw awsErrors.limitExceeded(`Maximum policy size of ${owner.sizeLimit} bytes exceeded for ${owner.kind} ${owner.nameOf(entity)}`)
  }
}

function put(owner: Owner): ActionSpec {
  return {
    mutates: true,
    resource: resourceOf(owner),
    handler(ctx) {
      const errors = validationCollector()
      validateOwnerName(ctx, owner, errors)
      const policyName = validatePolicyName(ctx.params.PolicyName, 'policyName', errors)
      const text = validatePolicyDocumentParameter(ctx.params.PolicyDocument, 'policyDocument', errors)
      errors.throwIfAny()
      const entity = owner.find(ctx, 'write')
      const document: PolicyDocument = parsePolicyDocument(text)
      checkAggregateSize(owner, entity, policyName, text)
      entity.inlinePolicies[policyName] = document
      ctx.markDirty()
      return undefined
    }
  }
}

/** Get and Delete name one policy of one user or group: both checked together, as AWS counts them. */
function namedPolicyTarget(ctx: ActionContext, owner: Owner, mode: Access) {
  const errors = validationCollector()
  validateOwnerName(ctx, owner, errors)
  const policyName = validatePolicyName(ctx.params.PolicyName, 'policyName', errors)
  errors.throwIfAny()
  return { entity: owner.find(ctx, mode), policyName }
}

function get(owner: Owner): ActionSpec {
  return {
    mutates: false,
    resource: resourceOf(owner),
    handler(ctx) {
      const { entity, policyName } = namedPolicyTarget(ctx, owner, 'read')
      const document = entity.inlinePolicies[policyName]
      if (!document) throw notFound(owner, policyName)
      return { [owner.param]: owner.nameOf(entity), PolicyName: policyName, PolicyDocument: encodeDocument(document) }
    }
  }
}

function remove(owner: Owner): ActionSpec {
  return {
    mutates: true,
    resource: resourceOf(owner),
    handler(ctx) {
      const { entity, policyName } = namedPolicyTarget(ctx, owner, 'write')
      if (!entity.inlinePolicies[policyName]) throw notFound(owner, policyName)
      delete entity.inlinePolicies[policyName]
      ctx.markDirty()
      return undefined
    }
  }
}

function list(owner: Owner): ActionSpec {
  return {
    mutates: false,
    resource: resourceOf(owner),
    handler(ctx) {
      validateOwnerName(ctx, owner)
      const entity = owner.find(ctx, 'read')
      const page = paginate(ctx, Object.keys(entity.inlinePolicies), (name) => name)
      return { PolicyNames: page.items, ...page.tail }
    }
  }
}

function resourceOf(owner: Owner): (ctx: ActionContext) => string {
  if (owner.kind === 'role') return roleResource
  return owner.kind === 'user' ? (ctx) => userResource(ctx) : (ctx) => groupResource(ctx)
}

export const inlinePolicyActions = {
  PutUserPolicy: put(userOwner),
  GetUserPolicy: get(userOwner),
  DeleteUserPolicy: remove(userOwner),
  ListUserPolicies: list(userOwner),
  PutGroupPolicy: put(groupOwner),
  GetGroupPolicy: get(groupOwner),
  DeleteGroupPolicy: remove(groupOwner),
  ListGroupPolicies: list(groupOwner),
  PutRolePolicy: put(roleOwner),
  GetRolePolicy: get(roleOwner),
  DeleteRolePolicy: remove(roleOwner),
  ListRolePolicies: list(roleOwner)
} as const
