import { describe, expect, it } from 'vitest'
import { awsManagedPolicies } from '../../../src/practice/policy/catalog'
import { ACCOUNT_ID, ADMIN_ARN, BILLING_ARN, expectAwsError, practiceAccount, type Json, type PracticeAccount } from './practice-harness'

const JOB_FUNCTION = 'arn:aws:iam::aws:policy/job-function/'
const policyNames = (list: Array<{ PolicyName: string }>) => list.map((p) => p.PolicyName)

/** Every page of ListPolicies, following the Marker as an SDK paginator does. */
async function listAll(account: PracticeAccount, params: Record<string, string>): Promise<Json[]> {
  const policies: Json[] = []
  let marker: string | undefined
  do {
    const page = await account.call('ListPolicies', { ...params, ...(marker ? { Marker: marker } : {}) })
    policies.push(...page.Policies)
    marker = page.IsTruncated ? page.Marker : undefined
  } while (marker)
  return policies
}

async function withUserAndGroup() {
  const account = practiceAccount()
  await account.call('CreateUser', { UserName: 'billing' })
  await account.call('CreateGroup', { GroupName: 'Finance' })
  return account
}

describe('AttachUserPolicy / AttachGroupPolicy', () => {
  it('attaches an AWS managed policy once, however often it is asked', async () => {
    const account = await withUserAndGroup()
    await account.call('AttachGroupPolicy', { GroupName: 'Finance', PolicyArn: BILLING_ARN })
    await account.call('AttachGroupPolicy', { GroupName: 'Finance', PolicyArn: BILLING_ARN })
    const { AttachedPolicies, IsTruncated } = await account.call('ListAttachedGroupPolicies', { GroupName: 'Finance' })
    expect(AttachedPolicies).toEqual([{ PolicyName: 'Billing', PolicyArn: BILLING_ARN }])
    expect(IsTruncated).toBe(false)
  })

  it('refuses a policy that does not exist', async () => {
    const account = await withUserAndGroup()
    const arn = 'arn:aws:iam::aws:policy/NoSuchPolicy'
    expectAwsError(
      await account.fail('AttachUserPolicy', { UserName: 'billing', PolicyArn: arn }),
      'NoSuchEntity',
      404,
      `Policy ${arn} does not exist or is not attachable.`
    )
  })

  it('refuses a value that is not an ARN', async () => {
    const account = await withUserAndGroup()
    expectAwsError(
      await account.fail('AttachUserPolicy', { UserName: 'billing', PolicyArn: 'AdministratorAccess-please' }),
      'InvalidInput',
      400,
      'ARN AdministratorAccess-please is not valid.'
    )
  })

  it('names the missing user or group first', async () => {
    const account = await withUserAndGroup()
    expectAwsError(
      await account.fail('AttachUserPolicy', { UserName: 'ghost', PolicyArn: ADMIN_ARN }),
      'NoSuchEntity',
      404,
      'The user with name ghost cannot be found.'
    )
    expectAwsError(
      await account.fail('AttachGroupPolicy', { GroupName: 'Ghosts', PolicyArn: ADMIN_ARN }),
      'NoSuchEntity',
      404,
      'The group with name Ghosts cannot be found.'
    )
  })

  it('refuses a policy of another partition, as an account of partition aws does', async () => {
    const account = await withUserAndGroup()
    const arn = 'arn:aws-cn:iam::aws:policy/job-function/Billing'
    const refused = await account.fail('AttachGroupPolicy', { GroupName: 'Finance', PolicyArn: arn })
    expectAwsError(refused, 'NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`)
  })

  it('does not see a group or user younger than the consistency delay', async () => {
    const account = practiceAccount({ consistencyDelayMs: 2000 })
    await account.call('CreateGroup', { GroupName: 'Finance' })
    await account.call('CreateUser', { UserName: 'billing' })
    const toGroup = await account.fail('AttachGroupPolicy', { GroupName: 'Finance', PolicyArn: BILLING_ARN })
    expectAwsError(toGroup, 'NoSuchEntity', 404, 'The group with name Finance cannot be found.')
    const toUser = await account.fail('AttachUserPolicy', { UserName: 'billing', PolicyArn: BILLING_ARN })
    expectAwsError(toUser, 'NoSuchEntity', 404, 'The user with name billing cannot be found.')
    account.advance(2000)
    await account.call('AttachGroupPolicy', { GroupName: 'Finance', PolicyArn: BILLING_ARN })
    await account.call('AttachUserPolicy', { UserName: 'billing', PolicyArn: BILLING_ARN })
    expect(account.state.groups['finance']?.attachedPolicyArns).toEqual([BILLING_ARN])
  })

  it('stops at 10 managed policies per group and per user', async () => {
    const account = await withUserAndGroup()
    for (let i = 0; i < 10; i++) {
      const doc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
      const { Policy } = await account.call('CreatePolicy', { PolicyName: `p${i}`, PolicyDocument: doc })
      await account.call('AttachGroupPolicy', { GroupName: 'Finance', PolicyArn: Policy.Arn })
      await account.call('AttachUserPolicy', { UserName: 'billing', PolicyArn: Policy.Arn })
    }
    expectAwsError(
      await account.fail('AttachGroupPolicy', { GroupName: 'Finance', PolicyArn: ADMIN_ARN }),
      'LimitExceeded',
      409,
      'Cannot exceed quota for PoliciesPerGroup: 10'
    )
    expectAwsError(
      await account.fail('AttachUserPolicy', { UserName: 'billing', PolicyArn: ADMIN_ARN }),
      'LimitExceeded',
      409,
      'Cannot exceed quota for PoliciesPerUser: 10'
    )
  })
})

describe('DetachUserPolicy / DetachGroupPolicy', () => {
  it('detaches, and answers NoSuchEntity when the policy is not attached', async () => {
    const account = await withUserAndGroup()
    await account.call('AttachUserPolicy', { UserName: 'billing', PolicyArn: BILLING_ARN })
    await account.call('DetachUserPolicy', { UserName: 'billing', PolicyArn: BILLING_ARN })
    expect((await account.call('ListAttachedUserPolicies', { UserName: 'billing' })).AttachedPolicies).toEqual([])
    expectAwsError(
      await account.fail('DetachUserPolicy', { UserName: 'billing', PolicyArn: BILLING_ARN }),
      'NoSuchEntity',
      404,
      `Policy ${BILLING_ARN} was not found.`
    )
    expectAwsError(
      await account.fail('DetachGroupPolicy', { GroupName: 'Finance', PolicyArn: BILLING_ARN }),
      'NoSuchEntity',
      404,
      `Policy ${BILLING_ARN} was not found.`
    )
  })
})

describe('ListAttachedUserPolicies', () => {
  it('filters by policy path prefix', async () => {
    const account = await withUserAndGroup()
    await account.call('AttachUserPolicy', { UserName: 'billing', PolicyArn: BILLING_ARN })
    await account.call('AttachUserPolicy', { UserName: 'billing', PolicyArn: ADMIN_ARN })
    const all = await account.call('ListAttachedUserPolicies', { UserName: 'billing' })
    expect(policyNames(all.AttachedPolicies)).toEqual(['AdministratorAccess', 'Billing'])
    const jobs = await account.call('ListAttachedUserPolicies', { UserName: 'billing', PathPrefix: '/job-function/' })
    expect(policyNames(jobs.AttachedPolicies)).toEqual(['Billing'])
  })
})

describe('ListPolicies', () => {
  it('offers every job-function policy under /job-function/ (the console filter)', async () => {
    const account = practiceAccount()
    const { Policies } = await account.call('ListPolicies', { Scope: 'AWS', PathPrefix: '/job-function/' })
    const jobFunctions = awsManagedPolicies.filter((p) => p.path === '/job-function/')
    expect(Policies).toHaveLength(jobFunctions.length)
    expect(policyNames(Policies)).toEqual(
      expect.arrayContaining([
        'Billing',
        'DataScientist',
        'DatabaseAdministrator',
        'NetworkAdministrator',
        'SupportUser',
        'SystemAdministrator',
        'ViewOnlyAccess'
      ])
    )
    for (const policy of Policies) {
      expect(policy.Arn.startsWith(JOB_FUNCTION)).toBe(true)
      expect(policy).toMatchObject({ Path: '/job-function/', IsAttachable: true, AttachmentCount: 0 })
      expect(policy.PolicyId).toMatch(/^ANPA/)
      expect(policy.Description).toBeUndefined()
      expect(policy.CreateDate).toBeInstanceOf(Date)
    }
  })

  it('separates AWS managed from customer managed with Scope', async () => {
    const account = practiceAccount()
    await account.call('CreatePolicy', {
      PolicyName: 'Mine',
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
    })
    expect(policyNames((await account.call('ListPolicies', { Scope: 'Local' })).Policies)).toEqual(['Mine'])
    expect(policyNames(await listAll(account, { Scope: 'AWS' }))).not.toContain('Mine')
    expect(policyNames(await listAll(account, {}))).toContain('Mine')
  })

  it('lists only attached policies with OnlyAttached, counting attachments', async () => {
    const account = await withUserAndGroup()
    await account.call('AttachGroupPolicy', { GroupName: 'Finance', PolicyArn: BILLING_ARN })
    await account.call('AttachUserPolicy', { UserName: 'billing', PolicyArn: BILLING_ARN })
    const { Policies } = await account.call('ListPolicies', { OnlyAttached: 'true' })
    expect(Policies).toHaveLength(1)
    expect(Policies[0]).toMatchObject({ PolicyName: 'Billing', AttachmentCount: 2 })
    expect((await account.call('ListPolicies', { PolicyUsageFilter: 'PermissionsPolicy' })).Policies).toHaveLength(1)
    expect((await account.call('ListPolicies', { PolicyUsageFilter: 'PermissionsBoundary' })).Policies).toEqual([])
  })

  it('pages through the whole catalogue with MaxItems and Marker, 100 at a time by default', async () => {
    const account = practiceAccount()
    const first = await account.call('ListPolicies')
    expect(first.Policies).toHaveLength(100)
    expect(first.IsTruncated).toBe(true)
    const byThousand = await listAll(account, { MaxItems: '1000' })
    expect(policyNames(await listAll(account, { MaxItems: '250' }))).toEqual(policyNames(byThousand))
    expect(byThousand).toHaveLength(awsManagedPolicies.length)
    expect(policyNames(byThousand).slice(0, 100)).toEqual(policyNames(first.Policies))
  })

  it('refuses an unknown Scope', async () => {
    const account = practiceAccount()
    expectAwsError(
      await account.fail('ListPolicies', { Scope: 'Mine' }),
      'ValidationError',
      400,
      "1 validation error detected: Value 'Mine' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"
    )
  })
})

describe('GetPolicy / GetPolicyVersion', () => {
  it('describes an AWS managed policy with its description', async () => {
    const account = practiceAccount()
    const { Policy } = await account.call('GetPolicy', { PolicyArn: ADMIN_ARN })
    expect(Policy).toMatchObject({
      PolicyName: 'AdministratorAccess',
      Arn: ADMIN_ARN,
      Path: '/',
      DefaultVersionId: 'v1',
      IsAttachable: true,
      Description: 'Provides full access to AWS services and resources.'
    })
  })

  it('returns the default version document URL-encoded, as IAM does', async () => {
    const account = practiceAccount()
    const { Policy } = await account.call('GetPolicy', { PolicyArn: ADMIN_ARN })
    const { PolicyVersion } = await account.call('GetPolicyVersion', {
      PolicyArn: ADMIN_ARN,
      VersionId: Policy.DefaultVersionId
    })
    expect(PolicyVersion).toMatchObject({ VersionId: 'v1', IsDefaultVersion: true })
    expect(PolicyVersion.Document).toMatch(/^%7B/)
    const document = JSON.parse(decodeURIComponent(PolicyVersion.Document))
    expect(document.Statement).toEqual([{ Effect: 'Allow', Action: '*', Resource: '*' }])
  })

  it('answers NoSuchEntity for unknown policies and versions', async () => {
    const account = practiceAccount()
    const arn = `arn:aws:iam::${ACCOUNT_ID}:policy/Nope`
    expectAwsError(await account.fail('GetPolicy', { PolicyArn: arn }), 'NoSuchEntity', 404, `Policy ${arn} was not found.`)
    expectAwsError(
      await account.fail('GetPolicyVersion', { PolicyArn: ADMIN_ARN, VersionId: 'v9' }),
      'NoSuchEntity',
      404,
      `Policy ${ADMIN_ARN} version v9 does not exist or is not attachable.`
    )
  })

  it('refuses a malformed version id', async () => {
    const account = practiceAccount()
    expectAwsError(
      await account.fail('GetPolicyVersion', { PolicyArn: ADMIN_ARN, VersionId: '1' }),
      'ValidationError',
      400,
      "1 validation error detected: Value '1' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?"
    )
  })

  it('is authorized against the policy ARN', () => {
    const account = practiceAccount()
    expect(account.resource('GetPolicy', { PolicyArn: BILLING_ARN })).toBe(BILLING_ARN)
  })
})

describe('ListEntitiesForPolicy', () => {
  it('lists the groups and users a policy is attached to', async () => {
    const account = await withUserAndGroup()
    await account.call('AttachGroupPolicy', { GroupName: 'Finance', PolicyArn: BILLING_ARN })
    await account.call('AttachUserPolicy', { UserName: 'billing', PolicyArn: BILLING_ARN })
    const result = await account.call('ListEntitiesForPolicy', { PolicyArn: BILLING_ARN })
    expect(result.PolicyGroups).toEqual([{ GroupName: 'Finance', GroupId: account.state.groups['finance']!.groupId }])
    expect(result.PolicyUsers).toEqual([{ UserName: 'billing', UserId: account.state.users['billing']!.userId }])
    expect(result.PolicyRoles).toEqual([])
    expect(result.IsTruncated).toBe(false)
    const groupsOnly = await account.call('ListEntitiesForPolicy', { PolicyArn: BILLING_ARN, EntityFilter: 'Group' })
    expect(groupsOnly.PolicyUsers).toEqual([])
    expect(groupsOnly.PolicyGroups).toHaveLength(1)
  })

  it('answers NoSuchEntity for an unknown policy', async () => {
    const account = practiceAccount()
    const arn = 'arn:aws:iam::aws:policy/Nope'
    expectAwsError(await account.fail('ListEntitiesForPolicy', { PolicyArn: arn }), 'NoSuchEntity', 404, `Policy ${arn} was not found.`)
  })
})
