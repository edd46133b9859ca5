import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteAccessKeyCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetGroupCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  UpdateAccountPasswordPolicyCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consecutiveCodes, iamClient, rawRequest, sdkFailure, startServer, stsClient, testClock, type Credentials } from './practice-clients'
import { generateBase32Seed, stepAt, totpAt } from '../../src/practice/mfa/totp'
import { startPracticeServer, StateFileInUseError } from '../../src/practice/server'
import { legacyState } from './legacy-state'

const BILLING = 'arn:aws:iam::aws:policy/job-function/Billing'
const POWER_USER = 'arn:aws:iam::aws:policy/PowerUserAccess'
const SYSADMIN = 'arn:aws:iam::aws:policy/job-function/SystemAdministrator'
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess'

describe('the practice account through the real AWS SDK v3', () => {
  const clock = testClock()
  let server: Awaited<ReturnType<typeof startServer>>
  let iam: IAMClient
  const keys: Record<string, Credentials> = {}
  let devSerial = ''
  let devSeed = ''

  beforeAll(async () => {
    server = await startServer({ clock: clock.now })
    iam = iamClient(server, server.root)
  })
  afterAll(() => server.close())

  it('starts as a brand-new account: root without MFA, one root key, no users, no password policy', async () => {
    const identity = await stsClient(server, server.root).send(new GetCallerIdentityCommand({}))
    expect(identity).toMatchObject({ Account: server.accountId, UserId: server.accountId, Arn: `arn:aws:iam::${server.accountId}:root` })
    const summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect(summary).toMatchObject({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, Users: 0, Groups: 0 })
    expect(await sdkFailure(iam.send(new GetAccountPasswordPolicyCommand({})))).toEqual({
      code: 'NoSuchEntity',
      message: `The Password Policy with domain name ${server.accountId} cannot be found.`,
      status: 404,
      type: 'Sender'
    })
    expect(server.state.console.iamUserAccessToBilling).toBe(false)
  })

  it('sets a password policy and creates the three job-function groups with their policies', async () => {
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true }))
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toMatchObject({ MinimumPasswordLength: 14, RequireSymbols: true })
    for (const [group, policy] of [
      ['Finance', BILLING],
      ['Developers', POWER_USER],
      ['Operations', SYSADMIN]
    ] as const) {
      const created = await iam.send(new CreateGroupCommand({ GroupName: group }))
      expect(created.Group).toMatchObject({ GroupName: group, Path: '/', Arn: `arn:aws:iam::${server.accountId}:group/${group}` })
      expect(created.Group!.CreateDate).toBeInstanceOf(Date)
      await iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: policy }))
      const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: group }))
      expect(attached.AttachedPolicies!.map((p) => p.PolicyArn)).toEqual([policy])
    }
    const jobFunctions = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', PathPrefix: '/job-function/', OnlyAttached: true }))
    expect(jobFunctions.Policies!.map((p) => p.PolicyName).sort()).toEqual(['Billing', 'SystemAdministrator'])
  })

  it('creates users with console passwords, group memberships and access keys', async () => {
    for (const [user, group] of [
      ['billing', 'Finance'],
      ['dev', 'Developers'],
      ['ops', 'Operations']
    ] as const) {
      await iam.send(new CreateUserCommand({ UserName: user }))
      await iam.send(new AddUserToGroupCommand({ UserName: user, GroupName: group }))
      await iam.send(new CreateLoginProfileCommand({ UserName: user, Password: 'Correct-Horse-42!', PasswordResetRequired: true }))
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!
      expect(key.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/)
      expect(key.SecretAccessKey).toHaveLength(40)
      keys[user] = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
    }
    expect((await iam.send(new GetGroupCommand({ GroupName: 'Finance' }))).Users!.map((u) => u.UserName)).toEqual(['billing'])
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'dev' }))).Groups!.map((g) => g.GroupName)).toEqual(['Developers'])
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'ops' }))).LoginProfile).toMatchObject({ UserName: 'ops', PasswordResetRequired: true })
    expect((await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['billing', 'dev', 'ops'])
    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: BILLING }))
    expect(entities.PolicyGroups!.map((g) => g.GroupName)).toEqual(['Finance'])
  })

  it('lets each user sign requests with their own new key', async () => {
    const me = await stsClient(server, keys['dev']!).send(new GetCallerIdentityCommand({}))
    expect(me.Arn).toBe(`arn:aws:iam::${server.accountId}:user/dev`)
    expect(me.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/)
    const self = await iamClient(server, keys['ops']!).send(new GetUserCommand({}))
    expect(self.User!.UserName).toBe('ops')
  })

  it('enrolls a virtual MFA device with a real QR code and two real consecutive codes', async () => {
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dev' }))).VirtualMFADevice!
    devSerial = device.SerialNumber!
    expect(devSerial).toBe(`arn:aws:iam::${server.accountId}:mfa/dev`)
    devSeed = new TextDecoder().decode(device.Base32StringSeed)
    expect(devSeed).toMatch(/^[A-Z2-7]{64}$/)
    expect(Buffer.from(device.QRCodePNG!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const [code1, code2] = consecutiveCodes(devSeed, clock.now())
    await iam.send(new EnableMFADeviceCommand({ UserName: 'dev', SerialNumber: devSerial, AuthenticationCode1: code1, AuthenticationCode2: code2 }))
    expect((await iam.send(new ListMFADevicesCommand({ UserName: 'dev' }))).MFADevices!.map((d) => d.SerialNumber)).toEqual([devSerial])
  })

  it("issues MFA-backed session credentials that can call IAM where the user's policies allow", async () => {
    await iam.send(new CreateUserCommand({ UserName: 'admin' }))
    await iam.send(new CreateGroupCommand({ GroupName: 'Admins' }))
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Admins', PolicyArn: ADMIN }))
    await iam.send(new AddUserToGroupCommand({ UserName: 'admin', GroupName: 'Admins' }))
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }))).AccessKey!
    keys['admin'] = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'admin' }))).VirtualMFADevice!
    const seed = new TextDecoder().decode(device.Base32StringSeed)
    const [c1, c2] = consecutiveCodes(seed, clock.now())
    await iam.send(new EnableMFADeviceCommand({ UserName: 'admin', SerialNumber: device.SerialNumber, AuthenticationCode1: c1, AuthenticationCode2: c2 }))

    clock.advance(30_000) // the next code: the ones used to enable the device are spent
    const session = await stsClient(server, keys['admin']!).send(
      new GetSessionTokenCommand({ SerialNumber: device.SerialNumber, TokenCode: totpAt(seed, clock.now().getTime()), DurationSeconds: 3600 })
    )
    const creds = session.Credentials!
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(creds.Expiration!.getTime() - clock.now().getTime()).toBeGreaterThan(3590_000)
    const sessionCreds = { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! }
    expect((await iamClient(server, sessionCreds).send(new ListUsersCommand({}))).Users!.length).toBe(4)
    expect((await stsClient(server, sessionCreds).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${server.accountId}:user/admin`)
  })

  it('signs a role in to the console path: GetFederationToken with a session policy', async () => {
    const token = await stsClient(server, keys['dev']!).send(
      new GetFederationTokenCommand({
        Name: 'cairn-dev',
        DurationSeconds: 3600,
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] })
      })
    )
    expect(token.FederatedUser).toEqual({ FederatedUserId: `${server.accountId}:cairn-dev`, Arn: `arn:aws:sts::${server.accountId}:federated-user/cairn-dev` })
    expect(token.PackedPolicySize).toBeGreaterThan(0)
    const federated = {
      accessKeyId: token.Credentials!.AccessKeyId!,
      secretAccessKey: token.Credentials!.SecretAccessKey!,
      sessionToken: token.Credentials!.SessionToken!
    }
    const me = await stsClient(server, federated).send(new GetCallerIdentityCommand({}))
    expect(me).toMatchObject({ Arn: `arn:aws:sts::${server.accountId}:federated-user/cairn-dev`, UserId: `${server.accountId}:cairn-dev` })
  })

  it('generates a credential report with the <root_account> row first', async () => {
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED')
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE')
    const report = await iam.send(new GetCredentialReportCommand({}))
    expect(report.ReportFormat).toBe('text/csv')
    const lines = new TextDecoder().decode(report.Content).trim().split('\n')
    expect(lines[0]).toMatch(/^user,arn,user_creation_time,password_enabled,/)
    expect(lines[1]).toMatch(new RegExp(`^<root_account>,arn:aws:iam::${server.accountId}:root,`))
    expect(lines.slice(2).map((l) => l.split(',')[0])).toEqual(['admin', 'billing', 'dev', 'ops'])
  })

  it('lets root delete its own bootstrap key, after which the account reports no root keys', async () => {
    const rootKeys = await iam.send(new ListAccessKeysCommand({}))
    expect(rootKeys.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([server.root.accessKeyId])
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: server.root.accessKeyId }))
    const adminIam = iamClient(server, keys['admin']!)
    expect((await adminIam.send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountAccessKeysPresent).toBe(0)
    expect(await sdkFailure(iam.send(new ListUsersCommand({})))).toMatchObject({ code: 'InvalidClientTokenId', status: 403 })
  })
})

describe('practice account state across restarts', () => {
  it('keeps users, keys and settings in the state file, and the same root credentials', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-server-'))
    try {
      const file = join(dir, 'practice.json')
      const first = await startServer({ stateFile: file })
      await iamClient(first, first.root).send(new CreateUserCommand({ UserName: 'persisted' }))
      await first.close()
      const second = await startServer({ stateFile: file })
      expect(second.accountId).toBe(first.accountId)
      expect(second.root).toEqual(first.root)
      expect((await iamClient(second, second.root).send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['persisted'])
      await second.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('fault knobs seen through the SDK', () => {
  it('throttles with 400 Throttling that the SDK retries, and a seeded plan replays the same sequence', async () => {
    const server = await startServer({ faults: { seed: 11, throttleRate: 0.5 } })
    try {
      const outcomes = async () => {
        const seen: string[] = []
        for (let i = 0; i < 12; i++) {
          try {
            await iamClient(server, server.root).send(new ListUsersCommand({}))
            seen.push('ok')
          } catch (error) {
            const e = error as { Code?: string; name: string; $metadata: { httpStatusCode: number } }
            seen.push(`${e.Code ?? e.name}:${e.$metadata.httpStatusCode}`)
          }
        }
        return seen
      }
      server.setFaults({ seed: 11, throttleRate: 0.5 })
      const first = await outcomes()
      server.setFaults({ seed: 11, throttleRate: 0.5 })
      expect(await outcomes()).toEqual(first)
      expect(first).toContain('Throttling:400')
      expect(first).toContain('ok')

      server.setFaults({ failCalls: [1, 2], failWith: 'ServiceUnavailable' })
      const retried = await iamClient(server, server.root, 3).send(new ListUsersCommand({}))
      expect(retried.$metadata.attempts).toBe(3)
    } finally {
      await server.close()
    }
  })

  it('makes a new access key unusable until the consistency delay has passed', async () => {
    const clock = testClock()
    const server = await startServer({ clock: clock.now, consistencyDelayMs: 8000 })
    try {
      const iam = iamClient(server, server.root)
      await iam.send(new CreateUserCommand({ UserName: 'fresh' }))
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'fresh' }))).AccessKey!
      const fresh = stsClient(server, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
      expect((await sdkFailure(fresh.send(new GetCallerIdentityCommand({})))).code).toBe('InvalidClientTokenId')
      expect((await sdkFailure(iam.send(new GetUserCommand({ UserName: 'fresh' })))).code).toBe('NoSuchEntity')
      clock.advance(9000)
      expect((await fresh.send(new GetCallerIdentityCommand({}))).Arn).toContain(':user/fresh')
    } finally {
      await server.close()
    }
  })
})

describe('one practice service per state file', () => {
  const dirs: string[] = []
  const stateFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-server-lock-'))
    dirs.push(dir)
    return join(dir, 'practice.json')
  }
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a second server on a state file in use, and starts one once the first has closed', async () => {
    const file = stateFile()
    const first = await startServer({ stateFile: file })
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`)
    const refused = await startPracticeServer({ stateFile: file }).then(
      () => null,
      (e: unknown) => e
    )
    expect(refused).toBeInstanceOf(StateFileInUseError)
    expect((refused as Error).message).toBe(`Another Cairn practice service (pid ${process.pid}) is using ${file}. Close it, or use --state with another file.`)
    await first.close()
    expect(existsSync(`${file}.lock`)).toBe(false)
    const second = await startServer({ stateFile: file })
    expect(second.accountId).toBe(first.accountId)
    await second.close()
  })

  it('releases the lock when it fails to start', async () => {
    const file = stateFile()
    const taken = createServer()
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r))
    const port = (taken.address() as { port: number }).port
    try {
      await expect(startPracticeServer({ stateFile: file, port })).rejects.toThrow(/EADDRINUSE/)
      expect(existsSync(`${file}.lock`)).toBe(false)
    } finally {
      await new Promise((r) => taken.close(r))
    }
  })

  it("loads a state file saved when root held one MFA device, signs root in with it, and saves it in today's shape", async () => {
    const file = stateFile()
    const clock = testClock()
    const serial = 'arn:aws:iam::123456789012:mfa/root-account-mfa-device'
    const seed = generateBase32Seed()
    writeFileSync(file, JSON.stringify(legacyState({ serial, seed, lastUsedStep: stepAt(clock.now().getTime()) - 10 })))
    const server = await startServer({ stateFile: file, clock: clock.now })
    try {
      expect((await iamClient(server, server.root).send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountMFAEnabled).toBe(1)
      const session = await stsClient(server, server.root).send(
        new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: totpAt(seed, clock.now().getTime()) })
      )
      expect(session.Credentials!.AccessKeyId).toMatch(/^ASIA/)
    } finally {
      await server.close()
    }
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { root: Record<string, unknown>; virtualMfaDevices: Record<string, { driftSteps: number }> }
    expect(saved.root['mfaSerials']).toEqual([serial])
    expect(saved.root).not.toHaveProperty('mfaSerial')
    expect(saved.virtualMfaDevices[serial]!.driftSteps).toBe(0)
  })
})

describe('the Date header', () => {
  it("tells the service's clock on every route, not the host's", async () => {
    const clock = testClock(Date.parse('2031-05-04T03:02:01Z'))
    const server = await startServer({ clock: clock.now })
    try {
      const replies = [
        await rawRequest(server, { body: 'Action=ListUsers&Version=2010-05-08' }),
        await rawRequest(server, { method: 'GET', path: '/federation?Action=nothing' }),
        await rawRequest(server, { method: 'GET', path: '/console' }),
        await rawRequest(server, { method: 'POST', path: '/console/logout' }),
        await rawRequest(server, { method: 'GET', path: '/_practice/account' }),
        await rawRequest(server, { method: 'GET', path: '/elsewhere' })
      ]
      expect(replies.map((r) => r.status)).toEqual([403, 400, 401, 303, 401, 404])
      for (const reply of replies) expect(Math.abs(Date.parse(reply.headers.get('date')!) - clock.now().getTime())).toBeLessThan(5000)
    } finally {
      await server.close()
    }
  })
})
