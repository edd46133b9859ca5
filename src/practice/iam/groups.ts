import type { ActionContext, ActionSpec } from '../action'
import { awsErrors } from '../errors'
import { validateGroupName, validatePath, validatePathPrefix, validationCollector } from '../rules/names'
import { quotaExceeded, quotas } from '../rules/quotas'
import { nameKey, type IamGroup } from '../state'
import { findGroup, groupArn, isVisible, membersOf, requireGroup, sortedGroups } from './lookups'
import { paginate } from './pagination'
import { renamed } from './renames'
import { groupView, userView } from './views'

export function groupResource(ctx: ActionContext, groupName: string = ctx.params.GroupName ?? ''): string {
  const group = findGroup(ctx.state, groupName)
  return group ? group.arn : groupArn(ctx.state, ctx.params.Path ?? '/', groupName)
}

const CreateGroup: ActionSpec = {
  mutates: true,
  resource: (ctx) => groupResource(ctx),
  handler(ctx) {
    const groupName = validateGroupName(ctx.params.GroupName)
    const path = ctx.params.Path === undefined ? '/' : validatePath(ctx.params.Path)
    if (findGroup(ctx.state, groupName)) {
      throw awsErrors.entityAlreadyExists(`Group with name ${groupName} already exists.`)
    }
    if (Object.keys(ctx.state.groups).length >= quotas.Groups) throw quotaExceeded('Groups')
    const group: IamGroup = {
      groupName,
      groupId: ctx.newId('AGPA'),
      arn: groupArn(ctx.state, path, groupName),
      path,
      createDate: ctx.now.toISOString(),
      attachedPolicyArns: [],
      inlinePolicies: {}
    }
    ctx.state.groups[nameKey(groupName)] = group
    ctx.markDirty()
    return { Group: groupView(group) }
  }
}

const GetGroup: ActionSpec = {
  mutates: false,
  resource: (ctx) => groupResource(ctx),
  handler(ctx) {
    const group = requireGroup(ctx, validateGroupName(ctx.params.GroupName), 'read')
    const members = membersOf(ctx.state, group).filter((user) => isVisible(ctx, user.createDate))
    const page = paginate(ctx, members, (user) => nameKey(user.userName))
    return {
      Group: groupView(group),
      Users: page.items.map((user) => userView(user, { tags: false })),
      ...page.tail
    }
  }
}

const ListGroups: ActionSpec = {
  mutates: false,
  resource: (ctx) => groupArn(ctx.state, ctx.params.PathPrefix ?? '/', ''),
  handler(ctx) {
    const prefix = ctx.params.PathPrefix === undefined ? '/' : validatePathPrefix(ctx.params.PathPrefix)
    const groups = sortedGroups(ctx.state).filter((group) => group.path.startsWith(prefix) && isVisible(ctx, group.createDate))
    const page = paginate(ctx, groups, (group) => nameKey(group.groupName))
    return { Groups: page.items.map(groupView), ...page.tail }
  }
}

/**
 * Renames a group or moves it to another path; its members and policies stay. As IAM documents,
 * the caller needs permission on the group under both names.
 */
const UpdateGroup: ActionSpec = {
  mutates: true,
  resource: (ctx) => groupResource(ctx),
  handler(ctx) {
    const errors = validationCollector()
    const groupName = validateGroupName(ctx.params.GroupName, 'groupName', errors)
    const newName = ctx.params.NewGroupName === undefined ? undefined : validateGroupName(ctx.params.NewGroupName, 'newGroupName', errors)
    const newPath = ctx.params.NewPath === undefined ? undefined : validatePath(ctx.params.NewPath, 'newPath', errors)
    errors.throwIfAny()
    const group = requireGroup(ctx, groupName)
    const { name, path, arn } = renamed(ctx, 'UpdateGroup', { name: group.groupName, path: group.path, arn: group.arn }, newName, newPath)
    const oldKey = nameKey(group.groupName)
    const newKey = nameKey(name)
    delete ctx.state.groups[oldKey]
    Object.assign(group, { groupName: name, path, arn })
    ctx.state.groups[newKey] = group
    // Members remember their groups by key.
    for (const user of Object.values(ctx.state.users)) user.groups = user.groups.map((key) => (key === oldKey ? newKey : key))
    ctx.markDirty()
    return undefined
  }
}

const DeleteGroup: ActionSpec = {
  mutates: true,
  resource: (ctx) => groupResource(ctx),
  handler(ctx) {
    const group = requireGroup(ctx, validateGroupName(ctx.params.GroupName))
    if (membersOf(ctx.state, group).length > 0) {
      throw awsErrors.deleteConflict('Cannot delete entity, must remove users from group first.')
    }
    if (Object.keys(group.inlinePolicies).length > 0) {
      throw awsErrors.deleteConflict('Cannot delete entity, must delete policies first.')
    }
    if (group.attachedPolicyArns.length > 0) {
      throw awsErrors.deleteConflict('Cannot delete entity, must detach all policies first.')
    }
    delete ctx.state.groups[nameKey(group.groupName)]
    ctx.markDirty()
    return undefined
  }
}

export const groupActions = { CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup } as const
