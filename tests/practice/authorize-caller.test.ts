import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestContext } from '../../src/practice/authorize-caller'
import { totpAt } from '../../src/practice/mfa/totp'
import { consecutiveCodes, iamClient, sdkFailure, startServer, stsClient, testClock, type Credentials } from './practice-clients'

const BILLING = 'arn:aws:iam::aws:policy/job-function/Billing'

describe("authorization of IAM calls against the caller's policies", () => {
  const clock = testClock()
  let server: Awaited<ReturnType<typeof startServer>>
  let root: IAMClient
  const keys: Record<string, Credentials> = {}

  async function userWithKey(name: string): Promise<Credentials> {
    await root.send(new CreateUserCommand({ UserName: name }))
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
    return (keys[name] = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
  }

  beforeAll(async () => {
    server = await startServer({ clock: clock.now })
    root = iamClient(server, server.root)
    await root.send(new CreateGroupCommand({ GroupName: 'Finance' }))
    await root.send(new AttachGroupPolicyCommand({ GroupName: 'Finance', PolicyArn: BILLING }))
    await userWithKey('billing')
    await root.send(new AddUserToGroupCommand({ UserName: 'billing', GroupName: 'Finance' }))
  })
  afterAll(() => server.close())

  it("refuses a billing user who tries iam:CreateUser with AccessDenied 403 in AWS's words", async () => {
    const failure = await sdkFailure(iamClient(server, keys['billing']!).send(new CreateUserCommand({ UserName: 'x' })))
    expect(failure).toEqual({
      code: 'AccessDenied',
      status: 403,
      type: 'Sender',
      message: `User: arn:aws:iam::${server.accountId}:user/billing is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${server.accountId}:user/x because no identity-based policy allows the iam:CreateUser action`
    })
  })

  it('lets an explicit Deny win over AdministratorAccess, with the explicit-deny wording', async () => {
    const creds = await userWithKey('almost-admin')
    await root.send(new AttachUserPolicyCommand({ UserName: 'almost-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'almost-admin',
        PolicyName: 'no-new-users',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:Create*', Resource: '*' }] })
      })
    )
    const iam = iamClient(server, creds)
    expect((await iam.send(new ListUsersCommand({}))).Users!.length).toBeGreaterThan(0)
    const failure = await sdkFailure(iam.send(new CreateUserCommand({ UserName: 'y' })))
    expect(failure.message).toBe(
      `User: arn:aws:iam::${server.accountId}:user/almost-admin is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${server.accountId}:user/y with an explicit deny in an identity-based policy`
    )
  })

  it('resolves ${aws:username} so users can read only themselves', async () => {
    const creds = await userWithKey('self-reader')
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'self-reader',
        PolicyName: 'self',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::*:user/${aws:username}' }]
        })
      })
    )
    const iam = iamClient(server, creds)
    expect((await iam.send(new GetUserCommand({ UserName: 'self-reader' }))).User!.UserName).toBe('self-reader')
    expect((await sdkFailure(iam.send(new GetUserCommand({ UserName: 'billing' })))).code).toBe('AccessDenied')
  })

  it('allows MFA-conditioned actions only to sessions created with MFA, and refuses IAM to sessions without it', async () => {
    const creds = await userWithKey('mfa-user')
    const policy = await root.send(
      new CreatePolicyCommand({
        PolicyName: 'ListUsersWithMfa',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]
        })
      })
    )
    await root.send(new AttachUserPolicyCommand({ UserName: 'mfa-user', PolicyArn: policy.Policy!.Arn }))
    const device = (await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa-user' }))).VirtualMFADevice!
    const seed = new TextDecoder().decode(device.Base32StringSeed)
    const [code1, code2] = consecutiveCodes(seed, clock.now())
    await root.send(
      new EnableMFADeviceCommand({ UserName: 'mfa-user', SerialNumber: device.SerialNumber, AuthenticationCode1: code1, AuthenticationCode2: code2 })
    )

    expect((await sdkFailure(iamClient(server, creds).send(new ListUsersCommand({})))).code).toBe('AccessDenied')

    const noMfa = (await stsClient(server, creds).send(new GetSessionTokenCommand({}))).Credentials!
    const noMfaCreds = { accessKeyId: noMfa.AccessKeyId!, secretAccessKey: noMfa.SecretAccessKey!, sessionToken: noMfa.SessionToken! }
    expect(await sdkFailure(iamClient(server, noMfaCreds).send(new ListUsersCommand({})))).toMatchObject({
      code: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid'
    })

    clock.advance(30_000)
    const withMfa = (
      await stsClient(server, creds).send(new GetSessionTokenCommand({ SerialNumber: device.SerialNumber, TokenCode: totpAt(seed, clock.now().getTime()) }))
    ).Credentials!
    const mfaCreds = { accessKeyId: withMfa.AccessKeyId!, secretAccessKey: withMfa.SecretAccessKey!, sessionToken: withMfa.SessionToken! }
    expect((await iamClient(server, mfaCreds).send(new ListUsersCommand({}))).Users!.length).toBeGreaterThan(0)
  })

  it('never lets GetFederationToken credentials call IAM', async () => {
    const token = await stsClient(server, server.root).send(
      new GetFederationTokenCommand({
        Name: 'console-admin',
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })
      })
    )
    const federated = {
      accessKeyId: token.Credentials!.AccessKeyId!,
      secretAccessKey: token.Credentials!.SecretAccessKey!,
      sessionToken: token.Credentials!.SessionToken!
    }
    const failure = await sdkFailure(iamClient(server, federated).send(new ListUsersCommand({})))
    expect(failure).toMatchObject({ code: 'AccessDenied', status: 403 })
    expect(failure.message).toMatch(
      new RegExp(`^User: arn:aws:sts::${server.accountId}:federated-user/console-admin is not authorized to perform: iam:ListUsers`)
    )
  })

  it("caps an administrator by the permissions boundary set at CreateUser, in AWS's boundary wording", async () => {
    const boundary = await root.send(
      new CreatePolicyCommand({
        PolicyName: 'ReadIamButNeverKeys',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
            { Effect: 'Deny', Action: 'iam:ListAccessKeys', Resource: '*' }
          ]
        })
      })
    )
    await root.send(new CreateUserCommand({ UserName: 'bounded-admin', PermissionsBoundary: boundary.Policy!.Arn }))
    await root.send(new AttachUserPolicyCommand({ UserName: 'bounded-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'bounded-admin' }))).AccessKey!
    const iam = iamClient(server, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
    const user = `arn:aws:iam::${server.accountId}:user/bounded-admin`

    expect((await iam.send(new ListUsersCommand({}))).Users!.length).toBeGreaterThan(0)
    expect((await sdkFailure(iam.send(new CreateUserCommand({ UserName: 'z' })))).message).toBe(
      `User: ${user} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${server.accountId}:user/z because no permissions boundary allows the iam:CreateUser action`
    )
    expect((await sdkFailure(iam.send(new ListAccessKeysCommand({})))).message).toBe(
      `User: ${user} is not authorized to perform: iam:ListAccessKeys on resource: ${user} with an explicit deny in a permissions boundary`
    )
  })

  it("judges an attached AWS managed policy by AWS's document: IAMReadOnlyAccess reads IAM and changes nothing", async () => {
    const creds = await userWithKey('iam-reader')
    await root.send(new AttachUserPolicyCommand({ UserName: 'iam-reader', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }))
    const iam = iamClient(server, creds)
    expect((await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toContain('billing')
    expect((await iam.send(new GetUserCommand({ UserName: 'billing' }))).User?.UserName).toBe('billing')
    const version = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: BILLING, VersionId: (await iam.send(new GetPolicyCommand({ PolicyArn: BILLING }))).Policy!.DefaultVersionId })
    )
    expect(version.PolicyVersion?.IsDefaultVersion).toBe(true)
    for (const call of [iam.send(new CreateUserCommand({ UserName: 'x' })), iam.send(new CreateAccessKeyCommand({ UserName: 'billing' }))]) {
      expect((await sdkFailure(call)).message).toMatch(/because no identity-based policy allows the iam:Create(User|AccessKey) action$/)
    }
  })

  it('allows nothing beyond what the document names: AmazonS3ReadOnlyAccess reads no IAM', async () => {
    const creds = await userWithKey('s3-reader')
    await root.send(new AttachUserPolicyCommand({ UserName: 's3-reader', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }))
    expect(await sdkFailure(iamClient(server, creds).send(new ListUsersCommand({})))).toMatchObject({
      code: 'AccessDenied',
      message: expect.stringMatching(/because no identity-based policy allows the iam:ListUsers action$/)
    })
  })

  it("applies an AWS managed policy's Deny statements over AdministratorAccess (AWSDenyAll)", async () => {
    const locked = await userWithKey('locked-admin')
    await root.send(new AttachUserPolicyCommand({ UserName: 'locked-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))
    await root.send(new AttachUserPolicyCommand({ UserName: 'locked-admin', PolicyArn: 'arn:aws:iam::aws:policy/AWSDenyAll' }))
    expect((await sdkFailure(iamClient(server, locked).send(new ListUsersCommand({})))).message).toMatch(/with an explicit deny in an identity-based policy$/)
  })

  it('puts MFA keys in the request context only for temporary credentials', () => {
    const state = server.state
    const now = clock.now()
    const longTerm = requestContext(state, { kind: 'user', userName: 'billing', arn: 'arn', accessKeyId: 'AKIA' }, now)
    // Listed as absent, not left out: a key left out is one the practice account does not model.
    expect(Object.keys(longTerm)).toContain('aws:MultiFactorAuthPresent')
    expect(longTerm['aws:MultiFactorAuthPresent']).toBeUndefined()
    expect(longTerm).toMatchObject({ 'aws:username': 'billing', 'aws:PrincipalType': 'User', 'aws:SecureTransport': 'false' })
    const session = {
      accessKeyId: 'ASIA',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(now.getTime() + 3600_000).toISOString(),
      kind: 'session' as const,
      principal: 'billing',
      mfaAuthenticated: true,
      issuedAt: new Date(now.getTime() - 120_000).toISOString()
    }
    const mfa = requestContext(state, { kind: 'user', userName: 'billing', arn: 'arn', accessKeyId: 'ASIA', session }, now)
    expect(mfa).toMatchObject({ 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '120' })
  })
})
