import { IAMClient, ListAccessKeysCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { PracticeServer } from '../../../src/practice'
import type { RoleSpec } from '../../../src/main/setup/roles'

/** A user whose secrets Cairn keeps: a role's (the guide's layout) or the sign-in's (role 'sign-in'). */
export type SecretHolder = Pick<RoleSpec, 'userName' | 'accessKey'> & { role: string; consoleAccess: Pick<RoleSpec['consoleAccess'], 'enabled'> }

/** The roles layout's one holder: its user has a password and an access key, under the keychain entry 'sign-in'. */
export const signInHolder = (userName: string): SecretHolder => ({ role: 'sign-in', userName, accessKey: true, consoleAccess: { enabled: true } })
import type { SecretStore } from '../../../src/main/vault/secret-store'

/**
 * The rule every fault must leave intact: each secret that exists in AWS is in the keychain.
 * An access key or a console password whose secret the keychain lacks is a lost secret.
 * Users and keys are read over HTTP with the SDK, as any client sees them; the practice
 * account's own record is used only for what AWS never shows again (the password).
 */
export async function lostSecrets(server: PracticeServer, accountId: string, store: SecretStore, roles: readonly SecretHolder[]): Promise<string[]> {
  const root = server.rootCredentials!
  const iam = new IAMClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: root, maxAttempts: 5 })
  const problems: string[] = []
  const users = (await iam.send(new ListUsersCommand({}))).Users ?? []
  for (const spec of roles) {
    if (!users.some((u) => u.UserName === spec.userName)) continue
    const held = await store.get({ accountId, role: spec.role })
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: spec.userName }))).AccessKeyMetadata ?? []
    for (const key of keys) {
      if (held?.accessKey?.accessKeyId !== key.AccessKeyId) problems.push(`${spec.userName}'s access key ${key.AccessKeyId} has no secret in the keychain`)
    }
    const profile = server.state.users[spec.userName.toLowerCase()]?.loginProfile
    if (profile && held?.consolePassword !== profile.password) problems.push(`${spec.userName}'s console password is not the one in the keychain`)
  }
  return problems
}

/** The ARN AWS says a held key belongs to, waiting out the moment a new key takes to work. */
export async function callerOf(endpoint: string, key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<string> {
  const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: key, maxAttempts: 1 })
  for (let attempt = 0; ; attempt++) {
    try {
      return (await sts.send(new GetCallerIdentityCommand({}))).Arn ?? ''
    } catch (error) {
      if ((error as { name?: string }).name !== 'InvalidClientTokenId' || attempt > 50) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/**
 * The state a finished setup must reach: each role's user once, with exactly one access key
 * when it should have one, that key's secret in the keychain and accepted by AWS as that
 * user, and each console password in the keychain. Returns what differs.
 */
export async function setupProblems(server: PracticeServer, accountId: string, store: SecretStore, roles: readonly SecretHolder[]): Promise<string[]> {
  const root = server.rootCredentials!
  const iam = new IAMClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: root, maxAttempts: 5 })
  const problems = await lostSecrets(server, accountId, store, roles)
  const users = (await iam.send(new ListUsersCommand({}))).Users ?? []
  for (const spec of roles) {
    const count = users.filter((u) => u.UserName?.toLowerCase() === spec.userName.toLowerCase()).length
    if (count !== 1) problems.push(`${spec.userName} exists ${count} times`)
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: spec.userName }))).AccessKeyMetadata ?? []
    if (keys.length !== (spec.accessKey ? 1 : 0)) problems.push(`${spec.userName} has ${keys.length} access keys`)
    const held = await store.get({ accountId, role: spec.role })
    if (spec.consoleAccess.enabled && !held?.consolePassword) problems.push(`no console password for ${spec.role} in the keychain`)
    if (spec.accessKey) {
      if (!held?.accessKey) problems.push(`no access key for ${spec.role} in the keychain`)
      else if (!(await callerOf(server.endpoint, held.accessKey)).endsWith(`:user/${spec.userName}`))
        problems.push(`AWS does not take ${spec.role}'s key as ${spec.userName}`)
    }
  }
  return problems
}
