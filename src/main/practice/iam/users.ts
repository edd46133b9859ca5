import type { ActionContext, ActionSpec } from '../action'
import { awsErrors } from '../errors'
import { validatePath, validatePathPrefix, validateUserName } from '../rules/names'
import { quotaExceeded, quotas } from '../rules/quotas'
import { nameKey, type IamUser } from '../state'
import { findUser, isVisible, requireUser, signerPrincipal, sortedUsers, userArn } from './lookups'
import { paginate } from './pagination'
import { tagsParam } from './params'
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
    const tags = tagsParam(ctx)
    if (findUser(ctx.state, userName)) throw awsErrors.entityAlreadyExists(`User with name ${userName} already exists.`)
    if (Object.keys(ctx.state.users).length >= quotas.Users) throw quotaExceeded('Users')
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
      tags
    }
    ctx.state.users[nameKey(userName)] = user
    ctx.markDirty()
    return { User: userView(user, { tags: true }) }
  }
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
    const users = sortedUsers(ctx.state).filter(
      (user) => user.path.startsWith(prefix) && isVisible(ctx, user.createDate)
    )
    const page = paginate(ctx, users, (user) => nameKey(user.userName))
    return { Users: page.items.map((user) => userView(user, { tags: false })), ...page.tail }
  }
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

export const userActions = { CreateUser, GetUser, ListUsers, DeleteUser } as const
