import { describe, expect, it } from 'vitest'
import { oldAccessKeys } from '../../../../src/main/audit/checks/old-access-keys'
import { daysAgo, newAccount, user } from '../account-snapshot'

describe('old-access-keys', () => {
  it('warns about active keys more than 90 days old, by user and key id', () => {
    const account = newAccount({
      users: [
        user('ops', {
          accessKeys: [
            { accessKeyId: 'AKIAOPSEXAMPLE000001', status: 'Active', createDate: daysAgo(120) },
            { accessKeyId: 'AKIAOPSEXAMPLE000002', status: 'Active', createDate: daysAgo(90) }
          ]
        })
      ]
    })
    const result = oldAccessKeys(account)
    expect(result.status).toBe('warn')
    expect(result.evidence).toContain("ops's access key AKIAOPSEXAMPLE000001 is 120 days old")
    expect(result.evidence).not.toContain('AKIAOPSEXAMPLE000002')
  })

  it('ignores inactive keys', () => {
    const account = newAccount({
      users: [user('ops', { accessKeys: [{ accessKeyId: 'AKIAOPSEXAMPLE000001', status: 'Inactive', createDate: daysAgo(500) }] })]
    })
    expect(oldAccessKeys(account)).toMatchObject({ status: 'pass', evidence: 'Nothing to judge yet: no user has an active access key.' })
  })

  it('says there is nothing to judge yet when every key belongs to a user younger than 90 days', () => {
    const account = newAccount({
      users: [
        user('dev', { createDate: daysAgo(0), accessKeys: [{ accessKeyId: 'AKIADEVEXAMPLE000001', status: 'Active', createDate: daysAgo(0) }] }),
        user('ops', { createDate: daysAgo(89), accessKeys: [{ accessKeyId: 'AKIAOPSEXAMPLE000001', status: 'Active', createDate: daysAgo(80) }] })
      ]
    })
    expect(oldAccessKeys(account)).toMatchObject({ status: 'pass', evidence: 'Nothing to judge yet: every access key is younger than 90 days.' })
  })

  it('passes as judged when an older user has a key made or rotated since', () => {
    const account = newAccount({
      users: [user('ops', { createDate: daysAgo(400), accessKeys: [{ accessKeyId: 'AKIAOPSEXAMPLE000001', status: 'Active', createDate: daysAgo(30) }] })]
    })
    expect(oldAccessKeys(account)).toMatchObject({ status: 'pass', evidence: 'No active access key is older than 90 days.' })
  })
})
