import { describe, expect, it } from 'vitest'
import { adminRoleWithoutMfa } from '../../../../src/main/audit/checks/admin-role-without-mfa'
import { ACCOUNT, mfaCondition, newAccount, policy, role, trust } from '../account-snapshot'

const admin = policy('arn:aws:iam::aws:policy/AdministratorAccess')
const person = { AWS: `arn:aws:iam::${ACCOUNT}:user/person` }

describe('admin-role-without-mfa', () => {
  it('passes, saying there is nothing to judge, when the account has no roles', () => {
    expect(adminRoleWithoutMfa(newAccount())).toEqual({
      id: 'admin-role-without-mfa',
      title: 'Roles with full access need MFA',
      status: 'pass',
      evidence: 'No IAM roles in the account yet: nothing to judge.'
    })
  })

  it('passes the roles layout: an admin role only the person may assume, with MFA', () => {
    const account = newAccount({
      roles: [role('admin', { attachedPolicies: [admin] }), role('dev', { attachedPolicies: [policy('arn:aws:iam::aws:policy/PowerUserAccess')] })]
    })
    expect(adminRoleWithoutMfa(account)).toMatchObject({ status: 'pass', evidence: 'No role with full access to everything can be assumed without MFA.' })
  })

  it('accepts a recent aws:MultiFactorAuthAge as requiring MFA', () => {
    const account = newAccount({
      roles: [role('admin', { attachedPolicies: [admin], trustPolicy: trust(person, { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }) })]
    })
    expect(adminRoleWithoutMfa(account).status).toBe('pass')
  })

  it('fails on AdministratorAccess in any partition without MFA, and says what to do', () => {
    const account = newAccount({
      roles: [role('Admin', { attachedPolicies: [policy('arn:aws-us-gov:iam::aws:policy/AdministratorAccess')], trustPolicy: trust(person) })]
    })
    const result = adminRoleWithoutMfa(account)
    expect(result.status).toBe('fail')
    expect(result.evidence).toBe(
      'user person can assume role Admin (AdministratorAccess) without MFA: full access to everything with a password or access key alone. ' +
        'Edit its trust policy and add the condition "Bool": {"aws:MultiFactorAuthPresent": "true"}, so the role is assumed only with an MFA code.'
    )
  })

  it('finds "*" on "*" in a customer managed policy, and names who the account-wide trust lets in', () => {
    const custom = `arn:aws:iam::${ACCOUNT}:policy/GodMode`
    const account = newAccount({
      roles: [role('Ops', { attachedPolicies: [policy(custom)], trustPolicy: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) })],
      customerPolicies: { [custom]: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }
    })
    const result = adminRoleWithoutMfa(account)
    expect(result.status).toBe('fail')
    expect(result.evidence).toContain('any user or role of this account with sts:AssumeRole permission can assume role Ops (GodMode) without MFA')
  })

  it('says BoolIfExists is not enough: a long-term access key has no MFA key and passes it', () => {
    const account = newAccount({
      roles: [role('Admin', { attachedPolicies: [admin], trustPolicy: trust(person, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }) })]
    })
    const result = adminRoleWithoutMfa(account)
    expect(result.status).toBe('fail')
    expect(result.evidence).toContain('BoolIfExists is not enough')
  })

  it('accepts a Deny for everyone without MFA (BoolIfExists "false") alongside an Allow', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow' as const, Principal: person, Action: 'sts:AssumeRole' },
        { Effect: 'Deny' as const, Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }
      ]
    }
    expect(adminRoleWithoutMfa(newAccount({ roles: [role('Admin', { attachedPolicies: [admin], trustPolicy: document })] })).status).toBe('pass')
  })

  it('ignores roles without full access, roles only services assume, and service-linked roles', () => {
    const account = newAccount({
      roles: [
        role('Reader', { attachedPolicies: [policy('arn:aws:iam::aws:policy/ReadOnlyAccess')], trustPolicy: trust(person) }),
        role('Instance', { attachedPolicies: [admin], trustPolicy: trust({ Service: 'ec2.amazonaws.com' }) }),
        role('AWSServiceRoleForOrganizations', { path: '/aws-service-role/organizations.amazonaws.com/', attachedPolicies: [admin], trustPolicy: trust('*') })
      ]
    })
    expect(adminRoleWithoutMfa(account).status).toBe('pass')
  })

  it('is unknown when a policy or the trust policy of a role that might be open could not be read', () => {
    const inline = adminRoleWithoutMfa(newAccount({ roles: [role('Ops', { inlinePolicyNames: ['mystery'], trustPolicy: trust(person) })] }))
    expect(inline).toMatchObject({ status: 'unknown' })
    expect(inline.evidence).toContain("role Ops's inline policy mystery")
    const unreadTrust = adminRoleWithoutMfa(newAccount({ roles: [role('Admin', { attachedPolicies: [admin], trustPolicy: null })] }))
    expect(unreadTrust).toMatchObject({ status: 'unknown' })
    expect(unreadTrust.evidence).toContain("Admin's trust policy")
    // With MFA required, the role's unread policies do not matter.
    const guarded = adminRoleWithoutMfa(newAccount({ roles: [role('Ops', { inlinePolicyNames: ['mystery'], trustPolicy: trust(person, mfaCondition) })] }))
    expect(guarded.status).toBe('pass')
  })
})
