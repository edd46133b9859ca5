import type { ActionContext } from '../action'
import { authorizeIamCall } from '../authorize-caller'
import { awsErrors } from '../errors'
import { nameKey } from '../state'
import { findGroup, findUser, groupArn, userArn } from './lookups'

/** What UpdateUser and UpdateGroup change: an entity's name and path, and the ARN made of them. */
export interface NameAndPath {
  name: string
  path: string
  arn: string
}

const kinds = {
  UpdateUser: { noun: 'User', find: findUser, arnOf: userArn },
  UpdateGroup: { noun: 'Group', find: findGroup, arnOf: groupArn }
} as const

/**
 * The user's or group's name, path and ARN after UpdateUser or UpdateGroup (an undefined new
 * name or path keeps the current one). A name another entity of its kind has, in any case, is
 * EntityAlreadyExists; a change of case alone is no clash. A new ARN must be allowed to the
 * caller too: IAM asks for permission on both the old and the new name.
 */
export function renamed(
  ctx: ActionContext,
  action: keyof typeof kinds,
  current: NameAndPath,
  newName: string | undefined,
  newPath: string | undefined
): NameAndPath {
  const kind = kinds[action]
  const name = newName ?? current.name
  const path = newPath ?? current.path
  if (nameKey(name) !== nameKey(current.name) && kind.find(ctx.state, name)) {
    throw awsErrors.entityAlreadyExists(`${kind.noun} with name ${name} already exists.`)
  }
  const arn = kind.arnOf(ctx.state, path, name)
  if (arn !== current.arn) authorizeIamCall(ctx.state, ctx.caller, action, arn, ctx.now)
  return { name, path, arn }
}
