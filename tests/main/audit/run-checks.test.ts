import { describe, expect, it } from 'vitest'
import { runChecks } from '../../../src/main/audit/run-checks'
import { group, newAccount, policy, role, securedAccount, trust, user, ACCOUNT } from './account-snapshot'

const ids = [
  'root-mfa',
  'root-access-keys',
  'password-policy',
  'console-users-mfa',
  'unused-credentials',
  'old-access-keys',
  'multiple-active-keys',
  'permissions-through-groups',
  'no-admin-outside-admin-role',
  'role-trust-open',
  'admin-role-without-mfa',
  'billing-access'
]

describe('runChecks', () => {
  it('reports every check in a stable order', () => {
    expect(runChecks(newAccount()).map((check) => check.id)).toEqual(ids)
  })

  it('fails a new account on root MFA, the root key and the missing password policy', () => {
    const statuses = Object.fromEntries(runChecks(newAccount()).map((check) => [check.id, check.status]))
    expect(statuses).toMatchObject({ 'root-mfa': 'fail', 'root-access-keys': 'warn', 'password-policy': 'fail' })
    expect(statuses['billing-access']).toBe('unknown')
  })

  it('passes a secured account with the article roles in place', () => {
    const mfa = (name: string) => [`arn:aws:iam::${ACCOUNT}:mfa/${name}`]
    const account = securedAccount({
      users: [
        user('admin', { groups: ['Administrators'], hasLoginProfile: true, mfaDevices: mfa('admin') }),
        user('dev', { groups: ['Developers'], hasLoginProfile: true, mfaDevices: mfa('dev') })
      ],
      groups: [
        group('Administrators', { attachedPolicies: [policy('arn:aws:iam::aws:policy/AdministratorAccess')] }),
        group('Developers', { attachedPolicies: [policy('arn:aws:iam::aws:policy/PowerUserAccess')] })
      ]
    })
    const results = runChecks(account, { adminGroupName: 'Administrators' })
    expect(results.filter((check) => check.status !== 'pass')).toEqual([])
  })

  it('passes a secured account in the roles layout: one user, roles it assumes with MFA', () => {
    const account = securedAccount({
      users: [user('person', { groups: ['CairnSignIn'], hasLoginProfile: true, mfaDevices: [`arn:aws:iam::${ACCOUNT}:mfa/person`] })],
      groups: [group('CairnSignIn')],
      roles: [
        role('admin', { attachedPolicies: [policy('arn:aws:iam::aws:policy/AdministratorAccess')] }),
        role('dev', { attachedPolicies: [policy('arn:aws:iam::aws:policy/PowerUserAccess')] }),
        role('billing', { attachedPolicies: [policy('arn:aws:iam::aws:policy/job-function/Billing')] })
      ]
    })
    expect(runChecks(account).filter((check) => check.status !== 'pass')).toEqual([])
  })

  it('fails the role checks on an admin role anyone may assume without MFA', () => {
    const account = securedAccount({
      roles: [role('admin', { attachedPolicies: [policy('arn:aws:iam::aws:policy/AdministratorAccess')], trustPolicy: trust('*') })]
    })
    const statuses = Object.fromEntries(runChecks(account).map((check) => [check.id, check.status]))
    expect(statuses).toMatchObject({ 'role-trust-open': 'fail', 'admin-role-without-mfa': 'fail' })
  })

  it('offers a fix only where an API can make it', () => {
    const withFix = runChecks(newAccount()).filter((check) => check.fix)
    expect(withFix.map((check) => check.fix?.id)).toEqual(['set-password-policy'])
  })

  it('never puts a secret in the evidence', () => {
    const evidence = runChecks(newAccount())
      .map((check) => check.evidence)
      .join('\n')
    expect(evidence).not.toMatch(/[A-Za-z0-9/+]{40}/)
  })
})
