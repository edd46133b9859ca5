import { describe, expect, it } from 'vitest'
import { unusedCredentials } from '../../../../src/main/audit/checks/unused-credentials'
import { daysAgo, newAccount, reportRow, reportTime, rootRow, user } from '../account-snapshot'

describe('unused-credentials', () => {
  it('passes when every credential was used recently', () => {
    const account = newAccount({
      credentialReport: [
        rootRow(),
        reportRow({
          user: 'dev',
          password_enabled: 'true',
          password_last_used: reportTime(daysAgo(3)),
          access_key_1_active: 'true',
          access_key_1_last_rotated: reportTime(daysAgo(100)),
          access_key_1_last_used_date: reportTime(daysAgo(1))
        })
      ]
    })
    expect(unusedCredentials(account)).toMatchObject({ status: 'pass', evidence: 'Every password and active access key was used in the last 45 days.' })
  })

  it('says there is nothing to judge yet when every password and key is younger than 45 days', () => {
    const account = newAccount({
      credentialReport: [
        rootRow({ access_key_1_active: 'true', access_key_1_last_rotated: reportTime(daysAgo(400)) }),
        reportRow({ user: 'billing', password_enabled: 'true', password_last_changed: reportTime(daysAgo(0)), password_last_used: 'no_information' }),
        reportRow({ user: 'dev', password_enabled: 'true', password_last_used: 'no_information', user_creation_time: reportTime(daysAgo(44)) }),
        reportRow({ user: 'ops', access_key_1_active: 'true', access_key_1_last_rotated: reportTime(daysAgo(1)), access_key_1_last_used_date: 'N/A' })
      ]
    })
    expect(unusedCredentials(account)).toMatchObject({ status: 'pass', evidence: 'Nothing to judge yet: every password and key is younger than 45 days.' })
  })

  it('says there is nothing to judge yet when no user has a password or an active key', () => {
    const account = newAccount({ credentialReport: [rootRow(), reportRow({ user: 'ops', access_key_1_active: 'false' })] })
    expect(unusedCredentials(account)).toMatchObject({ status: 'pass', evidence: 'Nothing to judge yet: no user has a password or an active access key.' })
  })

  it('judges a credential whose age the report does not give', () => {
    const account = newAccount({
      credentialReport: [rootRow(), reportRow({ user: 'dev', password_enabled: 'true', user_creation_time: 'N/A', password_last_used: reportTime(daysAgo(2)) })]
    })
    expect(unusedCredentials(account).evidence).toBe('Every password and active access key was used in the last 45 days.')
  })

  it('warns about a password last used 45 days ago or more', () => {
    const account = newAccount({
      credentialReport: [rootRow(), reportRow({ user: 'dev', password_enabled: 'true', password_last_used: reportTime(daysAgo(45)) })]
    })
    const result = unusedCredentials(account)
    expect(result.status).toBe('warn')
    expect(result.evidence).toContain("dev's password was last used 45 days ago")
  })

  it('counts a never-used password from when the user was created', () => {
    const fresh = newAccount({
      credentialReport: [
        rootRow(),
        reportRow({ user: 'dev', password_enabled: 'true', password_last_used: 'no_information', user_creation_time: reportTime(daysAgo(44)) })
      ]
    })
    expect(unusedCredentials(fresh).status).toBe('pass')
    const stale = newAccount({
      credentialReport: [
        rootRow(),
        reportRow({ user: 'dev', password_enabled: 'true', password_last_used: 'no_information', user_creation_time: reportTime(daysAgo(60)) })
      ]
    })
    expect(unusedCredentials(stale).evidence).toContain("dev's password has never been used in 60 days")
  })

  it('names a never-used active key by its id, counting from its creation', () => {
    const created = daysAgo(50)
    const account = newAccount({
      users: [user('ops', { accessKeys: [{ accessKeyId: 'AKIAOPSEXAMPLE000001', status: 'Active', createDate: created }] })],
      credentialReport: [
        rootRow(),
        reportRow({ user: 'ops', access_key_1_active: 'true', access_key_1_last_rotated: reportTime(created), access_key_1_last_used_date: 'N/A' })
      ]
    })
    const result = unusedCredentials(account)
    expect(result.status).toBe('warn')
    expect(result.evidence).toContain("ops's access key AKIAOPSEXAMPLE000001 has never been used in 50 days")
  })

  it('falls back to the report slot when the key id cannot be matched', () => {
    const account = newAccount({
      credentialReport: [
        rootRow(),
        reportRow({
          user: 'ops',
          access_key_2_active: 'true',
          access_key_2_last_rotated: reportTime(daysAgo(80)),
          access_key_2_last_used_date: reportTime(daysAgo(46))
        })
      ]
    })
    expect(unusedCredentials(account).evidence).toContain("ops's access key 2 was last used 46 days ago")
  })

  it('ignores inactive keys and the root user', () => {
    const account = newAccount({
      credentialReport: [
        rootRow({ password_last_used: reportTime(daysAgo(400)), access_key_1_active: 'true', access_key_1_last_rotated: reportTime(daysAgo(400)) }),
        reportRow({ user: 'ops', access_key_1_active: 'false', access_key_1_last_rotated: reportTime(daysAgo(400)) })
      ]
    })
    expect(unusedCredentials(account).status).toBe('pass')
  })

  it('is unknown without a credential report', () => {
    expect(unusedCredentials(newAccount({ credentialReport: null })).status).toBe('unknown')
  })
})
