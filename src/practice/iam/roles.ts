import type { ActionContext, ActionSpec, XmlValue } from '../action'
import { awsErrors } from '../errors'
import { parseTrustPolicyDocument, policySize, type PolicyDocument } from '../policy/document'
import {
  validateIntegerRange,
  validatePath,
  validatePathPrefix,
  validatePolicyArn,
  validatePolicyDocumentParameter,
  validationCollector,
  type ValidationCollector
} from '../rules/names'
import { quotaExceeded, quotas } from '../rules/quotas'
import { nameKey, type IamRole, type PracticeState } from '../state'
import { iamArn, isVisible, type Access } from './lookups'
import { paginate } from './pagination'
import { stringParam } from './params'
import { encodeDocument, findPolicy } from './policy-records'
import { tagsParam } from './tags'
import { date } from './views'

const ROLE_NAME = { min: 1, max: 64, test: /^[\w+=,.@-]+$/, pattern: String.raw`[\w+=,.@-]+` }
/** roleDescriptionType. */
const DESCRIPTION = {
  min: 0,
  max: 1000,
  test: /^[\t\n\r\u0020-\u007E\u00A1-\u00FF]*$/,
  pattern: String.raw`[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`
}
const MIN_SESSION = 3600
const MAX_SESSION = 43_200

export function roleArn(state: PracticeState, path: string, roleName: string): string {
  return iamArn(state, `role${path}${roleName}`)
}

export function findRole(state: PracticeState, roleName: string): IamRole | undefined {
  return state.roles[nameKey(roleName)]
}

export function roleNameParam(ctx: ActionContext, into?: ValidationCollector): string {
  const value = ctx.params.RoleName
  const errors = into ?? validationCollector()
  if (value === undefined) errors.fail(null, 'roleName', 'Member must not be null')
  else {
    if (!ROLE_NAME.test.test(value)) errors.fail(value, 'roleName', `Member must satisfy regular expression pattern: ${ROLE_NAME.pattern}`)
    if (value.length < ROLE_NAME.min) errors.fail(value, 'roleName', `Member must have length greater than or equal to ${ROLE_NAME.min}`)
    if (value.length > ROLE_NAME.max) errors.fail(value, 'roleName', `Member must have length less than or equal to ${ROLE_NAME.max}`)
  }
  if (!into) errors.throwIfAny()
  return value ?? ''
}

export function requireRole(ctx: ActionContext, roleName: string, access: Access = 'write'): IamRole {
  const role = findRole(ctx.state, roleName)
  if (!role || !isVisible(ctx, role.createDate, access)) throw awsErrors.noSuchEntity(`The role with name ${roleName} cannot be found.`)
  return role
}

/** The role named by RoleName, validated. */
export function namedRole(ctx: ActionContext, access: Access = 'write'): IamRole {
  return requireRole(ctx, roleNameParam(ctx), access)
}

export function roleResource(ctx: ActionContext): string {
  const name = ctx.params.RoleName ?? ''
  return findRole(ctx.state, name)?.arn ?? roleArn(ctx.state, ctx.params.Path ?? '/', name)
}

/** A principal ARN IAM accepts in a trust policy: in this account only entities that exist. */
function principalKnown(state: PracticeState, arn: string): boolean {
  if (arn === '*' || /^\d{12}$/.test(arn)) return true
  const match = /^arn:aws:(iam|sts)::(\d{12}):(root|user\/.+|role\/.+|assumed-role\/.+)$/.exec(arn)
  if (!match) return false
  const [, service, account, resource] = match as unknown as [string, string, string, string]
  if (account !== state.accountId) return true
  if (resource === 'root') return service === 'iam'
  if (service === 'sts') return resource.startsWith('assumed-role/')
  const name = resource.slice(resource.lastIndexOf('/') + 1)
  if (resource.startsWith('user/')) return state.users[nameKey(name)]?.arn === arn
  return state.roles[nameKey(name)]?.arn === arn
}

/** A trust policy as given: checked for size (whitespace excluded) and as a resource policy. */
function trustPolicyParam(ctx: ActionContext, param: 'AssumeRolePolicyDocument' | 'PolicyDocument'): PolicyDocument {
  const text = validatePolicyDocumentParameter(ctx.params[param], param === 'PolicyDocument' ? 'policyDocument' : 'assumeRolePolicyDocument')
  if (policySize(text) > quotas.AssumeRolePolicySize) throw awsErrors.limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${quotas.AssumeRolePolicySize}`)
  return parseTrustPolicyDocument(text, (arn) => principalKnown(ctx.state, arn))
}

function maxSessionParam(ctx: ActionContext): number | undefined {
  return validateIntegerRange(ctx.params.MaxSessionDuration, 'maxSessionDuration', MIN_SESSION, MAX_SESSION)
}

/** GetRole and CreateRole carry tags, boundary and last use; ListRoles leaves them out. */
export function roleView(role: IamRole, opts: { full: boolean }): XmlValue {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: date(role.createDate),
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    PermissionsBoundary:
      opts.full && role.permissionsBoundary
        ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.permissionsBoundary }
        : undefined,
    Tags: opts.full && role.tags.length > 0 ? role.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
    RoleLastUsed: opts.full ? {} : undefined
  }
}

const CreateRole: ActionSpec = {
  mutates: true,
  resource: roleResource,
  handler(ctx) {
    const errors = validationCollector()
    const roleName = roleNameParam(ctx, errors)
    if (ctx.params.AssumeRolePolicyDocument === undefined) errors.fail(null, 'assumeRolePolicyDocument', 'Member must not be null')
    errors.throwIfAny()
    const path = ctx.params.Path === undefined ? '/' : validatePath(ctx.params.Path)
    const description = stringParam(ctx, 'Description', DESCRIPTION)
    const maxSessionDuration = maxSessionParam(ctx) ?? MIN_SESSION
    const boundary = ctx.params.PermissionsBoundary === undefined ? undefined : validatePolicyArn(ctx.params.PermissionsBoundary, 'permissionsBoundary')
    const tags = tagsParam(ctx)
    const trust = trustPolicyParam(ctx, 'AssumeRolePolicyDocument')
    if (findRole(ctx.state, roleName)) throw awsErrors.entityAlreadyExists(`Role with name ${roleName} already exists.`)
    if (Object.keys(ctx.state.roles).length >= quotas.Roles) throw quotaExceeded('Roles')
    if (boundary !== undefined && !findPolicy(ctx.state, boundary)) throw awsErrors.noSuchEntity(`Policy ${boundary} does not exist or is not attachable.`)
    const role: IamRole = {
      roleName,
      roleId: ctx.newId('AROA'),
      arn: roleArn(ctx.state, path, roleName),
      path,
      createDate: ctx.now.toISOString(),
      ...(description === undefined ? {} : { description }),
      maxSessionDuration,
      assumeRolePolicyDocument: trust,
      attachedPolicyArns: [],
      inlinePolicies: {},
      tags,
      ...(boundary === undefined ? {} : { permissionsBoundary: boundary })
    }
    ctx.state.roles[nameKey(roleName)] = role
    ctx.markDirty()
    return { Role: roleView(role, { full: true }) }
  }
}

const GetRole: ActionSpec = {
  mutates: false,
  resource: roleResource,
  handler: (ctx) => ({ Role: roleView(namedRole(ctx, 'read'), { full: true }) })
}

const ListRoles: ActionSpec = {
  mutates: false,
  resource: (ctx) => roleArn(ctx.state, ctx.params.PathPrefix ?? '/', ''),
  handler(ctx) {
    const prefix = ctx.params.PathPrefix === undefined ? '/' : validatePathPrefix(ctx.params.PathPrefix)
    const roles = Object.values(ctx.state.roles).filter((role) => role.path.startsWith(prefix) && isVisible(ctx, role.createDate))
    const page = paginate(ctx, roles, (role) => nameKey(role.roleName))
    return { Roles: page.items.map((role) => roleView(role, { full: false })), ...page.tail }
  }
}

/** UpdateRole changes the description and the longest session; what is left out stays. */
const UpdateRole: ActionSpec = {
  mutates: true,
  resource: roleResource,
  handler(ctx) {
    const role = namedRole(ctx)
    const description = stringParam(ctx, 'Description', DESCRIPTION)
    const maxSessionDuration = maxSessionParam(ctx)
    if (description !== undefined) role.description = description
    if (maxSessionDuration !== undefined) role.maxSessionDuration = maxSessionDuration
    ctx.markDirty()
    return undefined
  }
}

const UpdateAssumeRolePolicy: ActionSpec = {
  mutates: true,
  resource: roleResource,
  handler(ctx) {
    const errors = validationCollector()
    roleNameParam(ctx, errors)
    if (ctx.params.PolicyDocument === undefined) errors.fail(null, 'policyDocument', 'Member must not be null')
    errors.throwIfAny()
    const role = namedRole(ctx)
    role.assumeRolePolicyDocument = trustPolicyParam(ctx, 'PolicyDocument')
    ctx.markDirty()
    return undefined
  }
}

const DeleteRole: ActionSpec = {
  mutates: true,
  resource: roleResource,
  handler(ctx) {
    const role = namedRole(ctx)
    if (Object.keys(role.inlinePolicies).length > 0) throw awsErrors.deleteConflict('Cannot delete entity, must delete policies first.')
    if (role.attachedPolicyArns.length > 0) throw awsErrors.deleteConflict('Cannot delete entity, must detach all policies first.')
    delete ctx.state.roles[nameKey(role.roleName)]
    ctx.markDirty()
    return undefined
  }
}

export const roleActions = { CreateRole, GetRole, ListRoles, UpdateRole, UpdateAssumeRolePolicy, DeleteRole } as const
