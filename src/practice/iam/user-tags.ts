import type { ActionContext, ActionSpec } from '../action'
import { validateUserName } from '../rules/names'
import { requireUser, type Access } from './lookups'
import { paginate } from './pagination'
import { mergeTags, removeTags, tagKeysParam, tagsParam } from './tags'
import { userResource } from './users'

const namedUser = (ctx: ActionContext, access: Access = 'write') => requireUser(ctx, validateUserName(ctx.params.UserName, { max: 128 }), access)

/** Adds tags to a user; a key it already has, in any case, takes the new key and value. */
const TagUser: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const user = namedUser(ctx)
    const tags = tagsParam(ctx, { required: true })
    user.tags = mergeTags(user.tags, tags)
    ctx.markDirty()
    return undefined
  }
}

const UntagUser: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const user = namedUser(ctx)
    user.tags = removeTags(user.tags, tagKeysParam(ctx))
    ctx.markDirty()
    return undefined
  }
}

/** The user's tags by key, paged like every List* call; Tags is there even when empty. */
const ListUserTags: ActionSpec = {
  mutates: false,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const user = namedUser(ctx, 'read')
    const page = paginate(ctx, user.tags, (tag) => tag.Key.toLowerCase())
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), ...page.tail }
  }
}

export const userTagActions = { TagUser, UntagUser, ListUserTags } as const
