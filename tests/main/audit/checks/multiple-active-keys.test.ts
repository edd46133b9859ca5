import { describe, expect, it } from 'vitest'
import { multipleActiveKeys } from '../../../../src/main/audit/checks/multiple-active-keys'
import { daysAgo, newAccount, user } from '../account-snapshot'

const key = (accessKeyId: string, status: 'Active' | 'Inactive') => ({ accessKeyId, status, createDate: daysAgo(1) })

describe('multiple-active-keys', () => {
  it('warns about a user with two active keys and names both', () => {
    const account = newAccount({ users: [user('dev', { accessKeys: [key('AKIADEVEXAMPLE000001', 'Active'), key('AKIADEVEXAMPLE000002', 'Active')] })] })
    const result = multipleActiveKeys(account)
    expect(result.status).toBe('warn')
    expect(result.evidence).toContain('dev has 2 active keys (AKIADEVEXAMPLE000001 and AKIADEVEXAMPLE000002)')
  })

  it('passes one active key beside an inactive one', () => {
    const account = newAccount({ users: [user('dev', { accessKeys: [key('AKIADEVEXAMPLE000001', 'Active'), key('AKIADEVEXAMPLE000002', 'Inactive')] })] })
    expect(multipleActiveKeys(account).status).toBe('pass')
  })
})
