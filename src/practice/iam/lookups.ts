import type { ActionContext } from '../action'
import { awsErrors } from '../errors'
import { nameKey, type AccessKey, type IamGroup, type IamUser, type PracticeState } from '../state'

export function iamArn(state: PracticeState, resource: string): string {
  return `arn:aws:iam::${state.accountId}:${resource}`
}

export function userArn(state: PracticeState, path: string, userName: string): string {
  return iamArn(state, `user${path}${userName}`)
}

export function groupArn(state: PracticeState, path: string, groupName: string): string {
  return iamArn(state, `group${path}${groupName}`)
}

/**
 * Reads see an entity only once ctx.consistencyDelayMs has passed since it was created, the way
 * IAM's eventual consistency makes a fresh user or key invisible for a few seconds. Writes see it
 * at once, so a test can still clean up; policy attachments look entities up as reads do.
 */
export type Access = 'read' | 'write'

export function isVisible(ctx: ActionContext, createDate: string, access: Access = 'read'): boolean {
  if (access === 'write' || ctx.consistencyDelayMs <= 0) return true
  return ctx.now.getTime() - Date.parse(createDate) >= ctx.consistencyDelayMs
}

export function userNotFound(userName: string): Error {
  return awsErrors.noSuchEntity(`The user with name ${userName} cannot be found.`)
}

export function groupNotFound(groupName: string): Error {
  return awsErrors.noSuchEntity(`The group with name ${groupName} cannot be found.`)
}

export function findUser(state: PracticeState, userName: string): IamUser | undefined {
  return state.users[nameKey(userName)]
}

export function findGroup(state: PracticeState, groupName: string): IamGroup | undefined {
  return state.groups[nameKey(groupName)]
}

export function requireUser(ctx: ActionContext, userName: string, access: Access = 'write'): IamUser {
  const user = findUser(ctx.state, userName)
  if (!user || !isVisible(ctx, user.createDate, access)) throw userNotFound(userName)
  return user
}

export function requireGroup(ctx: ActionContext, groupName: string, access: Access = 'write'): IamGroup {
  const group = findGroup(ctx.state, groupName)
  if (!group || !isVisible(ctx, group.createDate, access)) throw groupNotFound(groupName)
  return group
}

/** Whose credentials a call acts on: the root user's own, or one IAM user's. */
export type Principal = { kind: 'root' } | { kind: 'user'; user: IamUser }

/**
 * The principal a call acts on when it names no user: whoever signed it. GetSessionToken
 * credentials still belong to their user (or root); federated users are not IAM users, and AWS
 * asks them to name one.
 */
export function signerPrincipal(ctx: ActionContext): Principal {
  const caller = ctx.caller
  if (caller.kind === 'root') return { kind: 'root' }
  if (caller.kind === 'user') {
    const user = findUser(ctx.state, caller.userName)
    if (!user) throw userNotFound(caller.userName)
    return { kind: 'user', user }
  }
  throw awsErrors.validation('Must specify userName when calling with non-User credentials')
}

/** UserName when given, otherwise the signer. */
export function principalFor(ctx: ActionContext, userName: string | undefined, access: Access = 'write'): Principal {
  if (userName === undefined) return signerPrincipal(ctx)
  return { kind: 'user', user: requireUser(ctx, userName, access) }
}

export function accessKeysOf(state: PracticeState, principal: Principal): AccessKey[] {
  return principal.kind === 'root' ? state.root.accessKeys : principal.user.accessKeys
}

/** UserName as AWS reports it on credentials: root's own credentials carry none. */
export function userNameOf(principal: Principal): string | undefined {
  return principal.kind === 'root' ? undefined : principal.user.userName
}

export function principalArn(state: PracticeState, principal: Principal): string {
  return principal.kind === 'root' ? state.root.arn : principal.user.arn
}

/** Every user, in the order IAM lists them (by name, regardless of case). */
export function sortedUsers(state: PracticeState): IamUser[] {
  return Object.keys(state.users)
    .sort()
    .map((key) => state.users[key] as IamUser)
}

export function sortedGroups(state: PracticeState): IamGroup[] {
  return Object.keys(state.groups)
    .sort()
    .map((key) => state.groups[key] as IamGroup)
}

export function membersOf(state: PracticeState, group: IamGroup): IamUser[] {
  const key = nameKey(group.groupName)
  return sortedUsers(state).filter((user) => user.groups.includes(key))
}
