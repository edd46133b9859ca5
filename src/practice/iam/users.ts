import type { ActionContext, ActionSpec } from '../action'
import { awsErrors } from '../errors'
import { validatePath, validatePathPrefix, validatePolicyArn, validateUserName, validationCollector } from '../rules/names'
import { quotaExceeded, quotas } from '../rules/quotas'
import { nameKey, type IamUser } from '../state'
import { findUser, isVisible, requireUser, signerPrincipal, sortedUsers, userArn } from './lookups'
import { paginate } from './pagination'
import { findPolicy } from './policy-records'
import { renamed, type NameAndPath } from './renames'
import { tagsParam } from './tags'
import { rootUserView, userView } from './views'

/** The ARN IAM authorizes user actions against; a user not yet known is assumed at path /. */
export function userResource(ctx: ActionContext, userName: string | undefined = ctx.params.UserName): string {
  if (userName === undefined) {
    const caller = ctx.caller
    return caller.kind === 'user' ? caller.arn : ctx.state.root.arn
  }
  const user = findUser(ctx.state, userName)
  return user ? user.arn : userArn(ctx.state, ctx.params.Path ?? '/', userName)
}

const CreateUser: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const userName = validateUserName(ctx.params.UserName, { max: 64 })
    const path = ctx.params.Path === undefined ? '/' : validatePath(ctx.params.Path)
    const boundary = ctx.params.PermissionsBoundary === undefined ? undefined : validatePolicyArn(ctx.params.PermissionsBoundary, 'permissionsBoundary')
    const tags = tagsParam(ctx)
    if (findUser(ctx.state, userName)) throw awsErrors.entityAlreadyExists(`User with name ${userName} already exists.`)
    if (Object.keys(ctx.state.users).length >= quotas.Users) throw quotaExceeded('Users')
    if (boundary !== undefined && !findPolicy(ctx.state, boundary)) throw boundaryNotFound(boundary)
    const user: IamUser = {
      userName,
      userId: ctx.newId('AIDA'),
      arn: userArn(ctx.state, path, userName),
      path,
      createDate: ctx.now.toISOString(),
      passwordLastUsed: null,
      loginProfile: null,
      accessKeys: [],
      mfaSerials: [],
      groups: [],
      attachedPolicyArns: [],
      inlinePolicies: {},
      tags,
      ...(boundary === undefined ? {} : { permissionsBoundary: boundary })
    }
    ctx.state.users[nameKey(userName)] = user
    ctx.markDirty()
    return { User: userView(user, { tags: true }) }
  }
}

/** A permissions boundary must be a managed policy this account can see (AWS managed or its own). */
function boundaryNotFound(arn: string): Error {
  return awsErrors.noSuchEntity(`Policy ${arn} does not exist or is not attachable.`)
}

const GetUser: ActionSpec = {
  mutates: false,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    if (ctx.params.UserName === undefined) {
      const signer = signerPrincipal(ctx)
      return { User: signer.kind === 'root' ? rootUserView(ctx.state) : userView(signer.user, { tags: true }) }
    }
    const user = requireUser(ctx, validateUserName(ctx.params.UserName, { max: 128 }), 'read')
    return { User: userView(user, { tags: true }) }
  }
}

const ListUsers: ActionSpec = {
  mutates: false,
  resource: (ctx) => userArn(ctx.state, ctx.params.PathPrefix ?? '/', ''),
  handler(ctx) {
    const prefix = ctx.params.PathPrefix === undefined ? '/' : validatePathPrefix(ctx.params.PathPrefix)
    const users = sortedUsers(ctx.state).filter((user) => user.path.startsWith(prefix) && isVisible(ctx, user.createDate))
    const page = paginate(ctx, users, (user) => nameKey(user.userName))
    return { Users: page.items.map((user) => userView(user, { tags: false })), ...page.tail }
  }
}

/**
 * Renames a user or moves it to another path. Its id, credentials, groups and policies stay; its
 * ARN changes. As IAM documents, the caller needs permission on the user under both names.
 */
const UpdateUser: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const errors = validationCollector()
    const userName = validateUserName(ctx.params.UserName, { max: 128 }, 'userName', errors)
    const newName = ctx.params.NewUserName === undefined ? undefined : validateUserName(ctx.params.NewUserName, { max: 64 }, 'newUserName', errors)
    const newPath = ctx.params.NewPath === undefined ? undefined : validatePath(ctx.params.NewPath, 'newPath', errors)
    errors.throwIfAny()
    const user = requireUser(ctx, userName)
    renameUser(ctx, user, renamed(ctx, 'UpdateUser', { name: user.userName, path: user.path, arn: user.arn }, newName, newPath))
    return undefined
  }
}

/** Moves the user to its new key, and every record that names it by name along with it. */
function renameUser(ctx: ActionContext, user: IamUser, { name, path, arn }: NameAndPath): void {
  const oldName = user.userName
  delete ctx.state.users[nameKey(oldName)]
  Object.assign(user, { userName: name, path, arn })
  ctx.state.users[nameKey(name)] = user
  for (const device of Object.values(ctx.state.virtualMfaDevices)) {
    if (device.enabledFor !== null && nameKey(device.enabledFor) === nameKey(oldName)) device.enabledFor = name
  }
  for (const session of Object.values(ctx.state.sessions)) {
    if (nameKey(session.principal) === nameKey(oldName)) session.principal = name
  }
  ctx.markDirty()
}

const DeleteUser: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const user = requireUser(ctx, validateUserName(ctx.params.UserName, { max: 128 }))
    const conflict = deleteConflictOf(user)
    if (conflict) throw awsErrors.deleteConflict(`Cannot delete entity, must ${conflict} first.`)
    delete ctx.state.users[nameKey(user.userName)]
    ctx.markDirty()
    return undefined
  }
}

/** What still hangs off a user, in the order IAM's DeleteUser documentation lists it. */
function deleteConflictOf(user: IamUser): string | undefined {
  if (user.loginProfile) return 'delete login profile'
  if (user.accessKeys.length > 0) return 'delete access keys'
  if (user.mfaSerials.length > 0) return 'delete MFA device'
  if (Object.keys(user.inlinePolicies).length > 0) return 'delete policies'
  if (user.attachedPolicyArns.length > 0) return 'detach all policies'
  if (user.groups.length > 0) return 'remove users from group'
  return undefined
}

export const userActions = { CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser } as const
