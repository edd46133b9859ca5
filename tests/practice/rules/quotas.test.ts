import { describe, expect, it } from 'vitest'
import { AwsError } from '../../../src/practice/errors'
import { QUOTAS, accountSummaryQuotas, quotaExceeded, quotas } from '../../../src/practice/rules/quotas'

describe('IAM quotas', () => {
  it("holds IAM's default limits", () => {
    expect(quotas).toMatchObject({
      GroupsPerUser: 10,
      AttachedPoliciesPerGroup: 10,
      AttachedPoliciesPerUser: 10,
      AccessKeysPerUser: 2,
      MFADevicesPerUser: 8,
      Users: 5000,
      Groups: 300,
      PolicySize: 6144
    })
  })

  it('answers LimitExceeded with HTTP 409 in the words AWS uses', () => {
    const error = quotaExceeded('AccessKeysPerUser')
    expect(error).toBeInstanceOf(AwsError)
    expect(error.code).toBe('LimitExceeded')
    expect(error.status).toBe(409)
    expect(error.type).toBe('Sender')
    expect(error.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2')
    expect(quotaExceeded('GroupsPerUser').message).toBe('Cannot exceed quota for GroupsPerUser: 10')
  })

  it('names attached-policy and per-account quotas as AWS messages do', () => {
    expect(quotaExceeded('AttachedPoliciesPerGroup').message).toBe('Cannot exceed quota for PoliciesPerGroup: 10')
    expect(quotaExceeded('AttachedPoliciesPerUser').message).toBe('Cannot exceed quota for PoliciesPerUser: 10')
    expect(quotaExceeded('Users').message).toBe('Cannot exceed quota for UsersPerAccount: 5000')
    expect(quotaExceeded('Groups').message).toBe('Cannot exceed quota for GroupsPerAccount: 300')
  })

  it('also takes the names AWS messages use', () => {
    expect(quotaExceeded('PoliciesPerGroup').message).toBe('Cannot exceed quota for PoliciesPerGroup: 10')
    expect(quotaExceeded('UsersPerAccount').message).toBe('Cannot exceed quota for UsersPerAccount: 5000')
    expect(quotaExceeded('PoliciesPerAccount').message).toBe('Cannot exceed quota for PoliciesPerAccount: 1500')
  })

  it('throws a programming error for a quota it does not know', () => {
    expect(() => quotaExceeded('BananasPerUser')).toThrow('Unknown IAM quota: BananasPerUser')
  })

  it('offers the same limits in camelCase', () => {
    expect(QUOTAS.usersPerAccount).toBe(5000)
    expect(QUOTAS.groupsPerAccount).toBe(300)
    expect(QUOTAS.policiesPerGroup).toBe(10)
    expect(QUOTAS.accessKeysPerUser).toBe(2)
    expect(QUOTAS.mfaDevicesPerUser).toBe(8)
  })

  it("lists GetAccountSummary's *Quota entries", () => {
    expect(accountSummaryQuotas).toMatchObject({
      UsersQuota: 5000,
      GroupsQuota: 300,
      AccessKeysPerUserQuota: 2,
      GroupsPerUserQuota: 10,
      AttachedPoliciesPerUserQuota: 10,
      AttachedPoliciesPerGroupQuota: 10,
      PolicySizeQuota: 6144
    })
    expect(Object.keys(accountSummaryQuotas).every((k) => k.endsWith('Quota'))).toBe(true)
    expect(accountSummaryQuotas).not.toHaveProperty('MFADevicesPerUserQuota')
  })
})
