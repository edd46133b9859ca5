import type { ActionContext, ActionSpec, XmlValue } from '../action'
import { awsErrors } from '../errors'
import { validateAccessKeyId, validateUserName, validationCollector } from '../rules/names'
import { quotaExceeded, quotas } from '../rules/quotas'
import type { AccessKey, PracticeState } from '../state'
import { newSecretAccessKey } from './access-key-material'
import { accessKeysOf, isVisible, principalArn, principalFor, sortedUsers, userNameOf, type Access, type Principal } from './lookups'
import { paginate } from './pagination'
import { enumParam } from './params'
import { userResource } from './users'
import { date } from './views'

/** Whose keys: UserName when given, else the signer (root acts on root's own keys). */
function keyOwner(ctx: ActionContext, access: Access): Principal {
  if (ctx.params.UserName !== undefined) validateUserName(ctx.params.UserName, { max: 128 })
  return principalFor(ctx, ctx.params.UserName, access)
}

function keyNotFound(accessKeyId: string): Error {
  return awsErrors.noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`)
}

function ownedKey(ctx: ActionContext, owner: Principal, accessKeyId: string): AccessKey {
  const key = accessKeysOf(ctx.state, owner).find((k) => k.accessKeyId === accessKeyId)
  if (!key) throw keyNotFound(accessKeyId)
  return key
}

function metadataView(owner: Principal, key: AccessKey): XmlValue {
  return {
    UserName: userNameOf(owner),
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: date(key.createDate)
  }
}

const CreateAccessKey: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const owner = keyOwner(ctx, 'write')
    const keys = accessKeysOf(ctx.state, owner)
    if (keys.length >= quotas.AccessKeysPerUser) throw quotaExceeded('AccessKeysPerUser')
    const key: AccessKey = {
      accessKeyId: ctx.newId('AKIA', 20),
      secretAccessKey: newSecretAccessKey(),
      status: 'Active',
      createDate: ctx.now.toISOString(),
      lastUsed: null
    }
    keys.push(key)
    ctx.markDirty()
    return { AccessKey: { ...(metadataView(owner, key) as object), SecretAccessKey: key.secretAccessKey } }
  }
}

const ListAccessKeys: ActionSpec = {
  mutates: false,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const owner = keyOwner(ctx, 'read')
    const keys = accessKeysOf(ctx.state, owner).filter((k) => isVisible(ctx, k.createDate))
    const page = paginate(ctx, keys, (k) => `${k.createDate} ${k.accessKeyId}`)
    return { AccessKeyMetadata: page.items.map((k) => metadataView(owner, k)), ...page.tail }
  }
}

const UpdateAccessKey: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const errors = validationCollector()
    const accessKeyId = validateAccessKeyId(ctx.params.AccessKeyId, 'accessKeyId', errors)
    if (ctx.params.Status === undefined) errors.fail(null, 'status', 'Member must not be null')
    errors.throwIfAny()
    const status = enumParam(ctx, 'Status', ['Active', 'Inactive'] as const) as AccessKey['status']
    const key = ownedKey(ctx, keyOwner(ctx, 'write'), accessKeyId)
    key.status = status
    ctx.markDirty()
    return undefined
  }
}

const DeleteAccessKey: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const accessKeyId = validateAccessKeyId(ctx.params.AccessKeyId)
    const owner = keyOwner(ctx, 'write')
    ownedKey(ctx, owner, accessKeyId)
    const keys = accessKeysOf(ctx.state, owner)
    keys.splice(
      keys.findIndex((k) => k.accessKeyId === accessKeyId),
      1
    )
    ctx.markDirty()
    return undefined
  }
}

/** Which principal holds a key, anywhere in the account. */
export function findKeyOwner(state: PracticeState, accessKeyId: string): { owner: Principal; key: AccessKey } | undefined {
  const rootKey = state.root.accessKeys.find((k) => k.accessKeyId === accessKeyId)
  if (rootKey) return { owner: { kind: 'root' }, key: rootKey }
  for (const user of sortedUsers(state)) {
    const key = user.accessKeys.find((k) => k.accessKeyId === accessKeyId)
    if (key) return { owner: { kind: 'user', user }, key }
  }
  return undefined
}

const GetAccessKeyLastUsed: ActionSpec = {
  mutates: false,
  resource(ctx) {
    const found = findKeyOwner(ctx.state, ctx.params.AccessKeyId ?? '')
    return found ? principalArn(ctx.state, found.owner) : '*'
  },
  handler(ctx) {
    const accessKeyId = validateAccessKeyId(ctx.params.AccessKeyId)
    const found = findKeyOwner(ctx.state, accessKeyId)
    if (!found || !isVisible(ctx, found.key.createDate)) throw keyNotFound(accessKeyId)
    const used = found.key.lastUsed
    return {
      UserName: userNameOf(found.owner),
      // Never used: AWS answers N/A for both and leaves the date out.
      AccessKeyLastUsed: used ? { LastUsedDate: date(used.date), ServiceName: used.service, Region: used.region } : { ServiceName: 'N/A', Region: 'N/A' }
    }
  }
}

export const accessKeyActions = {
  CreateAccessKey,
  ListAccessKeys,
  UpdateAccessKey,
  DeleteAccessKey,
  GetAccessKeyLastUsed
} as const
