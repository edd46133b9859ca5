import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpAt } from '../../src/practice/mfa/totp'
import { awsManagedPolicies } from '../../src/practice/policy/catalog'
import { awsCli, cliError, consecutiveCodes, startServer, stsClient, testClock, type AwsCliResult, type Credentials } from './practice-clients'

// Each CLI run costs about a second (Python start-up), so these tests get more time than the default.
describe('the practice account through the real AWS CLI v2', { timeout: 120_000 }, () => {
  const clock = testClock()
  let server: Awaited<ReturnType<typeof startServer>>
  let aws: (args: string[], creds?: Credentials) => Promise<AwsCliResult>
  const keys: Record<string, Credentials> = {}
  const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-test-'))

  beforeAll(async () => {
    server = await startServer({ clock: clock.now })
    aws = (args, creds = server.root) => awsCli(server, creds, args)
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('identifies root with sts get-caller-identity', async () => {
    const result = await aws(['sts', 'get-caller-identity'])
    expect(result.code).toBe(0)
    expect(result.json).toEqual({ UserId: server.accountId, Account: server.accountId, Arn: `arn:aws:iam::${server.accountId}:root` })
  })

  it('creates the groups with their job-function policies, users, passwords and keys', async () => {
    const plan = [
      ['Finance', 'arn:aws:iam::aws:policy/job-function/Billing', 'billing'],
      ['Developers', 'arn:aws:iam::aws:policy/PowerUserAccess', 'dev'],
      ['Operations', 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', 'ops']
    ] as const
    // One role after another would take half a minute of CLI start-ups; the roles are independent.
    await Promise.all(
      plan.map(async ([group, policy, user]) => {
        expect((await aws(['iam', 'create-group', '--group-name', group])).json.Group.GroupName).toBe(group)
        expect((await aws(['iam', 'attach-group-policy', '--group-name', group, '--policy-arn', policy])).code).toBe(0)
        expect((await aws(['iam', 'create-user', '--user-name', user])).json.User.Arn).toBe(`arn:aws:iam::${server.accountId}:user/${user}`)
        expect((await aws(['iam', 'add-user-to-group', '--user-name', user, '--group-name', group])).code).toBe(0)
        const profile = await aws(['iam', 'create-login-profile', '--user-name', user, '--password', 'Correct-Horse-42!', '--password-reset-required'])
        expect(profile.json.LoginProfile).toMatchObject({ UserName: user, PasswordResetRequired: true })
        const key = (await aws(['iam', 'create-access-key', '--user-name', user])).json.AccessKey
        keys[user] = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }
      })
    )
    const policies = await aws(['iam', 'list-policies', '--scope', 'AWS', '--path-prefix', '/job-function/', '--only-attached'])
    expect(policies.json.Policies.map((p: { PolicyName: string }) => p.PolicyName).sort()).toEqual(['Billing', 'SystemAdministrator'])
    const group = await aws(['iam', 'get-group', '--group-name', 'Developers'])
    expect(group.json.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['dev'])
    const summary = await aws(['iam', 'get-account-summary'])
    expect(summary.json.SummaryMap).toMatchObject({ Users: 3, Groups: 3, AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 })
  })

  it('enrolls MFA from the seed file the CLI writes, then gets MFA session credentials', async () => {
    const seedFile = join(dir, 'seed.txt')
    const created = await aws([
      'iam',
      'create-virtual-mfa-device',
      '--virtual-mfa-device-name',
      'dev',
      '--outfile',
      seedFile,
      '--bootstrap-method',
      'Base32StringSeed'
    ])
    expect(created.code).toBe(0)
    const serial = created.json.VirtualMFADevice.SerialNumber as string
    const seed = readFileSync(seedFile, 'utf8').trim()
    expect(seed).toMatch(/^[A-Z2-7]{64}$/)
    const [code1, code2] = consecutiveCodes(seed, clock.now())
    const enabled = await aws([
      'iam',
      'enable-mfa-device',
      '--user-name',
      'dev',
      '--serial-number',
      serial,
      '--authentication-code1',
      code1,
      '--authentication-code2',
      code2
    ])
    expect(enabled.code).toBe(0)

    clock.advance(30_000)
    const session = await aws(
      ['sts', 'get-session-token', '--serial-number', serial, '--token-code', totpAt(seed, clock.now().getTime()), '--duration-seconds', '3600'],
      keys['dev']
    )
    expect(session.code).toBe(0)
    expect(session.json.Credentials.AccessKeyId).toMatch(/^ASIA/)
    const creds = {
      accessKeyId: session.json.Credentials.AccessKeyId,
      secretAccessKey: session.json.Credentials.SecretAccessKey,
      sessionToken: session.json.Credentials.SessionToken
    }
    expect((await aws(['sts', 'get-caller-identity'], creds)).json.Arn).toBe(`arn:aws:iam::${server.accountId}:user/dev`)
  })

  it('federates the developer for the console with a session policy', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:List*', Resource: '*' }] })
    const result = await aws(['sts', 'get-federation-token', '--name', 'cairn-dev', '--policy', policy, '--duration-seconds', '900'], keys['dev'])
    expect(result.code).toBe(0)
    expect(result.json.FederatedUser.Arn).toBe(`arn:aws:sts::${server.accountId}:federated-user/cairn-dev`)
    const creds = {
      accessKeyId: result.json.Credentials.AccessKeyId,
      secretAccessKey: result.json.Credentials.SecretAccessKey,
      sessionToken: result.json.Credentials.SessionToken
    }
    const denied = await aws(['iam', 'list-users'], creds)
    expect(cliError(denied)?.code).toBe('AccessDenied')
  })

  it('reports NoSuchEntity as AWS does', async () => {
    const result = await aws(['iam', 'get-user', '--user-name', 'nobody'])
    expect(result.code).toBe(254)
    expect(cliError(result)).toEqual({ code: 'NoSuchEntity', operation: 'GetUser', message: 'The user with name nobody cannot be found.' })
  })

  it('reports EntityAlreadyExists, LimitExceeded, DeleteConflict, ValidationError, PasswordPolicyViolation', async () => {
    expect(cliError(await aws(['iam', 'create-user', '--user-name', 'DEV']))?.code).toBe('EntityAlreadyExists')
    await aws(['iam', 'create-access-key', '--user-name', 'ops'])
    expect(cliError(await aws(['iam', 'create-access-key', '--user-name', 'ops']))).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2'
    })
    expect(cliError(await aws(['iam', 'delete-user', '--user-name', 'ops']))?.code).toBe('DeleteConflict')
    expect(cliError(await aws(['iam', 'delete-group', '--group-name', 'Operations']))?.code).toBe('DeleteConflict')
    expect(cliError(await aws(['iam', 'create-user', '--user-name', 'bad name!']))?.code).toBe('ValidationError')
    await aws(['iam', 'create-user', '--user-name', 'weak'])
    expect(cliError(await aws(['iam', 'create-login-profile', '--user-name', 'weak', '--password', 'abc']))?.code).toBe('PasswordPolicyViolation')
  })

  it('reports NoSuchEntity for an unset password policy, MalformedPolicyDocument and InvalidAuthenticationCode', async () => {
    expect(cliError(await aws(['iam', 'get-account-password-policy']))).toMatchObject({
      code: 'NoSuchEntity',
      message: `The Password Policy with domain name ${server.accountId} cannot be found.`
    })
    expect(cliError(await aws(['iam', 'put-user-policy', '--user-name', 'weak', '--policy-name', 'p', '--policy-document', '{"Version":']))?.code).toBe(
      'MalformedPolicyDocument'
    )
    const device = await aws([
      'iam',
      'create-virtual-mfa-device',
      '--virtual-mfa-device-name',
      'weak',
      '--outfile',
      join(dir, 'weak.png'),
      '--bootstrap-method',
      'QRCodePNG'
    ])
    expect(readFileSync(join(dir, 'weak.png')).subarray(1, 4).toString()).toBe('PNG')
    const serial = device.json.VirtualMFADevice.SerialNumber as string
    const wrong = await aws([
      'iam',
      'enable-mfa-device',
      '--user-name',
      'weak',
      '--serial-number',
      serial,
      '--authentication-code1',
      '123456',
      '--authentication-code2',
      '654321'
    ])
    expect(cliError(wrong)?.code).toBe('InvalidAuthenticationCode')
  })

  it('reports AccessDenied for a billing user who tries to create a user', async () => {
    const result = await aws(['iam', 'create-user', '--user-name', 'x'], keys['billing'])
    expect(cliError(result)).toEqual({
      code: 'AccessDenied',
      operation: 'CreateUser',
      message: `User: arn:aws:iam::${server.accountId}:user/billing is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${server.accountId}:user/x because no identity-based policy allows the iam:CreateUser action`
    })
  })

  it('reports InvalidClientTokenId, SignatureDoesNotMatch and the credential-report errors', async () => {
    expect(cliError(await aws(['sts', 'get-caller-identity'], { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) }))?.code).toBe(
      'InvalidClientTokenId'
    )
    expect(cliError(await aws(['iam', 'list-users'], { accessKeyId: server.root.accessKeyId, secretAccessKey: 'x'.repeat(40) }))?.code).toBe(
      'SignatureDoesNotMatch'
    )
    expect(cliError(await aws(['iam', 'get-credential-report']))?.code).toBe('ReportNotPresent')
    expect((await aws(['iam', 'generate-credential-report'])).json.State).toBe('STARTED')
    const report = await aws(['iam', 'get-credential-report'])
    expect(Buffer.from(report.json.Content as string, 'base64').toString()).toContain('<root_account>')
  })

  it('reports Throttling and ServiceFailure from the fault knobs', async () => {
    server.setFaults({ failCalls: [1], failWith: 'Throttling' })
    expect(cliError(await aws(['iam', 'list-users']))).toMatchObject({ code: 'Throttling', message: 'Rate exceeded' })
    server.setFaults({ failCalls: [1], failWith: 'ServiceFailure' })
    expect(cliError(await aws(['iam', 'list-users']))?.code).toBe('ServiceFailure')
    server.setFaults({})
  })

  it('reports ExpiredToken for expired session credentials', async () => {
    // Issue the session with the service's clock 10 minutes behind, then move it 15 minutes on:
    // the session is expired while the CLI's own clock is still within SigV4's 15-minute skew.
    clock.advance(-600_000)
    const session = (await stsClient(server, keys['ops']!).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!
    clock.advance(910_000)
    const result = await aws(['sts', 'get-caller-identity'], {
      accessKeyId: session.AccessKeyId!,
      secretAccessKey: session.SecretAccessKey!,
      sessionToken: session.SessionToken!
    })
    expect(cliError(result)).toMatchObject({ code: 'ExpiredToken', message: 'The security token included in the request is expired' })
    clock.advance(-310_000)
  })
})

describe('the AWS managed catalogue, UpdateUser/UpdateGroup, boundaries, tags and GetAccessKeyInfo through the AWS CLI v2', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let aws: (args: string[], creds?: Credentials) => Promise<AwsCliResult>
  const S3_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
  const allowS3 = (resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] })

  beforeAll(async () => {
    server = await startServer()
    aws = (args, creds = server.root) => awsCli(server, creds, args)
    for (const user of ['s3-reader', 'alice', 'tagged']) expect((await aws(['iam', 'create-user', '--user-name', user])).code).toBe(0)
  })
  afterAll(() => server.close())

  it("attaches any AWS managed policy, lists every page of them and reads any one's document with get-policy-version", async () => {
    const [attached, listed, described] = await Promise.all([
      aws(['iam', 'attach-user-policy', '--user-name', 's3-reader', '--policy-arn', S3_READ_ONLY]),
      (async () => {
        const started = performance.now()
        const result = await aws(['iam', 'list-policies', '--scope', 'AWS'])
        console.log(
          `aws iam list-policies --scope AWS (the CLI follows every Marker): ${result.json?.Policies?.length} policies, ${(performance.now() - started).toFixed(0)} ms`
        )
        return result
      })(),
      aws(['iam', 'get-policy', '--policy-arn', 'arn:aws:iam::aws:policy/IAMFullAccess'])
    ])
    expect(attached.code).toBe(0)
    expect(listed.json.Policies.length).toBe(awsManagedPolicies.length)
    expect(described.json.Policy).toMatchObject({ PolicyName: 'IAMFullAccess', Path: '/', IsAttachable: true })
    const versionId = described.json.Policy.DefaultVersionId as string
    const [attachments, version] = await Promise.all([
      aws(['iam', 'list-attached-user-policies', '--user-name', 's3-reader']),
      aws(['iam', 'get-policy-version', '--policy-arn', 'arn:aws:iam::aws:policy/IAMFullAccess', '--version-id', versionId])
    ])
    expect(attachments.json.AttachedPolicies).toEqual([{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: S3_READ_ONLY }])
    // The CLI decodes IAM's URL-encoded document and prints it as JSON.
    expect(version.json.PolicyVersion).toMatchObject({ VersionId: versionId, IsDefaultVersion: true })
    expect(version.json.PolicyVersion.Document.Statement).toEqual([
      { Effect: 'Allow', Action: expect.arrayContaining(['iam:*', 'organizations:DescribeOrganization']), Resource: '*' }
    ])
  })

  it('renames and moves users and groups with update-user and update-group, refusing a name in use', async () => {
    await Promise.all([aws(['iam', 'create-group', '--group-name', 'Managers']), aws(['iam', 'create-user', '--user-name', 'bob'])])
    const [user, group, clash] = await Promise.all([
      aws(['iam', 'update-user', '--user-name', 'alice', '--new-user-name', 'alicia', '--new-path', '/finance/']),
      aws(['iam', 'update-group', '--group-name', 'Managers', '--new-group-name', 'MGRs']),
      aws(['iam', 'update-user', '--user-name', 'bob', '--new-user-name', 'S3-READER'])
    ])
    expect([user.code, group.code]).toEqual([0, 0])
    expect(cliError(clash)).toEqual({ code: 'EntityAlreadyExists', operation: 'UpdateUser', message: 'User with name S3-READER already exists.' })
    const [renamed, regrouped, badPath] = await Promise.all([
      aws(['iam', 'get-user', '--user-name', 'alicia']),
      aws(['iam', 'get-group', '--group-name', 'MGRs']),
      aws(['iam', 'update-group', '--group-name', 'MGRs', '--new-path', 'org'])
    ])
    expect(renamed.json.User).toMatchObject({ UserName: 'alicia', Path: '/finance/', Arn: `arn:aws:iam::${server.accountId}:user/finance/alicia` })
    expect(regrouped.json.Group.GroupName).toBe('MGRs')
    expect(cliError(badPath)?.message).toBe(
      'The specified value for newPath is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.'
    )
  })

  it('records a permissions boundary with create-user --permissions-boundary and refuses one that does not exist', async () => {
    const missing = `arn:aws:iam::${server.accountId}:policy/Nope`
    const [bounded, refused, badPath] = await Promise.all([
      aws(['iam', 'create-user', '--user-name', 'bounded', '--permissions-boundary', S3_READ_ONLY]),
      aws(['iam', 'create-user', '--user-name', 'unbounded', '--permissions-boundary', missing]),
      aws(['iam', 'create-user', '--user-name', 'pathless', '--path', 'dev'])
    ])
    expect(bounded.json.User.PermissionsBoundary).toEqual({ PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: S3_READ_ONLY })
    expect(cliError(refused)).toEqual({ code: 'NoSuchEntity', operation: 'CreateUser', message: `Policy ${missing} does not exist or is not attachable.` })
    expect(cliError(badPath)).toEqual({
      code: 'ValidationError',
      operation: 'CreateUser',
      message: 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.'
    })
    expect((await aws(['iam', 'get-user', '--user-name', 'bounded'])).json.User.PermissionsBoundary.PermissionsBoundaryArn).toBe(S3_READ_ONLY)
  })

  it('tags users with tag-user, lists them with list-user-tags and removes them with untag-user', async () => {
    expect((await aws(['iam', 'tag-user', '--user-name', 'tagged', '--tags', 'Key=team,Value=finance', 'Key=env,Value=prod'])).code).toBe(0)
    expect((await aws(['iam', 'untag-user', '--user-name', 'tagged', '--tag-keys', 'ENV'])).code).toBe(0)
    const [listed, ghost] = await Promise.all([aws(['iam', 'list-user-tags', '--user-name', 'tagged']), aws(['iam', 'list-user-tags', '--user-name', 'ghost'])])
    // The CLI follows the Marker itself and leaves IsTruncated out of what it prints.
    expect(listed.json).toEqual({ Tags: [{ Key: 'team', Value: 'finance' }] })
    expect(cliError(ghost)).toEqual({ code: 'NoSuchEntity', operation: 'ListUserTags', message: 'The user with name ghost cannot be found.' })
  })

  it('keeps the tags of create-policy, refuses 51 and accepts S3 access point ARNs', async () => {
    const tags = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` })))
    const accessPoint = `arn:aws:s3:us-east-1:${server.accountId}:accesspoint/reports/object/*`
    const [tagged, crowded, viaAccessPoint] = await Promise.all([
      aws(['iam', 'create-policy', '--policy-name', 'Tagged', '--policy-document', allowS3('*'), '--tags', tags(2)]),
      aws(['iam', 'create-policy', '--policy-name', 'Crowded', '--policy-document', allowS3('*'), '--tags', tags(51)]),
      aws(['iam', 'create-policy', '--policy-name', 'ViaAccessPoint', '--policy-document', allowS3(accessPoint)])
    ])
    expect(tagged.json.Policy.Tags).toEqual([
      { Key: 'k0', Value: 'v0' },
      { Key: 'k1', Value: 'v1' }
    ])
    expect(cliError(crowded)?.code).toBe('ValidationError')
    expect(cliError(crowded)?.message).toMatch(/Member must have length less than or equal to 50$/)
    expect(viaAccessPoint.json.Policy.PolicyName).toBe('ViaAccessPoint')
  })

  it('names the account of a key with sts get-access-key-info', async () => {
    const [own, unknown] = await Promise.all([
      aws(['sts', 'get-access-key-info', '--access-key-id', server.root.accessKeyId]),
      aws(['sts', 'get-access-key-info', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE'])
    ])
    expect(own.json).toEqual({ Account: server.accountId })
    expect(cliError(unknown)?.code).toBe('InvalidParameterValue')
  })
})
