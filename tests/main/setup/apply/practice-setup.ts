import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IAMClient } from '@aws-sdk/client-iam'
import { connect } from '../../../../src/main/connect/connect'
import type { Connection } from '../../../../src/main/connect/connection'
import { startPracticeServer, type PracticeServer, type PracticeServerOptions } from '../../../../src/practice'
import type { ApplyOptions } from '../../../../src/main/setup/apply/apply-setup'
import { journalPath } from '../../../../src/main/setup/setup-service'
import type { RoleSpec } from '../../../../src/main/setup/roles'
import type { SetupSpec } from '../../../../src/main/setup/setup-layout'
import { keytarSecretStore, loadSearchableKeytar, type KeytarWithSearch, type SecretStore } from '../../../../src/main/vault/secret-store'

/** Fast retries: the practice account's faults are random, not rate-based. */
export const fastRetry = { baseDelayMs: 10, maxDelayMs: 100 }

/** The calls a client sent, by command name ("CreateUserCommand"), counted by SDK middleware. */
export function countCalls(client: IAMClient): string[] {
  const calls: string[] = []
  client.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(context.commandName ?? '?')
      return next(args)
    },
    { step: 'initialize', name: `count-${randomUUID()}` }
  )
  return calls
}

/** What AWS answered each `commandName` call whose input matches: 'ok', or the error's message. */
export function answersTo(client: IAMClient, commandName: string, input: Record<string, string>): string[] {
  const answers: string[] = []
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const sent = args.input as Record<string, unknown>
      if (context.commandName !== commandName || Object.entries(input).some(([key, value]) => sent[key] !== value)) return next(args)
      try {
        const result = await next(args)
        answers.push('ok')
        return result
      } catch (error) {
        answers.push((error as Error).message)
        throw error
      }
    },
    { step: 'initialize', name: `answers-${randomUUID()}` }
  )
  return answers
}

export interface PracticeSetup {
  server: PracticeServer
  connection: Connection
  vault: SecretStore
  keytar: KeytarWithSearch
  service: string
  dataDir: string
  journalPath: string
  /** The guide's layout with these roles, or a whole setup (the roles layout). */
  options(roles: RoleSpec[] | SetupSpec, extra?: Partial<ApplyOptions>): ApplyOptions
  /** Connects again (a resumed process has a fresh connection and fresh clients). */
  reconnect(): Promise<Connection>
  close(): Promise<void>
}

/** A fresh practice account over HTTP, connected as root, with its own keychain service and data dir. */
export async function practiceSetup(serverOptions: PracticeServerOptions = {}): Promise<PracticeSetup> {
  const server = await startPracticeServer({ onUnexpectedError: (error) => console.error(error), ...serverOptions })
  const root = server.rootCredentials!
  // Connecting is not what these tests are about: try again through injected faults.
  const doConnect = async (): Promise<Connection> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await connect({ accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey, endpoint: server.endpoint }, { practice: true })
      } catch (error) {
        if (attempt >= 10) throw error
      }
    }
  }
  const connection = await doConnect()
  const keytar = await loadSearchableKeytar()
  const service = `Cairn test ${randomUUID()}`
  const vault = keytarSecretStore(keytar, { service })
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-setup-'))
  const setup: PracticeSetup = {
    server,
    connection,
    vault,
    keytar,
    service,
    dataDir,
    journalPath: journalPath(dataDir, connection.info.accountId),
    options: (roles, extra = {}) => ({
      accountId: setup.connection.info.accountId,
      clients: setup.connection.clients('apply'),
      readClients: setup.connection.clients('read'),
      endpoint: server.endpoint,
      vault,
      journalPath: setup.journalPath,
      setup: Array.isArray(roles) ? { layout: 'users', roles } : roles,
      retry: fastRetry,
      newKeyVisibleAfterMs: 0,
      ...extra
    }),
    reconnect: async () => {
      setup.connection = await doConnect()
      return setup.connection
    },
    close: async () => {
      for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
      rmSync(dataDir, { recursive: true, force: true })
      await server.close()
    }
  }
  return setup
}

export interface AccountShape {
  groups: Record<string, { policies: string[]; inline: string[] }>
  users: Record<string, { groups: string[]; loginProfile: boolean; keys: number }>
}

/** The account's IAM entities by name, without ids or dates: what two runs must agree on. */
export function accountShape(server: PracticeServer): AccountShape {
  const { state } = server
  return {
    groups: Object.fromEntries(
      Object.values(state.groups).map((g) => [g.groupName, { policies: [...g.attachedPolicyArns].sort(), inline: Object.keys(g.inlinePolicies).sort() }])
    ),
    users: Object.fromEntries(
      Object.values(state.users).map((u) => [
        u.userName,
        { groups: u.groups.map((key) => state.groups[key]?.groupName ?? key).sort(), loginProfile: u.loginProfile !== null, keys: u.accessKeys.length }
      ])
    )
  }
}

/**
 * Every secret in the keychain against the account: each access key there exists with that
 * very secret, each password is the user's; and every key in the account has its secret there.
 * Returns the problems found (none is what a test wants).
 */
export async function vaultProblems(setup: PracticeSetup, roles: RoleSpec[]): Promise<string[]> {
  const problems: string[] = []
  const { state } = setup.server
  const accountId = setup.connection.info.accountId
  for (const spec of roles) {
    const user = state.users[spec.userName.toLowerCase()]
    const secrets = await setup.vault.get({ accountId, role: spec.role })
    if (!user) {
      problems.push(`${spec.userName} does not exist`)
      continue
    }
    if (spec.consoleAccess.enabled && secrets?.consolePassword !== user.loginProfile?.password)
      problems.push(`${spec.userName}'s password is not the one in the keychain`)
    for (const key of user.accessKeys) {
      if (secrets?.accessKey?.accessKeyId !== key.accessKeyId) problems.push(`${spec.userName}'s key ${key.accessKeyId} is not in the keychain`)
      else if (secrets.accessKey.secretAccessKey !== key.secretAccessKey) problems.push(`${spec.userName}'s key secret in the keychain is wrong`)
    }
    if (spec.accessKey && user.accessKeys.length !== 1) problems.push(`${spec.userName} has ${user.accessKeys.length} keys`)
    if (secrets?.accessKey && !user.accessKeys.some((k) => k.accessKeyId === secrets.accessKey?.accessKeyId))
      problems.push(`the keychain's key for ${spec.role} does not exist`)
  }
  return problems
}
