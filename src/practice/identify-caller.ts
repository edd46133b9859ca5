import type { Caller } from './action'
import { AwsError } from './errors'
import { nameKey, ROOT, type AccessKey, type PracticeState, type TemporarySession } from './state'

export type ApiService = 'iam' | 'sts'

// IAM answers without the final period, STS with it (as seen in real responses).
export const invalidClientTokenId = (service: ApiService) =>
  new AwsError('InvalidClientTokenId', `The security token included in the request is invalid${service === 'sts' ? '.' : ''}`, 403)
export const expiredToken = () => new AwsError('ExpiredToken', 'The security token included in the request is expired', 403)

export interface IdentifiedCaller {
  caller: Caller
  secretAccessKey: string
  sessionToken?: string
  /** The long-term key used, so its last use can be recorded. */
  key: AccessKey | null
}

/**
 * Finds which identity owns an access key id. Long-term keys are indexed by id; the index is
 * rebuilt only when a lookup misses or turns out stale, because handlers change state directly.
 */
export class KeyDirectory {
  private owners = new Map<string, string>()
  /** True while the index reflects every mutation so far, so a miss is a real miss. */
  private fresh = false

  /** Call after any change to users or keys. */
  invalidate(): void {
    this.fresh = false
  }

  private rebuild(state: PracticeState): void {
    this.owners.clear()
    for (const key of state.root.accessKeys) this.owners.set(key.accessKeyId, ROOT)
    for (const [userKey, user] of Object.entries(state.users)) {
      for (const key of user.accessKeys) this.owners.set(key.accessKeyId, userKey)
    }
    this.fresh = true
  }

  private find(state: PracticeState, accessKeyId: string): { owner: string; key: AccessKey } | null {
    const owner = this.owners.get(accessKeyId)
    if (owner === undefined) return null
    const keys = owner === ROOT ? state.root.accessKeys : state.users[owner]?.accessKeys
    const key = keys?.find((k) => k.accessKeyId === accessKeyId)
    return key ? { owner, key } : null
  }

  lookup(state: PracticeState, accessKeyId: string): { owner: string; key: AccessKey } | null {
    const hit = this.find(state, accessKeyId)
    if (hit || this.fresh) return hit
    this.rebuild(state)
    return this.find(state, accessKeyId)
  }
}

/** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION: the role's path is not part of it. */
export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`
}

function sessionCaller(state: PracticeState, session: TemporarySession): Caller | null {
  const accountId = state.accountId
  if (session.kind === 'federation') {
    const name = session.federatedName ?? ''
    return {
      kind: 'federated',
      federatedName: name,
      userName: session.principal === ROOT ? null : (state.users[nameKey(session.principal)]?.userName ?? session.principal),
      arn: `arn:aws:sts::${accountId}:federated-user/${name}`,
      accessKeyId: session.accessKeyId,
      session
    }
  }
  if (session.kind === 'role') {
    const role = state.roles[nameKey(session.roleName ?? '')]
    if (!role) return null
    const sessionName = session.roleSessionName ?? ''
    return {
      kind: 'role',
      roleName: role.roleName,
      roleSessionName: sessionName,
      arn: assumedRoleArn(accountId, role.roleName, sessionName),
      accessKeyId: session.accessKeyId,
      session
    }
  }
  if (session.principal === ROOT) return { kind: 'root', arn: state.root.arn, accessKeyId: session.accessKeyId, session }
  const user = state.users[nameKey(session.principal)]
  if (!user) return null
  return { kind: 'user', userName: user.userName, arn: user.arn, accessKeyId: session.accessKeyId, session }
}

/**
 * Resolves the signer of a request. Throws InvalidClientTokenId for unknown, inactive or
 * not-yet-consistent keys and for a wrong or missing session token, ExpiredToken for an
 * expired session.
 */
export function identifyCaller(
  state: PracticeState,
  directory: KeyDirectory,
  accessKeyId: string,
  securityToken: string | undefined,
  now: Date,
  consistencyDelayMs: number,
  service: ApiService
): IdentifiedCaller {
  const session = state.sessions[accessKeyId]
  if (session) {
    if (securityToken !== session.sessionToken) throw invalidClientTokenId(service)
    if (Date.parse(session.expiration) <= now.getTime()) throw expiredToken()
    const caller = sessionCaller(state, session)
    if (!caller) throw invalidClientTokenId(service)
    return { caller, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken, key: null }
  }
  if (securityToken !== undefined) throw invalidClientTokenId(service)
  const found = directory.lookup(state, accessKeyId)
  if (!found || found.key.status !== 'Active') throw invalidClientTokenId(service)
  // Keys that came with the account (root's bootstrap key) exist long before anyone uses them.
  const keyCreated = Date.parse(found.key.createDate)
  if (consistencyDelayMs > 0 && keyCreated > Date.parse(state.createdAt) && now.getTime() - keyCreated < consistencyDelayMs) {
    throw invalidClientTokenId(service)
  }
  const { owner, key } = found
  if (owner === ROOT) {
    return { caller: { kind: 'root', arn: state.root.arn, accessKeyId }, secretAccessKey: key.secretAccessKey, key }
  }
  const user = state.users[owner]!
  return {
    caller: { kind: 'user', userName: user.userName, arn: user.arn, accessKeyId },
    secretAccessKey: key.secretAccessKey,
    key
  }
}
