import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedUserPoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  paginateListPolicies,
  type IAMClient,
  type Policy
} from '@aws-sdk/client-iam'
import { beforeAll, describe, expect, it } from 'vitest'
import { awsManagedDocument, awsManagedPolicies, findAwsManagedPolicy } from '../../../src/practice/policy/catalog'
import { practiceSuite, sdkFailure } from '../practice-clients'

const aws = (name: string) => `arn:aws:iam::aws:policy/${name}`
const S3_READ_ONLY = aws('AmazonS3ReadOnlyAccess')

async function allPages(iam: IAMClient, input: { Scope?: 'All' | 'AWS' | 'Local'; PathPrefix?: string; OnlyAttached?: boolean }, pageSize?: number) {
  const policies: Policy[] = []
  let pages = 0
  for await (const page of paginateListPolicies({ client: iam, ...(pageSize ? { pageSize } : {}) }, input)) {
    pages += 1
    policies.push(...(page.Policies ?? []))
  }
  return { policies, pages }
}

describe('the AWS managed policy catalogue through the AWS SDK', () => {
  const suite = practiceSuite()
  beforeAll(async () => {
    await suite.iam.send(new CreateUserCommand({ UserName: 'dev' }))
  })

  it('attaches AWS managed policies beyond the ones Cairn offers: AmazonS3ReadOnlyAccess, IAMFullAccess, AWSLambdaBasicExecutionRole', async () => {
    const arns = [S3_READ_ONLY, aws('IAMFullAccess'), aws('service-role/AWSLambdaBasicExecutionRole')]
    for (const arn of arns) await suite.iam.send(new AttachUserPolicyCommand({ UserName: 'dev', PolicyArn: arn }))
    const attached = await suite.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'dev' }))
    expect(attached.AttachedPolicies!.map((p) => p.PolicyArn).sort()).toEqual([...arns].sort())
  })

  it('describes one with GetPolicy as IAM does, without inventing a Description', async () => {
    const { Policy } = await suite.iam.send(new GetPolicyCommand({ PolicyArn: S3_READ_ONLY }))
    expect(Policy).toMatchObject({
      PolicyName: 'AmazonS3ReadOnlyAccess',
      Arn: S3_READ_ONLY,
      Path: '/',
      DefaultVersionId: expect.stringMatching(/^v\d+$/),
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      PolicyId: expect.stringMatching(/^ANPA[A-Z0-9]{17}$/)
    })
    expect(Policy!.CreateDate).toBeInstanceOf(Date)
    expect(Policy!.UpdateDate!.getTime()).toBeGreaterThanOrEqual(Policy!.CreateDate!.getTime())
    expect(Policy!.Description).toBeUndefined()
    const versions = await suite.iam.send(new ListPolicyVersionsCommand({ PolicyArn: S3_READ_ONLY }))
    expect(versions.Versions).toEqual([{ VersionId: Policy!.DefaultVersionId, IsDefaultVersion: true, CreateDate: Policy!.UpdateDate }])
  })

  it("answers GetPolicyVersion of any AWS managed policy's default version with AWS's document, URL-encoded", async () => {
    const { Policy } = await suite.iam.send(new GetPolicyCommand({ PolicyArn: S3_READ_ONLY }))
    const { PolicyVersion } = await suite.iam.send(new GetPolicyVersionCommand({ PolicyArn: S3_READ_ONLY, VersionId: Policy!.DefaultVersionId }))
    expect(PolicyVersion).toMatchObject({ VersionId: Policy!.DefaultVersionId, IsDefaultVersion: true, CreateDate: Policy!.UpdateDate })
    // The SDK hands the Document over as IAM sends it: URL-encoded JSON (RFC 3986).
    expect(PolicyVersion!.Document).toBe(encodeURIComponent(JSON.stringify(awsManagedDocument(findAwsManagedPolicy(S3_READ_ONLY)!))))
    expect(JSON.parse(decodeURIComponent(PolicyVersion!.Document!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }]
    })
    const admin = await suite.iam.send(new GetPolicyVersionCommand({ PolicyArn: aws('AdministratorAccess'), VersionId: 'v1' }))
    expect(JSON.parse(decodeURIComponent(admin.PolicyVersion!.Document!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }]
    })
  })

  it('keeps only the default version of an AWS managed policy: any other version id is NoSuchEntity, never a server error', async () => {
    const { Policy } = await suite.iam.send(new GetPolicyCommand({ PolicyArn: S3_READ_ONLY }))
    expect(Policy!.DefaultVersionId).not.toBe('v1')
    expect(await sdkFailure(suite.iam.send(new GetPolicyVersionCommand({ PolicyArn: S3_READ_ONLY, VersionId: 'v1' })))).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      type: 'Sender',
      message: `Policy ${S3_READ_ONLY} version v1 does not exist or is not attachable.`
    })
  })

  it('pages through the whole catalogue: 100 by default, up to 1000 a page, the same policies either way', async () => {
    const first = await suite.iam.send(new ListPoliciesCommand({ Scope: 'AWS' }))
    expect(first.Policies).toHaveLength(100)
    expect(first).toMatchObject({ IsTruncated: true, Marker: expect.any(String) })

    const started = performance.now()
    const byThousand = await allPages(suite.iam, { Scope: 'AWS' }, 1000)
    const elapsed = performance.now() - started
    console.log(`ListPolicies Scope=AWS through the SDK: ${byThousand.policies.length} policies in ${byThousand.pages} pages of 1000, ${elapsed.toFixed(0)} ms`)
    expect(byThousand.pages).toBe(Math.ceil(awsManagedPolicies.length / 1000))
    expect(byThousand.policies).toHaveLength(awsManagedPolicies.length)
    const byDefault = await allPages(suite.iam, { Scope: 'AWS' })
    expect(byDefault.pages).toBe(Math.ceil(awsManagedPolicies.length / 100))
    expect(byDefault.policies.map((p) => p.Arn)).toEqual(byThousand.policies.map((p) => p.Arn))
    expect(byThousand.policies.slice(0, 100).map((p) => p.Arn)).toEqual(first.Policies!.map((p) => p.Arn))
  })

  it('filters by Scope, PathPrefix and OnlyAttached, and refuses MaxItems past 1000', async () => {
    const serviceRoles = await allPages(suite.iam, { Scope: 'AWS', PathPrefix: '/service-role/' })
    expect(serviceRoles.policies.length).toBeGreaterThan(100)
    expect(serviceRoles.policies.every((p) => p.Path === '/service-role/')).toBe(true)
    const attached = await allPages(suite.iam, { Scope: 'AWS', OnlyAttached: true })
    expect(attached.policies.map((p) => p.PolicyName).sort()).toEqual(['AWSLambdaBasicExecutionRole', 'AmazonS3ReadOnlyAccess', 'IAMFullAccess'])
    await suite.iam.send(
      new CreatePolicyCommand({
        PolicyName: 'Mine',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })
      })
    )
    expect((await allPages(suite.iam, { Scope: 'Local' })).policies.map((p) => p.PolicyName)).toEqual(['Mine'])
    expect((await allPages(suite.iam, { Scope: 'All' }, 1000)).policies).toHaveLength(awsManagedPolicies.length + 1)
    expect((await sdkFailure(suite.iam.send(new ListPoliciesCommand({ MaxItems: 1001 })))).message).toBe(
      "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"
    )
  })

  it('refuses a policy AWS has deprecated, as it refuses any policy that is not there', async () => {
    const deprecated = aws('AWSOpsWorks_FullAccess')
    expect(await sdkFailure(suite.iam.send(new AttachUserPolicyCommand({ UserName: 'dev', PolicyArn: deprecated })))).toMatchObject({
      code: 'NoSuchEntity',
      message: `Policy ${deprecated} does not exist or is not attachable.`
    })
  })
})
