import type { ActionSpec } from '../action'
import { validateGroupName, validateUserName } from '../rules/names'
import { quotaExceeded, quotas } from '../rules/quotas'
import { nameKey, type IamGroup } from '../state'
import { findGroup, isVisible, requireGroup, requireUser } from './lookups'
import { groupResource } from './groups'
import { paginate } from './pagination'
import { userResource } from './users'
import { groupView } from './views'

/** AddUserToGroup is idempotent in IAM: adding a member again changes nothing and succeeds. */
const AddUserToGroup: ActionSpec = {
  mutates: true,
  resource: (ctx) => groupResource(ctx),
  handler(ctx) {
    const group = requireGroup(ctx, validateGroupName(ctx.params.GroupName))
    const user = requireUser(ctx, validateUserName(ctx.params.UserName, { max: 128 }))
    const key = nameKey(group.groupName)
    if (user.groups.includes(key)) return undefined
    if (user.groups.length >= quotas.GroupsPerUser) throw quotaExceeded('GroupsPerUser')
    user.groups.push(key)
    ctx.markDirty()
    return undefined
  }
}

/** Removing a user who is not a member succeeds, as it does in IAM. */
const RemoveUserFromGroup: ActionSpec = {
  mutates: true,
  resource: (ctx) => groupResource(ctx),
  handler(ctx) {
    const group = requireGroup(ctx, validateGroupName(ctx.params.GroupName))
    const user = requireUser(ctx, validateUserName(ctx.params.UserName, { max: 128 }))
    const key = nameKey(group.groupName)
    if (!user.groups.includes(key)) return undefined
    user.groups = user.groups.filter((g) => g !== key)
    ctx.markDirty()
    return undefined
  }
}

const ListGroupsForUser: ActionSpec = {
  mutates: false,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const user = requireUser(ctx, validateUserName(ctx.params.UserName, { max: 128 }), 'read')
    const groups = user.groups
      .map((key) => findGroup(ctx.state, key))
      .filter((group): group is IamGroup => group !== undefined && isVisible(ctx, group.createDate))
    const page = paginate(ctx, groups, (group) => nameKey(group.groupName))
    return { Groups: page.items.map(groupView), ...page.tail }
  }
}

export const groupMembershipActions = { AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser } as const
