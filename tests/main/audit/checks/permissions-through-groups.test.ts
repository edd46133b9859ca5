import { describe, expect, it } from 'vitest'
import { permissionsThroughGroups } from '../../../../src/main/audit/checks/permissions-through-groups'
import { newAccount, policy, user } from '../account-snapshot'

describe('permissions-through-groups', () => {
  it('warns about managed and inline policies attached directly to users', () => {
    const account = newAccount({
      users: [
        user('dev', { attachedPolicies: [policy('arn:aws:iam::aws:policy/PowerUserAccess')], inlinePolicyNames: ['s3-extra'] }),
        user('ops', { groups: ['Operations'] })
      ]
    })
    const result = permissionsThroughGroups(account)
    expect(result.status).toBe('warn')
    expect(result.evidence).toContain('dev has PowerUserAccess and inline policy s3-extra attached directly')
    expect(result.evidence).not.toContain('ops')
  })

  it('passes when users get everything from groups', () => {
    expect(permissionsThroughGroups(newAccount({ users: [user('ops', { groups: ['Operations'] })] })).status).toBe('pass')
  })
})
