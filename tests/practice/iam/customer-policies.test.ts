import { CreatePolicyCommand, GetPolicyCommand, ListPoliciesCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { practiceSuite, sdkFailure } from '../practice-clients'
import { ACCOUNT_ID, ADMIN_ARN, START, expectAwsError, practiceAccount } from './practice-harness'

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
const DOC2 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}'

describe('CreatePolicy', () => {
  it('creates a customer managed policy at v1 with an ANPA id', async () => {
    const account = practiceAccount()
    const { Policy } = await account.call('CreatePolicy', {
      PolicyName: 'ReadReports',
      Path: '/cairn/',
      PolicyDocument: DOC,
      Description: 'Reads the reports bucket'
    })
    expect(Policy).toMatchObject({
      PolicyName: 'ReadReports',
      Arn: `arn:aws:iam::${ACCOUNT_ID}:policy/cairn/ReadReports`,
      Path: '/cairn/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      IsAttachable: true,
      Description: 'Reads the reports bucket',
      CreateDate: START,
      UpdateDate: START
    })
    expect(Policy.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/)
  })

  it('refuses a duplicate name in any case', async () => {
    const account = practiceAccount()
    await account.call('CreatePolicy', { PolicyName: 'ReadReports', PolicyDocument: DOC })
    expectAwsError(
      await account.fail('CreatePolicy', { PolicyName: 'readreports', PolicyDocument: DOC }),
      'EntityAlreadyExists',
      409,
      'A policy called readreports already exists. Duplicate names are not allowed.'
    )
  })

  it('refuses a malformed document', async () => {
    const account = practiceAccount()
    const error = await account.fail('CreatePolicy', { PolicyName: 'Bad', PolicyDocument: '{"Statement": [' })
    expectAwsError(error, 'MalformedPolicyDocument', 400)
  })

  it('refuses a document over 6144 characters (whitespace not counted)', async () => {
    const account = practiceAccount()
    const actions = Array.from({ length: 500 }, (_, i) => `"s3:Action${i}"`).join(',')
    const big = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[${actions}],"Resource":"*"}]}`
    expectAwsError(
      await account.fail('CreatePolicy', { PolicyName: 'Big', PolicyDocument: big }),
      'LimitExceeded',
      409,
      'Cannot exceed quota for PolicySize: 6144'
    )
  })
})

describe('CreatePolicyVersion', () => {
  it('adds versions, makes one the default on request, and stops at five', async () => {
    const account = practiceAccount()
    const { Policy } = await account.call('CreatePolicy', { PolicyName: 'P', PolicyDocument: DOC })
    account.advance(1000)
    const { PolicyVersion } = await account.call('CreatePolicyVersion', {
      PolicyArn: Policy.Arn,
      PolicyDocument: DOC2,
      SetAsDefault: 'true'
    })
    expect(PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true })
    expect(JSON.parse(decodeURIComponent(PolicyVersion.Document)).Statement[0].Action).toBe('s3:PutObject')
    const got = await account.call('GetPolicy', { PolicyArn: Policy.Arn })
    expect(got.Policy).toMatchObject({ DefaultVersionId: 'v2', UpdateDate: new Date(START.getTime() + 1000) })
    for (let i = 0; i < 3; i++) await account.call('CreatePolicyVersion', { PolicyArn: Policy.Arn, PolicyDocument: DOC })
    expectAwsError(
      await account.fail('CreatePolicyVersion', { PolicyArn: Policy.Arn, PolicyDocument: DOC }),
      'LimitExceeded',
      409,
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.'
    )
    const { Versions } = await account.call('ListPolicyVersions', { PolicyArn: Policy.Arn })
    expect(Versions.map((v: { VersionId: string }) => v.VersionId)).toEqual(['v5', 'v4', 'v3', 'v2', 'v1'])
    expect(Versions[0].Document).toBeUndefined()
  })

  it('cannot change an AWS managed policy', async () => {
    const account = practiceAccount()
    const error = await account.fail('CreatePolicyVersion', { PolicyArn: ADMIN_ARN, PolicyDocument: DOC })
    expectAwsError(error, 'AccessDenied', 403, /not authorized to perform: iam:CreatePolicyVersion/)
  })
})

describe('DeletePolicy / DeletePolicyVersion / SetDefaultPolicyVersion', () => {
  it('refuses while attached or while other versions remain, then deletes', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'u' })
    const { Policy } = await account.call('CreatePolicy', { PolicyName: 'P', PolicyDocument: DOC })
    await account.call('AttachUserPolicy', { UserName: 'u', PolicyArn: Policy.Arn })
    expectAwsError(await account.fail('DeletePolicy', { PolicyArn: Policy.Arn }), 'DeleteConflict', 409, 'Cannot delete a policy attached to entities.')
    await account.call('DetachUserPolicy', { UserName: 'u', PolicyArn: Policy.Arn })
    await account.call('CreatePolicyVersion', { PolicyArn: Policy.Arn, PolicyDocument: DOC2 })
    expectAwsError(await account.fail('DeletePolicy', { PolicyArn: Policy.Arn }), 'DeleteConflict', 409, /more than one version/)
    expectAwsError(
      await account.fail('DeletePolicyVersion', { PolicyArn: Policy.Arn, VersionId: 'v1' }),
      'DeleteConflict',
      409,
      'Cannot delete the default version of a policy.'
    )
    await account.call('SetDefaultPolicyVersion', { PolicyArn: Policy.Arn, VersionId: 'v2' })
    await account.call('DeletePolicyVersion', { PolicyArn: Policy.Arn, VersionId: 'v1' })
    await account.call('DeletePolicy', { PolicyArn: Policy.Arn })
    expectAwsError(await account.fail('GetPolicy', { PolicyArn: Policy.Arn }), 'NoSuchEntity', 404, `Policy ${Policy.Arn} was not found.`)
  })

  it('answers NoSuchEntity for an unknown policy', async () => {
    const account = practiceAccount()
    const arn = `arn:aws:iam::${ACCOUNT_ID}:policy/Nope`
    expectAwsError(await account.fail('DeletePolicy', { PolicyArn: arn }), 'NoSuchEntity', 404, `Policy ${arn} was not found.`)
  })
})

describe('CreatePolicy through the AWS SDK: tags, S3 access points, paths', () => {
  const suite = practiceSuite()
  const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }))
  const allow = (resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] })

  it('keeps the tags it is given: CreatePolicy and GetPolicy show them, ListPolicies does not', async () => {
    const created = await suite.iam.send(new CreatePolicyCommand({ PolicyName: 'Tagged', PolicyDocument: DOC, Tags: [{ Key: 'owner', Value: 'finance' }] }))
    expect(created.Policy!.Tags).toEqual([{ Key: 'owner', Value: 'finance' }])
    expect((await suite.iam.send(new GetPolicyCommand({ PolicyArn: created.Policy!.Arn }))).Policy!.Tags).toEqual([{ Key: 'owner', Value: 'finance' }])
    expect((await suite.iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies![0]!.Tags).toBeUndefined()
  })

  it('refuses 51 tags and creates nothing', async () => {
    const failure = await sdkFailure(suite.iam.send(new CreatePolicyCommand({ PolicyName: 'Crowded', PolicyDocument: DOC, Tags: tags(51) })))
    expect(failure).toMatchObject({ code: 'ValidationError', status: 400 })
    expect(failure.message).toMatch(/at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/)
    const arn = `arn:aws:iam::${suite.server.accountId}:policy/Crowded`
    expect((await sdkFailure(suite.iam.send(new GetPolicyCommand({ PolicyArn: arn })))).code).toBe('NoSuchEntity')
    expect((await suite.iam.send(new CreatePolicyCommand({ PolicyName: 'Fifty', PolicyDocument: DOC, Tags: tags(50) }))).Policy!.Tags).toHaveLength(50)
  })

  it('accepts S3 access point ARNs, which carry a region, and still refuses a region on a bucket', async () => {
    const accessPoint = `arn:aws:s3:us-west-2:${suite.server.accountId}:accesspoint/reports/object/*`
    const created = await suite.iam.send(new CreatePolicyCommand({ PolicyName: 'ReadThroughAccessPoint', PolicyDocument: allow(accessPoint) }))
    expect(created.Policy!.DefaultVersionId).toBe('v1')
    const bucket = 'arn:aws:s3:us-west-2:123456789012:reports/key'
    expect(await sdkFailure(suite.iam.send(new CreatePolicyCommand({ PolicyName: 'RegionalBucket', PolicyDocument: allow(bucket) })))).toMatchObject({
      code: 'MalformedPolicyDocument',
      message: `Resource ${bucket} can not contain region information.`
    })
  })

  it("answers a malformed policy Path in IAM's own words", async () => {
    expect(await sdkFailure(suite.iam.send(new CreatePolicyCommand({ PolicyName: 'Pathless', Path: 'cairn', PolicyDocument: DOC })))).toMatchObject({
      code: 'ValidationError',
      message: 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.'
    })
  })
})
