import { describe, expect, it } from 'vitest'
import { ACCOUNT_ID, START, expectAwsError, practiceAccount } from './practice-harness'

const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{16}$/
const SECRET = /^[A-Za-z0-9/+]{40}$/

describe('CreateAccessKey', () => {
  it('creates an active key for a named user and returns the secret only then', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'dev' })
    const { AccessKey } = await account.call('CreateAccessKey', { UserName: 'dev' })
    expect(AccessKey).toMatchObject({ UserName: 'dev', Status: 'Active', CreateDate: START })
    expect(AccessKey.AccessKeyId).toMatch(ACCESS_KEY_ID)
    expect(AccessKey.SecretAccessKey).toMatch(SECRET)
    const { AccessKeyMetadata } = await account.call('ListAccessKeys', { UserName: 'dev' })
    expect(AccessKeyMetadata).toEqual([{ UserName: 'dev', AccessKeyId: AccessKey.AccessKeyId, Status: 'Active', CreateDate: START }])
  })

  it("acts on root's own keys when root names no user", async () => {
    const account = practiceAccount()
    const { AccessKey } = await account.call('CreateAccessKey')
    expect(AccessKey.UserName).toBeUndefined()
    expect(account.state.root.accessKeys.map((k) => k.accessKeyId)).toContain(AccessKey.AccessKeyId)
  })

  it("acts on the signing user's keys when a user names no one", async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'dev' })
    const { AccessKey } = await account.call('CreateAccessKey', {}, account.userCaller('dev'))
    expect(AccessKey.UserName).toBe('dev')
    expect(account.state.users['dev']!.accessKeys).toHaveLength(1)
  })

  it('stops at two keys per user and for root', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'dev' })
    await account.call('CreateAccessKey', { UserName: 'dev' })
    await account.call('CreateAccessKey', { UserName: 'dev' })
    const quota = 'Cannot exceed quota for AccessKeysPerUser: 2'
    expectAwsError(await account.fail('CreateAccessKey', { UserName: 'dev' }), 'LimitExceeded', 409, quota)
    await account.call('CreateAccessKey')
    expectAwsError(await account.fail('CreateAccessKey'), 'LimitExceeded', 409, quota)
  })

  it('names a missing user', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('CreateAccessKey', { UserName: 'ghost' }), 'NoSuchEntity', 404, 'The user with name ghost cannot be found.')
  })
})

describe('ListAccessKeys', () => {
  it("lists root's bootstrap key for root", async () => {
    const account = practiceAccount()
    const { AccessKeyMetadata, IsTruncated } = await account.call('ListAccessKeys')
    expect(AccessKeyMetadata).toEqual([
      { UserName: undefined, AccessKeyId: account.state.root.accessKeys[0]!.accessKeyId, Status: 'Active', CreateDate: START }
    ])
    expect(IsTruncated).toBe(false)
    expect(JSON.stringify(AccessKeyMetadata)).not.toContain(account.state.root.accessKeys[0]!.secretAccessKey)
  })

  it('hides a key younger than the consistency delay', async () => {
    const account = practiceAccount({ consistencyDelayMs: 10_000 })
    await account.call('CreateUser', { UserName: 'dev' })
    account.advance(10_000)
    await account.call('CreateAccessKey', { UserName: 'dev' })
    account.advance(5_000)
    expect((await account.call('ListAccessKeys', { UserName: 'dev' })).AccessKeyMetadata).toEqual([])
    account.advance(5_000)
    expect((await account.call('ListAccessKeys', { UserName: 'dev' })).AccessKeyMetadata).toHaveLength(1)
  })
})

describe('UpdateAccessKey / DeleteAccessKey', () => {
  it('deactivates, reactivates and deletes a key', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'dev' })
    const { AccessKey } = await account.call('CreateAccessKey', { UserName: 'dev' })
    await account.call('UpdateAccessKey', { UserName: 'dev', AccessKeyId: AccessKey.AccessKeyId, Status: 'Inactive' })
    expect(account.state.users['dev']!.accessKeys[0]!.status).toBe('Inactive')
    await account.call('UpdateAccessKey', { UserName: 'dev', AccessKeyId: AccessKey.AccessKeyId, Status: 'Active' })
    await account.call('DeleteAccessKey', { UserName: 'dev', AccessKeyId: AccessKey.AccessKeyId })
    expect(account.state.users['dev']!.accessKeys).toEqual([])
  })

  it('lets root delete its own bootstrap key, so AccountAccessKeysPresent drops to 0', async () => {
    const account = practiceAccount()
    const id = account.state.root.accessKeys[0]!.accessKeyId
    await account.call('DeleteAccessKey', { AccessKeyId: id })
    expect(account.state.root.accessKeys).toEqual([])
    const { SummaryMap } = await account.call('GetAccountSummary')
    expect(new Map(SummaryMap.entries).get('AccountAccessKeysPresent')).toBe(0)
  })

  it("answers NoSuchEntity for a key that is not the owner's", async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'dev' })
    const rootKey = account.state.root.accessKeys[0]!.accessKeyId
    expectAwsError(
      await account.fail('DeleteAccessKey', { UserName: 'dev', AccessKeyId: rootKey }),
      'NoSuchEntity',
      404,
      `The Access Key with id ${rootKey} cannot be found.`
    )
    expectAwsError(
      await account.fail('UpdateAccessKey', { AccessKeyId: 'AKIA0000000000000000', Status: 'Inactive' }),
      'NoSuchEntity',
      404,
      'The Access Key with id AKIA0000000000000000 cannot be found.'
    )
  })

  it('refuses a status other than Active or Inactive, and a missing status', async () => {
    const account = practiceAccount()
    const id = account.state.root.accessKeys[0]!.accessKeyId
    expectAwsError(
      await account.fail('UpdateAccessKey', { AccessKeyId: id, Status: 'Disabled' }),
      'ValidationError',
      400,
      "1 validation error detected: Value 'Disabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"
    )
    expectAwsError(
      await account.fail('UpdateAccessKey', { AccessKeyId: id }),
      'ValidationError',
      400,
      "1 validation error detected: Value null at 'status' failed to satisfy constraint: Member must not be null"
    )
  })

  it('refuses an access key id shorter than 16 characters', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('DeleteAccessKey', { AccessKeyId: 'AKIA123' }), 'ValidationError', 400, /'accessKeyId'/)
  })
})

describe('GetAccessKeyLastUsed', () => {
  it('answers N/A for a key never used, and the last use once there is one', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'dev' })
    const { AccessKey } = await account.call('CreateAccessKey', { UserName: 'dev' })
    const never = await account.call('GetAccessKeyLastUsed', { AccessKeyId: AccessKey.AccessKeyId })
    expect(never).toEqual({ UserName: 'dev', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } })
    account.state.users['dev']!.accessKeys[0]!.lastUsed = { date: START.toISOString(), region: 'us-east-1', service: 'iam' }
    const used = await account.call('GetAccessKeyLastUsed', { AccessKeyId: AccessKey.AccessKeyId })
    expect(used.AccessKeyLastUsed).toEqual({ LastUsedDate: START, ServiceName: 'iam', Region: 'us-east-1' })
    expect(account.resource('GetAccessKeyLastUsed', { AccessKeyId: AccessKey.AccessKeyId })).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/dev`)
  })

  it('answers NoSuchEntity for an unknown key', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('GetAccessKeyLastUsed', { AccessKeyId: 'AKIA0000000000000000' }), 'NoSuchEntity', 404)
  })
})
