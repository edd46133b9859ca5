import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutGroupPolicyCommand
} from '@aws-sdk/client-iam'
import { createProfilesService, type ProfilesService, type ProfilesServiceInput } from '../../../src/main/profiles/profiles-service'
import type { RegisteredRole } from '../../../src/main/profiles/account-registry'
import { rolesAfterSetup } from '../../../src/main/profiles/setup-roles'
import { defaultIamRoles, roleArnOf, signInGroupName, signInPolicy, signInPolicyName, trustPolicy, userArnOf } from '../../../src/main/setup/roles-layout'
import { keytarSecretStore, loadSearchableKeytar, type KeytarWithSearch, type SecretStore } from '../../../src/main/vault/secret-store'
import type { IamRoleSpec } from '../../../src/shared/domain/schemas'
import { signInId } from '../../../src/shared/domain/words'
import { totpAt, type PracticeServer } from '../../../src/practice'
import { iamClient, startServer, testClock, type Credentials } from '../../practice/practice-clients'
import { enableDeviceInConsole } from '../../support/console-mfa-device'
import { countingProxy, type CountingProxy } from './practice-roles'

/**
 * A practice account in the roles layout, made directly with IAM calls as root (not through the
 * apply engine): one IAM user for the person in group People, and the roles billing, dev and ops,
 * each trusting only that user and only with MFA. The sign-in's key, password and MFA serial sit
 * in the keychain entry 'sign-in' of a keychain service of the test's own, as apply and the MFA
 * step leave them, and the registry holds the account as recordAppliedRoles would.
 */

export interface PracticeRolesLayout {
  server: PracticeServer & { root: Credentials }
  proxy: CountingProxy
  clock: ReturnType<typeof testClock>
  accountId: string
  userName: string
  roles: IamRoleSpec[]
  roleArn(role: string): string
  vaultService: string
  keytar: KeytarWithSearch
  store: SecretStore
  dataDir: string
  home: string
  configFile: string
  key: Credentials
  seed: string
  serial: string
  password: string
  /** A fresh MFA code: the account's clock moves to the next 30-second step first. */
  nextCode(): string
  env: Record<string, string>
  profiles(overrides?: Partial<ProfilesServiceInput>): ProfilesService
  registered: RegisteredRole[]
  /** How many sessions the practice account has issued: GetSessionToken ('session') or AssumeRole of one role. */
  issued(kind: 'session' | { role: string }): number
  close(): Promise<void>
}

export async function practiceRolesLayout(options: { label: string; userName?: string; cairnCommand?: string[] }): Promise<PracticeRolesLayout> {
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
  const accountId = server.accountId
  const userName = options.userName ?? 'me'
  const roles = defaultIamRoles({ includeAdmin: false })
  const roleArn = (role: string) => roleArnOf('aws', accountId, roles.find((spec) => spec.role === role)!.roleName)
  const userArn = userArnOf('aws', accountId, userName)

  await iam.send(new CreateUserCommand({ UserName: userName }))
  await iam.send(new CreateGroupCommand({ GroupName: signInGroupName }))
  await iam.send(
    new PutGroupPolicyCommand({
      GroupName: signInGroupName,
      PolicyName: signInPolicyName,
      PolicyDocument: JSON.stringify(
        signInPolicy(
          userArn,
          roles.map((spec) => roleArn(spec.role)),
          `arn:aws:iam::${accountId}:mfa/`
        )
      )
    })
  )
  await iam.send(new AddUserToGroupCommand({ GroupName: signInGroupName, UserName: userName }))
  const created = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!
  const key = { accessKeyId: created.AccessKeyId!, secretAccessKey: created.SecretAccessKey! }
  const password = `Cairn-${randomUUID()}-Aa1!`
  await iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: password }))
  const device = await enableDeviceInConsole(iam, userName, () => clock.now().getTime(), userName)
  for (const spec of roles) {
    await iam.send(
      new CreateRoleCommand({
        RoleName: spec.roleName,
        AssumeRolePolicyDocument: JSON.stringify(trustPolicy(userArn)),
        MaxSessionDuration: spec.maxSessionHours * 3600
      })
    )
    for (const policyArn of spec.policyArns) await iam.send(new AttachRolePolicyCommand({ RoleName: spec.roleName, PolicyArn: policyArn }))
  }
  // What apply and the MFA step write: the key and password, then the device's serial.
  await store.set(
    { accountId, role: signInId },
    { accessKey: { ...key, createdAt: new Date().toISOString() }, consolePassword: password, mfaSerial: device.serial }
  )

  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    CAIRN_DATA_DIR: dataDir,
    CAIRN_VAULT_SERVICE: vaultService,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
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
  // As recordAppliedRoles registers a roles-layout apply.
  const registered = await rolesAfterSetup({ layout: 'roles', signIn: { userName }, roles }, store, accountId, 'aws')
  await profiles().registerAccount({ accountId, endpoint: proxy.endpoint, practice: true, signIn: { userName }, roles: registered })

  return {
    server,
    proxy,
    clock,
    accountId,
    userName,
    roles,
    roleArn,
    vaultService,
    keytar,
    store,
    dataDir,
    home,
    configFile: env['AWS_CONFIG_FILE']!,
    key,
    seed: device.seed,
    serial: device.serial,
    password,
    nextCode() {
      clock.advance(30_000)
      return totpAt(device.seed, clock.now().getTime())
    },
    env,
    profiles,
    registered,
    issued(kind) {
      return Object.values(server.state.sessions).filter((session) =>
        kind === 'session' ? session.kind === 'session' : session.kind === 'role' && session.roleName === roleArn(kind.role).split('/').pop()
      ).length
    },
    async close() {
      for (const { account } of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, account)
      await proxy.close()
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(home, { recursive: true, force: true })
    }
  }
}
