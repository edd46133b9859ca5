import { describe, expect, it } from 'vitest'
import { noAdminOutsideAdminRole } from '../../../../src/main/audit/checks/no-admin-outside-admin-role'
import { ACCOUNT, group, newAccount, policy, user } from '../account-snapshot'

const admin = policy('arn:aws:iam::aws:policy/AdministratorAccess')
const everything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: '*', Resource: '*' }] }
const s3Only = { Version: '2012-10-17', Statement: { Effect: 'Allow' as const, Action: 's3:*', Resource: '*' } }

describe('no-admin-outside-admin-role', () => {
  it('allows AdministratorAccess on the admin role group', () => {
    const account = newAccount({ groups: [group('Administrators', { attachedPolicies: [admin] })], users: [user('admin', { groups: ['Administrators'] })] })
    expect(noAdminOutsideAdminRole(account, { adminGroupName: 'Administrators' }).status).toBe('pass')
  })

  it('matches the admin group name as IAM does, ignoring case', () => {
    const account = newAccount({ groups: [group('administrators', { attachedPolicies: [admin] })] })
    expect(noAdminOutsideAdminRole(account, { adminGroupName: 'Administrators' }).status).toBe('pass')
  })

  it('fails on AdministratorAccess attached to a user, and says when it is the connected user', () => {
    const account = newAccount({
      caller: { arn: `arn:aws:iam::${ACCOUNT}:user/bootstrap`, isRoot: false, accessKeyId: 'AKIABOOTEXAMPLE00001' },
      users: [user('bootstrap', { attachedPolicies: [admin] })]
    })
    const result = noAdminOutsideAdminRole(account, { adminGroupName: 'Administrators' })
    expect(result.status).toBe('fail')
    expect(result.evidence).toContain('bootstrap (the user Cairn is connected as) has AdministratorAccess attached directly')
  })

  it('fails on another group granting administrator access and names its members', () => {
    const account = newAccount({
      groups: [group('Admins', { attachedPolicies: [admin] })],
      users: [user('alice', { groups: ['Admins'] }), user('bob', { groups: ['admins'] })]
    })
    const result = noAdminOutsideAdminRole(account, { adminGroupName: 'Administrators' })
    expect(result.status).toBe('fail')
    expect(result.evidence).toContain('group Admins (members alice and bob) grants AdministratorAccess')
  })

  it('flags every group when there is no admin role', () => {
    const account = newAccount({ groups: [group('Administrators', { attachedPolicies: [admin] })] })
    expect(noAdminOutsideAdminRole(account).status).toBe('fail')
  })

  it('finds "*" on "*" in inline and customer managed policies', () => {
    const custom = `arn:aws:iam::${ACCOUNT}:policy/GodMode`
    const account = newAccount({
      users: [user('dev', { inlinePolicyNames: ['all'], inlinePolicies: { all: everything } })],
      groups: [group('Ops', { attachedPolicies: [policy(custom)] }), group('Storage', { inlinePolicyNames: ['s3'], inlinePolicies: { s3: s3Only } })],
      customerPolicies: { [custom]: { Statement: [{ Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }] } }
    })
    const result = noAdminOutsideAdminRole(account, { adminGroupName: 'Administrators' })
    expect(result.status).toBe('fail')
    expect(result.evidence).toContain('dev has inline policy all attached directly')
    expect(result.evidence).toContain('group Ops (no members yet) grants GodMode')
    expect(result.evidence).not.toContain('Storage')
  })

  it('is unknown when a policy that might grant everything could not be read', () => {
    const account = newAccount({ groups: [group('Ops', { inlinePolicyNames: ['mystery'], inlinePolicies: {} })] })
    const result = noAdminOutsideAdminRole(account, { adminGroupName: 'Administrators' })
    expect(result.status).toBe('unknown')
    expect(result.evidence).toContain("group Ops's inline policy mystery")
  })

  it('does not need documents for AWS managed policies other than AdministratorAccess', () => {
    const account = newAccount({ groups: [group('Developers', { attachedPolicies: [policy('arn:aws:iam::aws:policy/PowerUserAccess')] })] })
    expect(noAdminOutsideAdminRole(account, { adminGroupName: 'Administrators' }).status).toBe('pass')
  })
})
