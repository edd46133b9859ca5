import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteAccessKeyCommand,
  EnableMFADeviceCommand,
  ResyncMFADeviceCommand,
  UpdateAccessKeyCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpAt } from '../../src/practice/mfa/totp'
import { asCredentials, consecutiveCodes, iamClient, sdkFailure, startServer, stsClient, testClock, type Credentials } from './practice-clients'

describe('STS', () => {
  const clock = testClock()
  let server: Awaited<ReturnType<typeof startServer>>
  let root: IAMClient
  let dev: Credentials
  let billing: Credentials
  let devSerial = ''
  let devSeed = ''

  beforeAll(async () => {
    server = await startServer({ clock: clock.now })
    root = iamClient(server, server.root)
    for (const [user, group, policy] of [
      ['dev', 'Developers', 'arn:aws:iam::aws:policy/PowerUserAccess'],
      ['billing', 'Finance', 'arn:aws:iam::aws:policy/job-function/Billing']
    ] as const) {
      await root.send(new CreateUserCommand({ UserName: user }))
      await root.send(new CreateGroupCommand({ GroupName: group }))
      await root.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: policy }))
      await root.send(new AddUserToGroupCommand({ UserName: user, GroupName: group }))
    }
    const key = async (user: string) => {
      const k = (await root.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!
      return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }
    }
    dev = await key('dev')
    billing = await key('billing')
    const device = (await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dev-phone' }))).VirtualMFADevice!
    devSerial = device.SerialNumber!
    devSeed = new TextDecoder().decode(device.Base32StringSeed)
    const [c1, c2] = consecutiveCodes(devSeed, clock.now())
    await root.send(new EnableMFADeviceCommand({ UserName: 'dev', SerialNumber: devSerial, AuthenticationCode1: c1, AuthenticationCode2: c2 }))
  })
  afterAll(() => server.close())

  it('gives IAM users 12-hour session credentials by default and caps root at one hour', async () => {
    const user = (await stsClient(server, dev).send(new GetSessionTokenCommand({}))).Credentials!
    expect(Math.round((user.Expiration!.getTime() - clock.now().getTime()) / 1000)).toBeCloseTo(43200, -1)
    expect(user.SessionToken!.length).toBeGreaterThan(100)
    const rootSession = (await stsClient(server, server.root).send(new GetSessionTokenCommand({ DurationSeconds: 7200 }))).Credentials!
    expect(Math.round((rootSession.Expiration!.getTime() - clock.now().getTime()) / 1000)).toBeCloseTo(3600, -1)
  })

  it("validates DurationSeconds with STS's message", async () => {
    expect(await sdkFailure(stsClient(server, dev).send(new GetSessionTokenCommand({ DurationSeconds: 899 })))).toEqual({
      code: 'ValidationError',
      status: 400,
      type: 'Sender',
      message: "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
    })
  })

  it("checks the MFA code against the caller's own device and never accepts a code twice", async () => {
    const sts = stsClient(server, dev)
    const wrong = await sdkFailure(sts.send(new GetSessionTokenCommand({ SerialNumber: devSerial, TokenCode: '000000' })))
    expect(wrong).toEqual({
      code: 'AccessDenied',
      status: 403,
      type: 'Sender',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.'
    })
    clock.advance(30_000)
    const code = totpAt(devSeed, clock.now().getTime())
    const ok = (await sts.send(new GetSessionTokenCommand({ SerialNumber: devSerial, TokenCode: code }))).Credentials!
    expect(ok.AccessKeyId).toMatch(/^ASIA/)
    expect((await sdkFailure(sts.send(new GetSessionTokenCommand({ SerialNumber: devSerial, TokenCode: code })))).code).toBe('AccessDenied')
    clock.advance(30_000)
    const othersDevice = await sdkFailure(
      stsClient(server, billing).send(new GetSessionTokenCommand({ SerialNumber: devSerial, TokenCode: totpAt(devSeed, clock.now().getTime()) }))
    )
    expect(othersDevice.code).toBe('AccessDenied')
  })

  it('signs in with a device 5 minutes off only after ResyncMFADevice with two consecutive codes from that clock', async () => {
    clock.advance(30_000)
    const phoneNow = () => clock.now().getTime() + 5 * 60_000
    const sts = stsClient(server, dev)
    const signIn = () => sts.send(new GetSessionTokenCommand({ SerialNumber: devSerial, TokenCode: totpAt(devSeed, phoneNow()) }))
    expect(await sdkFailure(signIn())).toMatchObject({ code: 'AccessDenied', message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.' })

    clock.advance(30_000)
    await root.send(
      new ResyncMFADeviceCommand({
        UserName: 'dev',
        SerialNumber: devSerial,
        AuthenticationCode1: totpAt(devSeed, phoneNow() - 30_000),
        AuthenticationCode2: totpAt(devSeed, phoneNow())
      })
    )
    // The server reads its clock a moment after the test does, rarely in the next 30-second step.
    expect([9, 10]).toContain(server.state.virtualMfaDevices[devSerial]!.driftSteps)

    clock.advance(30_000)
    expect((await signIn()).Credentials!.AccessKeyId).toMatch(/^ASIA/)
  })

  it('refuses to mint credentials from session credentials', async () => {
    const session = asCredentials((await stsClient(server, dev).send(new GetSessionTokenCommand({}))).Credentials!)
    expect(await sdkFailure(stsClient(server, session).send(new GetSessionTokenCommand({})))).toMatchObject({
      code: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials'
    })
    expect((await sdkFailure(stsClient(server, session).send(new GetFederationTokenCommand({ Name: 'x1' })))).message).toBe(
      'Cannot call GetFederationToken with session credentials'
    )
  })

  it('federates a user with session policies from a document and from managed policy ARNs', async () => {
    const token = await stsClient(server, dev).send(
      new GetFederationTokenCommand({ Name: 'cairn-dev', PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] })
    )
    expect(token.FederatedUser!.Arn).toBe(`arn:aws:sts::${server.accountId}:federated-user/cairn-dev`)
    const federated = asCredentials(token.Credentials!)
    expect(server.state.sessions[federated.accessKeyId]?.sessionPolicy).toBeDefined()
    expect((await stsClient(server, federated).send(new GetCallerIdentityCommand({}))).UserId).toBe(`${server.accountId}:cairn-dev`)
    expect(await sdkFailure(stsClient(server, federated).send(new GetSessionTokenCommand({})))).toMatchObject({ code: 'AccessDenied' })
  })

  it('validates the federated user name (2-32 characters) and the session policy', async () => {
    const sts = stsClient(server, dev)
    const short = await sdkFailure(sts.send(new GetFederationTokenCommand({ Name: 'x' })))
    expect(short.code).toBe('ValidationError')
    expect(short.message).toContain("Value 'x' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2")
    expect((await sdkFailure(sts.send(new GetFederationTokenCommand({ Name: 'ok-name', Policy: '{not json' })))).code).toBe('MalformedPolicyDocument')
  })

  it("requires sts:GetFederationToken in the caller's policies: job-function/Billing alone does not grant it", async () => {
    const failure = await sdkFailure(stsClient(server, billing).send(new GetFederationTokenCommand({ Name: 'cairn-billing' })))
    expect(failure).toEqual({
      code: 'AccessDenied',
      status: 403,
      type: 'Sender',
      message: `User: arn:aws:iam::${server.accountId}:user/billing is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::${server.accountId}:federated-user/cairn-billing because no identity-based policy allows the sts:GetFederationToken action`
    })
  })

  it('names the account of any key it issued with GetAccessKeyInfo, whoever asks and whatever state the key is in', async () => {
    const accountOf = async (asker: Credentials, accessKeyId: string) =>
      (await stsClient(server, asker).send(new GetAccessKeyInfoCommand({ AccessKeyId: accessKeyId }))).Account
    const session = (await stsClient(server, dev).send(new GetSessionTokenCommand({}))).Credentials!
    expect(await accountOf(billing, server.root.accessKeyId)).toBe(server.accountId)
    expect(await accountOf(server.root, dev.accessKeyId)).toBe(server.accountId)
    expect(await accountOf(billing, session.AccessKeyId!)).toBe(server.accountId)
    const spare = (await root.send(new CreateAccessKeyCommand({ UserName: 'billing' }))).AccessKey!
    await root.send(new UpdateAccessKeyCommand({ UserName: 'billing', AccessKeyId: spare.AccessKeyId, Status: 'Inactive' }))
    expect(await accountOf(dev, spare.AccessKeyId!)).toBe(server.accountId)
  })

  it('says so for a key it never issued or has deleted, checks the id, and refuses session credentials', async () => {
    const spare = (await root.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!
    await root.send(new DeleteAccessKeyCommand({ UserName: 'dev', AccessKeyId: spare.AccessKeyId }))
    for (const id of ['AKIAIOSFODNN7EXAMPLE', spare.AccessKeyId!]) {
      expect(await sdkFailure(stsClient(server, dev).send(new GetAccessKeyInfoCommand({ AccessKeyId: id })))).toMatchObject({
        code: 'InvalidParameterValue',
        status: 400,
        message: `The access key ${id} was not issued by this account, or has been deleted.`
      })
    }
    expect((await sdkFailure(stsClient(server, dev).send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIA-short' })))).message).toBe(
      "2 validation errors detected: Value 'AKIA-short' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]*; Value 'AKIA-short' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16"
    )
    const session = asCredentials((await stsClient(server, dev).send(new GetSessionTokenCommand({}))).Credentials!)
    expect(await sdkFailure(stsClient(server, session).send(new GetAccessKeyInfoCommand({ AccessKeyId: dev.accessKeyId })))).toMatchObject({
      code: 'AccessDenied',
      message: 'Cannot call GetAccessKeyInfo with session credentials'
    })
  })

  it("caps root's federation tokens at one hour", async () => {
    const token = await stsClient(server, server.root).send(new GetFederationTokenCommand({ Name: 'root-fed', DurationSeconds: 129600 }))
    expect(Math.round((token.Credentials!.Expiration!.getTime() - clock.now().getTime()) / 1000)).toBeCloseTo(3600, -1)
  })
})
