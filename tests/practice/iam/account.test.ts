import { describe, expect, it } from 'vitest'
import { XmlMap } from '../../../src/practice/action'
import { ACCOUNT_ID, ADMIN_ARN, expectAwsError, practiceAccount } from './practice-harness'

async function summary(account: ReturnType<typeof practiceAccount>): Promise<Map<string, unknown>> {
  const { SummaryMap } = await account.call('GetAccountSummary')
  expect(SummaryMap).toBeInstanceOf(XmlMap)
  return new Map(SummaryMap.entries)
}

describe('GetAccountSummary', () => {
  it('describes a new account: root keys present, no MFA, nothing created', async () => {
    const map = await summary(practiceAccount())
    expect(Object.fromEntries(map)).toMatchObject({
      Users: 0,
      Groups: 0,
      Policies: 0,
      MFADevices: 0,
      MFADevicesInUse: 0,
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 1,
      AccountPasswordPresent: 1,
      AccountSigningCertificatesPresent: 0,
      UsersQuota: 5000,
      GroupsQuota: 300,
      GroupsPerUserQuota: 10,
      AccessKeysPerUserQuota: 2,
      AttachedPoliciesPerUserQuota: 10,
      AttachedPoliciesPerGroupQuota: 10,
      PoliciesQuota: 1500,
      PolicySizeQuota: 6144,
      UserPolicySizeQuota: 2048,
      GroupPolicySizeQuota: 5120,
      VersionsPerPolicyQuota: 5,
      SigningCertificatesPerUserQuota: 2,
      ServerCertificatesQuota: 20,
      PolicyVersionsInUseQuota: 10000,
      AttachedPoliciesPerRoleQuota: 10,
      GlobalEndpointTokenVersion: 1
    })
  })

  it('carries every summary key botocore knows', async () => {
    const map = await summary(practiceAccount())
    const botocoreKeys = [
      'Users',
      'UsersQuota',
      'Groups',
      'GroupsQuota',
      'ServerCertificates',
      'ServerCertificatesQuota',
      'UserPolicySizeQuota',
      'GroupPolicySizeQuota',
      'GroupsPerUserQuota',
      'SigningCertificatesPerUserQuota',
      'AccessKeysPerUserQuota',
      'MFADevices',
      'MFADevicesInUse',
      'AccountMFAEnabled',
      'AccountAccessKeysPresent',
      'AccountSigningCertificatesPresent',
      'AttachedPoliciesPerGroupQuota',
      'AttachedPoliciesPerRoleQuota',
      'AttachedPoliciesPerUserQuota',
      'Policies',
      'PoliciesQuota',
      'PolicySizeQuota',
      'PolicyVersionsInUse',
      'PolicyVersionsInUseQuota',
      'VersionsPerPolicyQuota',
      'GlobalEndpointTokenVersion'
    ]
    for (const key of botocoreKeys) expect(map.has(key), key).toBe(true)
  })

  it("follows root's MFA and keys and counts users, groups and attachments", async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'a' })
    await account.call('CreateGroup', { GroupName: 'g' })
    await account.call('AttachGroupPolicy', { GroupName: 'g', PolicyArn: ADMIN_ARN })
    account.state.root.mfaSerials = [`arn:aws:iam::${ACCOUNT_ID}:mfa/root-account-mfa-device`]
    account.state.root.accessKeys = []
    const map = await summary(account)
    expect(Object.fromEntries(map)).toMatchObject({
      Users: 1,
      Groups: 1,
      PolicyVersionsInUse: 1,
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 0
    })
  })

  it('is authorized against *', () => {
    expect(practiceAccount().resource('GetAccountSummary')).toBe('*')
  })
})

describe('account password policy', () => {
  it('has none in a new account', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('GetAccountPasswordPolicy'), 'NoSuchEntity', 404, `The Password Policy with domain name ${ACCOUNT_ID} cannot be found.`)
    expectAwsError(await account.fail('DeleteAccountPasswordPolicy'), 'NoSuchEntity', 404)
  })

  it('sets a policy, resetting omitted fields to their defaults on each update', async () => {
    const account = practiceAccount()
    await account.call('UpdateAccountPasswordPolicy', {
      MinimumPasswordLength: '14',
      RequireSymbols: 'true',
      RequireNumbers: 'true',
      MaxPasswordAge: '90',
      PasswordReusePrevention: '24',
      AllowUsersToChangePassword: 'true'
    })
    const { PasswordPolicy } = await account.call('GetAccountPasswordPolicy')
    expect(PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24
    })
    await account.call('UpdateAccountPasswordPolicy', { RequireUppercaseCharacters: 'true' })
    const after = (await account.call('GetAccountPasswordPolicy')).PasswordPolicy
    expect(after).toMatchObject({ MinimumPasswordLength: 6, RequireSymbols: false, RequireUppercaseCharacters: true, ExpirePasswords: false })
    expect(after.MaxPasswordAge).toBeUndefined()
    await account.call('DeleteAccountPasswordPolicy')
    expect(account.state.passwordPolicy).toBeNull()
  })

  it('refuses out-of-range values', async () => {
    const account = practiceAccount()
    expectAwsError(
      await account.fail('UpdateAccountPasswordPolicy', { MinimumPasswordLength: '5' }),
      'ValidationError',
      400,
      "1 validation error detected: Value '5' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6"
    )
  })
})

describe('account alias', () => {
  it('creates, lists, replaces and deletes the one alias', async () => {
    const account = practiceAccount()
    expect(await account.call('ListAccountAliases')).toEqual({ AccountAliases: [], IsTruncated: false })
    await account.call('CreateAccountAlias', { AccountAlias: 'cairn-practice' })
    expect((await account.call('ListAccountAliases')).AccountAliases).toEqual(['cairn-practice'])
    await account.call('CreateAccountAlias', { AccountAlias: 'cairn-two' })
    expect((await account.call('ListAccountAliases')).AccountAliases).toEqual(['cairn-two'])
    expectAwsError(
      await account.fail('DeleteAccountAlias', { AccountAlias: 'cairn-practice' }),
      'NoSuchEntity',
      404,
      'The account alias cairn-practice cannot be found.'
    )
    await account.call('DeleteAccountAlias', { AccountAlias: 'cairn-two' })
    expect((await account.call('ListAccountAliases')).AccountAliases).toEqual([])
  })

  it('refuses aliases outside AWS rules', async () => {
    const account = practiceAccount()
    for (const bad of ['Cairn', 'ab', 'double--dash', '-lead']) {
      expectAwsError(await account.fail('CreateAccountAlias', { AccountAlias: bad }), 'ValidationError', 400, /at 'accountAlias'/)
    }
  })
})
