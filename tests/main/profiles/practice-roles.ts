import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand
} from '@aws-sdk/client-iam'
import { authenticator } from 'otplib'
import { createProfilesService, type ProfilesServiceInput, type ProfilesService } from '../../../src/main/profiles/profiles-service'
import type { RegisteredRole } from '../../../src/main/profiles/account-registry'
import type { PracticeServer } from '../../../src/practice'
import { requireMfaPolicyJson } from '../../../src/main/setup/mfa-policy'
import { keytarSecretStore, loadSearchableKeytar, type KeytarWithSearch, type SecretStore } from '../../../src/main/vault/secret-store'
import { iamClient, startServer, testClock, type Credentials } from '../../practice/practice-clients'
import { enableDeviceInConsole } from '../../support/console-mfa-device'

/**
 * A practice account with Cairn's roles made directly with the SDK as root (not through the
 * apply engine), their secrets in a keychain service of the test's own, behind a proxy that
 * counts every request reaching the account.
 */

export interface RoleSetup {
  role: string
  policyArn: string
  /** The group denies everything without MFA (CairnRequireMFA). */
  requiresMfa?: boolean
  accessKey?: boolean
  consolePassword?: boolean
  /** A virtual MFA device, enabled, its serial in the keychain. */
  mfa?: boolean
  /** An inline grant of sts:GetFederationToken, which job-function policies lack. */
  federation?: boolean
}

/** The usual three: dev with MFA and a key, ops with a key and no MFA, billing console only. */
export const devOpsBilling: RoleSetup[] = [
  { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', requiresMfa: true, accessKey: true, mfa: true },
  { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true },
  { role: 'billing', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing', consolePassword: true }
]

export interface CountingProxy {
  endpoint: string
  /** `METHOD path` of every request that went through. */
  requests: string[]
  close(): Promise<void>
}

/**
 * Forwards everything to `target` unchanged (Host included, so SigV4 signatures stay valid) and
 * counts it. With `awsApiOnly`, anything but the AWS API (POST /) answers 404: another IAM
 * service in front of the practice account's, as LocalStack or a proxy would be.
 */
export async function countingProxy(target: string, options: { awsApiOnly?: boolean } = {}): Promise<CountingProxy> {
  const upstream = new URL(target)
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    if (options.awsApiOnly && !(req.method === 'POST' && req.url === '/')) {
      req.resume()
      res.writeHead(404)
      res.end()
      return
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forward.on('error', () => {
      res.writeHead(502)
      res.end()
    })
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

export interface PracticeRoles {
  server: PracticeServer & { root: Credentials }
  proxy: CountingProxy
  clock: ReturnType<typeof testClock>
  accountId: string
  vaultService: string
  keytar: KeytarWithSearch
  store: SecretStore
  dataDir: string
  /** HOME for child processes; its .aws/config and .aws/credentials are the files Cairn writes. */
  home: string
  configFile: string
  credentialsFile: string
  keys: Record<string, Credentials>
  seeds: Record<string, string>
  /** A fresh MFA code for the role: the account's clock moves to the next 30-second step first. */
  nextCode(role: string): string
  /** The environment a `cairn` process of this test runs with. */
  env: Record<string, string>
  profiles(overrides?: Partial<ProfilesServiceInput>): ProfilesService
  registered: RegisteredRole[]
  close(): Promise<void>
}

const groupOf = (role: string) => `${role[0]!.toUpperCase()}${role.slice(1)}Group`

export async function practiceRoles(setups: RoleSetup[], options: { label: string; cairnCommand?: string[] }): Promise<PracticeRoles> {
  const clock = testClock()
  const server = await startServer({ clock: clock.now })
  const proxy = await countingProxy(server.endpoint)
  const iam = iamClient(server, server.root)
  const keytar = await loadSearchableKeytar()
  const vaultService = `Cairn test ${options.label} ${randomUUID()}`
  const store = keytarSecretStore(keytar, { service: vaultService })
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-data-'))
  const home = mkdtempSync(join(tmpdir(), 'cairn-home-'))
  mkdirSync(join(home, '.aws'))
  const keys: Record<string, Credentials> = {}
  const seeds: Record<string, string> = {}
  const codeAtServer = (seed: string, ms: number) => authenticator.clone({ epoch: ms }).generate(seed)

  for (const setup of setups) {
    const { role } = setup
    const key = { accountId: server.accountId, role }
    await iam.send(new CreateGroupCommand({ GroupName: groupOf(role) }))
    await iam.send(new AttachGroupPolicyCommand({ GroupName: groupOf(role), PolicyArn: setup.policyArn }))
    if (setup.requiresMfa)
      await iam.send(new PutGroupPolicyCommand({ GroupName: groupOf(role), PolicyName: 'CairnRequireMFA', PolicyDocument: requireMfaPolicyJson }))
    await iam.send(new CreateUserCommand({ UserName: role }))
    await iam.send(new AddUserToGroupCommand({ UserName: role, GroupName: groupOf(role) }))
    if (setup.federation) {
      await iam.send(
        new PutUserPolicyCommand({
          UserName: role,
          PolicyName: 'console-sign-in',
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' }] })
        })
      )
    }
    if (setup.accessKey) {
      const created = (await iam.send(new CreateAccessKeyCommand({ UserName: role }))).AccessKey!
      keys[role] = { accessKeyId: created.AccessKeyId!, secretAccessKey: created.SecretAccessKey! }
      await store.update(key, (current) => ({
        ...current,
        accessKey: { accessKeyId: created.AccessKeyId!, secretAccessKey: created.SecretAccessKey!, createdAt: new Date().toISOString() }
      }))
    }
    if (setup.consolePassword) {
      const password = `Cairn-${randomUUID()}-Aa1!`
      await iam.send(new CreateLoginProfileCommand({ UserName: role, Password: password }))
      await store.update(key, (current) => ({ ...current, consolePassword: password }))
    }
    if (setup.mfa) {
      const device = await enableDeviceInConsole(iam, role, () => clock.now().getTime(), role)
      seeds[role] = device.seed
      await store.update(key, (current) => ({ ...current, mfaSerial: device.serial }))
    }
  }

  const registered: RegisteredRole[] = setups.map((setup) => ({
    role: setup.role,
    userName: setup.role,
    requiresMfa: setup.requiresMfa ?? false,
    hasAccessKey: setup.accessKey ?? false,
    consoleAccess: setup.consolePassword ?? false
  }))
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    CAIRN_DATA_DIR: dataDir,
    CAIRN_VAULT_SERVICE: vaultService,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    // The private keyring's D-Bus session, for child processes.
    ...Object.fromEntries(
      ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : []))
    )
  }
  const profiles = (overrides: Partial<ProfilesServiceInput> = {}) =>
    createProfilesService({
      dataDir,
      vault: async () => store,
      cairnCommand: options.cairnCommand ?? [process.execPath, '/nonexistent/cairn.js'],
      env,
      homedir: home,
      ...overrides
    })
  // As Cairn records an account whose roles it set up in its practice account.
  await profiles().registerAccount({ accountId: server.accountId, endpoint: proxy.endpoint, practice: true, roles: registered })

  return {
    server,
    proxy,
    clock,
    accountId: server.accountId,
    vaultService,
    keytar,
    store,
    dataDir,
    home,
    configFile: env['AWS_CONFIG_FILE']!,
    credentialsFile: env['AWS_SHARED_CREDENTIALS_FILE']!,
    keys,
    seeds,
    nextCode(role) {
      clock.advance(30_000)
      return codeAtServer(seeds[role]!, clock.now().getTime())
    },
    env,
    profiles,
    registered,
    async close() {
      for (const { account } of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, account)
      await proxy.close()
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(home, { recursive: true, force: true })
    }
  }
}
