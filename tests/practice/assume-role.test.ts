import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetRoleCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpAt } from '../../src/practice/mfa/totp'
import { asCredentials, awsCli, consecutiveCodes, iamClient, sdkFailure, startServer, stsClient, testClock, type Credentials } from './practice-clients'

const trust = (principal: string, condition?: Record<string, Record<string, string>>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }]
  })

const allowAssume = (resource: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource }] })

describe('STS AssumeRole', { timeout: 120_000 }, () => {
  const clock = testClock()
  let server: Awaited<ReturnType<typeof startServer>>
  let root: IAMClient
  let alice: Credentials
  let bob: Credentials
  let serial = ''
  let seed = ''
  const account = () => server.accountId
  const roleArn = (name: string) => `arn:aws:iam::${account()}:role/${name}`
  const userArn = (name: string) => `arn:aws:iam::${account()}:user/${name}`
  /** A fresh TOTP code: the clock moves a step first, so no code is used twice. */
  const nextCode = () => {
    clock.advance(30_000)
    return totpAt(seed, clock.now().getTime())
  }
  const assume = (creds: Credentials, input: Partial<AssumeRoleCommandInput> & { RoleArn: string }) =>
    stsClient(server, creds).send(new AssumeRoleCommand({ RoleSessionName: 'cairn', ...input }))

  beforeAll(async () => {
    server = await startServer({ clock: clock.now })
    root = iamClient(server, server.root)
    const key = async (user: string) => {
      await root.send(new CreateUserCommand({ UserName: user }))
      const k = (await root.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!
      return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }
    }
    alice = await key('alice')
    bob = await key('bob')
    const device = (await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }))).VirtualMFADevice!
    serial = device.SerialNumber!
    seed = new TextDecoder().decode(device.Base32StringSeed)
    const [c1, c2] = consecutiveCodes(seed, clock.now())
    await root.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }))
    const role = (RoleName: string, doc: string, MaxSessionDuration?: number) =>
      root.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: doc, ...(MaxSessionDuration ? { MaxSessionDuration } : {}) }))
    await role('Reader', trust(`arn:aws:iam::${account()}:root`), 7200)
    await root.send(
      new PutRolePolicyCommand({
        RoleName: 'Reader',
        PolicyName: 'read',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['iam:List*', 'iam:Get*'], Resource: '*' },
            { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }
          ]
        })
      })
    )
    await role('AliceOnly', trust(userArn('alice')))
    await role(
      'Admin',
      trust(userArn('alice'), { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
      43200
    )
    await root.send(new AttachRolePolicyCommand({ RoleName: 'Admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))
    await root.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'assume-reader', PolicyDocument: allowAssume(roleArn('Reader')) }))
  })
  afterAll(() => server.close())

  it('returns ASIA credentials for the assumed-role user, and GetCallerIdentity names the session', async () => {
    const result = await assume(bob, { RoleArn: roleArn('Reader'), RoleSessionName: 'bob-reads' })
    expect(result.Credentials!.AccessKeyId).toMatch(/^ASIA/)
    expect(result.Credentials!.SessionToken!.length).toBeGreaterThan(100)
    expect(Math.round((result.Credentials!.Expiration!.getTime() - clock.now().getTime()) / 1000)).toBeCloseTo(3600, -1)
    const roleId = (await root.send(new GetRoleCommand({ RoleName: 'Reader' }))).Role!.RoleId!
    expect(result.AssumedRoleUser).toEqual({ AssumedRoleId: `${roleId}:bob-reads`, Arn: `arn:aws:sts::${account()}:assumed-role/Reader/bob-reads` })
    const identity = await stsClient(server, asCredentials(result.Credentials!)).send(new GetCallerIdentityCommand({}))
    expect(identity).toMatchObject({ Arn: `arn:aws:sts::${account()}:assumed-role/Reader/bob-reads`, UserId: `${roleId}:bob-reads`, Account: account() })
  })

  it("authorises a role session by the role's own policies", async () => {
    const session = asCredentials((await assume(bob, { RoleArn: roleArn('Reader') })).Credentials!)
    const iam = iamClient(server, session)
    expect((await iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName)).toEqual(['Admin', 'AliceOnly', 'Reader'])
    expect((await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['alice', 'bob'])
    expect(await sdkFailure(iam.send(new CreateUserCommand({ UserName: 'mallory' })))).toEqual({
      code: 'AccessDenied',
      status: 403,
      type: 'Sender',
      message: `User: arn:aws:sts::${account()}:assumed-role/Reader/cairn is not authorized to perform: iam:CreateUser on resource: ${userArn('mallory')} because no identity-based policy allows the iam:CreateUser action`
    })
  })

  it("caps a role session by the role's permissions boundary", async () => {
    const boundary = await root.send(
      new CreatePolicyCommand({
        PolicyName: 'ListOnly',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }] })
      })
    )
    await root.send(new CreateRoleCommand({ RoleName: 'Bounded', AssumeRolePolicyDocument: trust(userArn('bob')), PermissionsBoundary: boundary.Policy!.Arn }))
    await root.send(new AttachRolePolicyCommand({ RoleName: 'Bounded', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))
    const iam = iamClient(server, asCredentials((await assume(bob, { RoleArn: roleArn('Bounded') })).Credentials!))
    expect((await iam.send(new ListUsersCommand({}))).Users!.length).toBe(2)
    expect(await sdkFailure(iam.send(new CreateUserCommand({ UserName: 'mallory' })))).toMatchObject({
      code: 'AccessDenied',
      message: `User: arn:aws:sts::${account()}:assumed-role/Bounded/cairn is not authorized to perform: iam:CreateUser on resource: ${userArn('mallory')} because no permissions boundary allows the iam:CreateUser action`
    })
  })

  it("needs the user's own sts:AssumeRole permission when the trust policy names only the account", async () => {
    expect(await sdkFailure(assume(alice, { RoleArn: roleArn('Reader') }))).toEqual({
      code: 'AccessDenied',
      status: 403,
      type: 'Sender',
      message: `User: ${userArn('alice')} is not authorized to perform: sts:AssumeRole on resource: ${roleArn('Reader')} because no identity-based policy allows the sts:AssumeRole action`
    })
  })

  it('needs no identity policy when the trust policy names the user itself', async () => {
    const result = await assume(alice, { RoleArn: roleArn('AliceOnly') })
    expect(result.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${account()}:assumed-role/AliceOnly/cairn`)
  })

  it("refuses callers the trust policy does not allow, in AWS's words, whether or not the role exists", async () => {
    for (const name of ['AliceOnly', 'Missing']) {
      expect(await sdkFailure(assume(bob, { RoleArn: roleArn(name) }))).toEqual({
        code: 'AccessDenied',
        status: 403,
        type: 'Sender',
        message: `User: ${userArn('bob')} is not authorized to perform: sts:AssumeRole on resource: ${roleArn(name)}`
      })
    }
    expect(await sdkFailure(assume(server.root, { RoleArn: roleArn('Reader') }))).toMatchObject({
      code: 'AccessDenied',
      message: 'Roles may not be assumed by root accounts.'
    })
  })

  it('validates RoleSessionName and DurationSeconds against the role', async () => {
    const name = await sdkFailure(assume(bob, { RoleArn: roleArn('Reader'), RoleSessionName: 'a b' }))
    expect(name).toMatchObject({ code: 'ValidationError', status: 400 })
    expect(name.message).toBe(
      "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
    )
    const short = await sdkFailure(assume(bob, { RoleArn: roleArn('Reader'), RoleSessionName: 'a' }))
    expect(short.message).toBe(
      "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"
    )
    const tooLong = await sdkFailure(assume(bob, { RoleArn: roleArn('Reader'), DurationSeconds: 7201 }))
    expect(tooLong).toMatchObject({ code: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' })
    const two = await assume(bob, { RoleArn: roleArn('Reader'), DurationSeconds: 7200 })
    expect(Math.round((two.Credentials!.Expiration!.getTime() - clock.now().getTime()) / 1000)).toBeCloseTo(7200, -1)
  })

  it('limits role chaining to one hour', async () => {
    const first = asCredentials((await assume(bob, { RoleArn: roleArn('Reader') })).Credentials!)
    expect(await sdkFailure(assume(first, { RoleArn: roleArn('Reader'), DurationSeconds: 3601 }))).toEqual({
      code: 'ValidationError',
      status: 400,
      type: 'Sender',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
    })
    const chained = await assume(first, { RoleArn: roleArn('Reader'), RoleSessionName: 'again' })
    expect(chained.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${account()}:assumed-role/Reader/again`)
  })

  it('requires MFA where the trust policy does, checking the code against the caller’s device', async () => {
    expect(await sdkFailure(assume(alice, { RoleArn: roleArn('Admin') }))).toMatchObject({ code: 'AccessDenied' })
    expect(await sdkFailure(assume(alice, { RoleArn: roleArn('Admin'), SerialNumber: serial, TokenCode: '000000' }))).toEqual({
      code: 'AccessDenied',
      status: 403,
      type: 'Sender',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.'
    })
    // Bob has no device: Alice's serial is not his.
    expect(await sdkFailure(assume(bob, { RoleArn: roleArn('Admin'), SerialNumber: serial, TokenCode: nextCode() }))).toMatchObject({
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.'
    })
    const code = nextCode()
    const admin = await assume(alice, { RoleArn: roleArn('Admin'), SerialNumber: serial, TokenCode: code, DurationSeconds: 43200 })
    expect(admin.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${account()}:assumed-role/Admin/cairn`)
    expect(await sdkFailure(assume(alice, { RoleArn: roleArn('Admin'), SerialNumber: serial, TokenCode: code }))).toMatchObject({ code: 'AccessDenied' })
    const adminIam = iamClient(server, asCredentials(admin.Credentials!))
    await adminIam.send(new CreateUserCommand({ UserName: 'made-by-admin' }))
  })

  describe('through the real AWS CLI v2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-roles-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
      return new Promise((resolve) => {
        execFile('/usr/bin/aws', ['--endpoint-url', server.endpoint, '--output', 'json', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
        })
      })
    }

    it('assumes a role with an MFA code through aws sts assume-role', async () => {
      const result = await awsCli(server, alice, [
        'sts',
        'assume-role',
        '--role-arn',
        roleArn('Admin'),
        '--role-session-name',
        'cli',
        '--serial-number',
        serial,
        '--token-code',
        nextCode()
      ])
      expect(result.stderr).toBe('')
      expect(result.json.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${account()}:assumed-role/Admin/cli`)
      expect(result.json.Credentials.AccessKeyId).toMatch(/^ASIA/)
    })

    it('answers get-caller-identity --profile with the assumed-role ARN for a role_arn + source_profile + mfa_serial profile', async () => {
      // CLI 2.9 sends a profile's own AssumeRole to sts.amazonaws.com (AWS_ENDPOINT_URL came in
      // 2.13), so its credential cache is filled the way the CLI fills it, from a real AssumeRole
      // with an MFA code; the CLI then reads the profile and signs with the role session.
      const home = join(dir, 'home')
      mkdirSync(join(home, '.aws', 'cli', 'cache'), { recursive: true })
      writeFileSync(
        join(home, '.aws', 'config'),
        [
          '[profile cairn-source]',
          'region = us-east-1',
          '[profile cairn-admin]',
          `role_arn = ${roleArn('Admin')}`,
          'source_profile = cairn-source',
          `mfa_serial = ${serial}`,
          'role_session_name = cairn-cli',
          'region = us-east-1',
          ''
        ].join('\n')
      )
      writeFileSync(
        join(home, '.aws', 'credentials'),
        `[cairn-source]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`
      )
      const assumed = await assume(alice, { RoleArn: roleArn('Admin'), RoleSessionName: 'cairn-cli', SerialNumber: serial, TokenCode: nextCode() })
      // botocore's cache key: sha1 of json.dumps(assume-role arguments, sort_keys=True), TokenCode excluded.
      const key = createHash('sha1')
        .update(`{"RoleArn": "${roleArn('Admin')}", "RoleSessionName": "cairn-cli", "SerialNumber": "${serial}"}`)
        .digest('hex')
      const c = assumed.Credentials!
      writeFileSync(
        join(home, '.aws', 'cli', 'cache', `${key}.json`),
        JSON.stringify({
          Credentials: {
            AccessKeyId: c.AccessKeyId,
            SecretAccessKey: c.SecretAccessKey,
            SessionToken: c.SessionToken,
            Expiration: c.Expiration!.toISOString()
          },
          AssumedRoleUser: assumed.AssumedRoleUser
        })
      )
      const env = {
        PATH: process.env.PATH,
        HOME: home,
        AWS_CONFIG_FILE: join(home, '.aws', 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
        AWS_MAX_ATTEMPTS: '1',
        AWS_PAGER: ''
      }
      const who = await cli(['sts', 'get-caller-identity', '--profile', 'cairn-admin'], env)
      expect(who.stderr).toBe('')
      expect(JSON.parse(who.stdout).Arn).toBe(`arn:aws:sts::${account()}:assumed-role/Admin/cairn-cli`)
      const source = await cli(['sts', 'get-caller-identity', '--profile', 'cairn-source'], env)
      expect(JSON.parse(source.stdout).Arn).toBe(userArn('alice'))
    })
  })

  it('treats a GetSessionToken session as role chaining: an hour at most, the MFA carried, the session marked chained', async () => {
    const withMfa = asCredentials(
      (await stsClient(server, alice).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: nextCode() }))).Credentials!
    )
    // Admin allows 12 hours, but not to a session assumed with temporary credentials.
    expect(await sdkFailure(assume(withMfa, { RoleArn: roleArn('Admin'), DurationSeconds: 3601 }))).toEqual({
      code: 'ValidationError',
      status: 400,
      type: 'Sender',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
    })
    clock.advance(60_000)
    const admin = await assume(withMfa, { RoleArn: roleArn('Admin'), DurationSeconds: 3600 })
    expect(Math.round((admin.Credentials!.Expiration!.getTime() - clock.now().getTime()) / 1000)).toBeCloseTo(3600, -1)
    const given = server.state.sessions[withMfa.accessKeyId]!
    expect(given.mfaAuthenticatedAt).toBeDefined()
    // MultiFactorAuthAge keeps counting from the code given to GetSessionToken, not from AssumeRole.
    expect(server.state.sessions[admin.Credentials!.AccessKeyId!]).toMatchObject({
      kind: 'role',
      roleName: 'Admin',
      chained: true,
      mfaAuthenticated: true,
      mfaAuthenticatedAt: given.mfaAuthenticatedAt
    })
    await iamClient(server, asCredentials(admin.Credentials!)).send(new CreateUserCommand({ UserName: 'made-in-a-chain' }))
    // A role assumed with the user's long-term key is not chained.
    const direct = await assume(alice, { RoleArn: roleArn('AliceOnly') })
    expect(server.state.sessions[direct.Credentials!.AccessKeyId!]!.chained).toBe(false)
  })

  // Last: it moves the clock an hour on, past what the AWS CLI would sign for.
  it('carries the MFA of a GetSessionToken session into the role, until aws:MultiFactorAuthAge runs out', async () => {
    const withMfa = asCredentials(
      (await stsClient(server, alice).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: nextCode() }))).Credentials!
    )
    const withoutMfa = asCredentials((await stsClient(server, alice).send(new GetSessionTokenCommand({}))).Credentials!)
    expect((await assume(withMfa, { RoleArn: roleArn('Admin') })).AssumedRoleUser!.Arn).toContain('assumed-role/Admin/')
    expect(await sdkFailure(assume(withoutMfa, { RoleArn: roleArn('Admin') }))).toMatchObject({
      code: 'AccessDenied',
      message: `User: ${userArn('alice')} is not authorized to perform: sts:AssumeRole on resource: ${roleArn('Admin')}`
    })
    clock.advance(3600_000)
    // The SDK signs with the moved clock, as a client whose clock is right would.
    const skewed = new STSClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: { ...withMfa },
      maxAttempts: 1,
      systemClockOffset: clock.offsetMs
    })
    expect(await sdkFailure(skewed.send(new AssumeRoleCommand({ RoleArn: roleArn('Admin'), RoleSessionName: 'late' })))).toMatchObject({
      code: 'AccessDenied'
    })
  })
})

describe('roles in the state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-roles-state-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps roles, their policies and role sessions across a restart', async () => {
    const stateFile = join(dir, 'practice.json')
    const first = await startServer({ stateFile })
    const root = iamClient(first, first.root)
    await root.send(new CreateUserCommand({ UserName: 'carol' }))
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!
    const carol = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
    await root.send(
      new CreateRoleCommand({ RoleName: 'Keeper', AssumeRolePolicyDocument: trust(`arn:aws:iam::${first.accountId}:user/carol`), MaxSessionDuration: 7200 })
    )
    await root.send(new AttachRolePolicyCommand({ RoleName: 'Keeper', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }))
    const assumed = await stsClient(first, carol).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${first.accountId}:role/Keeper`, RoleSessionName: 'kept' })
    )
    await first.close()

    const second = await startServer({ stateFile })
    try {
      const role = (await iamClient(second, second.root).send(new GetRoleCommand({ RoleName: 'Keeper' }))).Role!
      expect(role.MaxSessionDuration).toBe(7200)
      const session = iamClient(second, asCredentials(assumed.Credentials!))
      expect((await session.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName)).toEqual(['Keeper'])
    } finally {
      await second.close()
    }
  })
})
