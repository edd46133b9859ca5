import { describe, expect, it } from 'vitest'
import { roleTrustOpen } from '../../../../src/main/audit/checks/role-trust-open'
import { ACCOUNT, newAccount, role, trust } from '../account-snapshot'

const OTHER = '111122223333'

describe('role-trust-open', () => {
  it('passes, saying there is nothing to judge, when the account has no roles', () => {
    expect(roleTrustOpen(newAccount())).toEqual({
      id: 'role-trust-open',
      title: 'No role is open to everyone or to another account',
      status: 'pass',
      evidence: 'No IAM roles in the account yet: nothing to judge.'
    })
  })

  it('leaves service-linked roles to AWS, even when they trust a service with no condition', () => {
    const linked = role('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', trustPolicy: trust('*') })
    const result = roleTrustOpen(newAccount({ roles: [linked] }))
    expect(result.status).toBe('pass')
    expect(result.evidence).toMatch(/nothing to judge/)
  })

  it('passes roles trusting this account’s users and roles, and AWS services', () => {
    const account = newAccount({
      roles: [
        role('dev'),
        role('ops', { trustPolicy: trust({ AWS: [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/dev`] }) }),
        role('ec2', { trustPolicy: trust({ Service: 'ec2.amazonaws.com' }) })
      ]
    })
    expect(roleTrustOpen(account)).toMatchObject({ status: 'pass', evidence: 'No role trusts everyone or another account without a condition.' })
  })

  it('fails on a role anyone may assume, written as "*" or {"AWS": "*"}, with no condition', () => {
    const account = newAccount({ roles: [role('Open', { trustPolicy: trust('*') }), role('AlsoOpen', { trustPolicy: trust({ AWS: ['*'] }) })] })
    const result = roleTrustOpen(account)
    expect(result.status).toBe('fail')
    expect(result.evidence).toContain('role Open lets anyone in any AWS account assume it and role AlsoOpen lets anyone in any AWS account assume it')
    expect(result.evidence).toMatch(/Edit the trust policy to name only the people who need the role/)
  })

  it('fails on another account trusted with no condition, naming it in plain words', () => {
    const account = newAccount({
      roles: [
        role('Audit', { trustPolicy: trust({ AWS: OTHER }) }),
        role('Deploy', { trustPolicy: trust({ AWS: [`arn:aws:iam::${OTHER}:user/ci`, `arn:aws-cn:iam::${OTHER}:role/path/builder`] }) })
      ]
    })
    const result = roleTrustOpen(account)
    expect(result.status).toBe('fail')
    expect(result.evidence).toContain(`role Audit lets account ${OTHER} assume it`)
    expect(result.evidence).toContain(`role Deploy lets user ci in account ${OTHER} and role builder in account ${OTHER} assume it`)
    expect(result.evidence).toContain('sts:ExternalId')
  })

  it('accepts everyone or another account behind a condition, such as sts:ExternalId', () => {
    const account = newAccount({
      roles: [
        role('Vendor', { trustPolicy: trust({ AWS: `arn:aws:iam::${OTHER}:root` }, { StringEquals: { 'sts:ExternalId': 'a-secret-id' } }) }),
        role('Org', { trustPolicy: trust('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }) })
      ]
    })
    expect(roleTrustOpen(account).status).toBe('pass')
  })

  it('counts NotPrincipal in an Allow as everyone, and ignores statements that are not about AssumeRole or deny', () => {
    const notPrincipal = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow' as const, NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/eve` }, Action: 'sts:AssumeRole' }]
    }
    const other = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny' as const, Principal: '*', Action: 'sts:AssumeRole' },
        { Effect: 'Allow' as const, Principal: { AWS: OTHER }, Action: 'sts:TagSession' }
      ]
    }
    expect(roleTrustOpen(newAccount({ roles: [role('Almost', { trustPolicy: notPrincipal })] })).status).toBe('fail')
    expect(roleTrustOpen(newAccount({ roles: [role('Tags', { trustPolicy: other })] })).status).toBe('pass')
  })

  it('is unknown when a trust policy could not be read and nothing else fails', () => {
    const result = roleTrustOpen(newAccount({ roles: [role('dev'), role('Odd', { trustPolicy: null })] }))
    expect(result).toMatchObject({ status: 'unknown', evidence: 'Cairn could not read the trust policy of Odd, so it cannot say who may assume it.' })
    const withFailure = roleTrustOpen(newAccount({ roles: [role('Odd', { trustPolicy: null }), role('Open', { trustPolicy: trust('*') })] }))
    expect(withFailure.status).toBe('fail')
  })
})
