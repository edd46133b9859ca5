import { describe, expect, it } from 'vitest'
import { consoleUsersMfa } from '../../../../src/main/audit/checks/console-users-mfa'
import { ACCOUNT, daysAgo, newAccount, rootRow, securedAccount, user } from '../account-snapshot'

const mfa = (name: string) => [`arn:aws:iam::${ACCOUNT}:mfa/${name}`]

describe('console-users-mfa', () => {
  it('names every console user without MFA, the root user included', () => {
    const account = newAccount({
      users: [
        user('dev', { hasLoginProfile: true }),
        user('ops', { hasLoginProfile: true, mfaDevices: mfa('ops') }),
        user('billing', { hasLoginProfile: true })
      ]
    })
    const result = consoleUsersMfa(account)
    expect(result.status).toBe('fail')
    expect(result.evidence).toContain('The root user, dev and billing sign in to the console with a password alone')
    expect(result.evidence).not.toContain('ops')
  })

  it('ignores users without a console password', () => {
    const account = securedAccount({ users: [user('ci', { accessKeys: [{ accessKeyId: 'AKIACIEXAMPLE0000001', status: 'Active', createDate: daysAgo(1) }] })] })
    expect(consoleUsersMfa(account)).toMatchObject({ status: 'pass', evidence: 'The root user has MFA, and no IAM user has a console password.' })
  })

  it('passes when root and every console user have MFA', () => {
    const account = securedAccount({ users: [user('dev', { hasLoginProfile: true, mfaDevices: mfa('dev') })] })
    expect(consoleUsersMfa(account).status).toBe('pass')
  })

  it('reads root MFA from the account summary when there is no credential report', () => {
    expect(consoleUsersMfa(newAccount({ credentialReport: null })).evidence).toContain('The root user signs in')
    expect(consoleUsersMfa(securedAccount({ credentialReport: null })).status).toBe('pass')
  })

  it('is unknown when nothing says whether root has MFA', () => {
    expect(consoleUsersMfa(newAccount({ credentialReport: null, summary: {} })).status).toBe('unknown')
  })

  it('trusts the credential report row for root', () => {
    expect(consoleUsersMfa(securedAccount({ credentialReport: [rootRow({ mfa_active: 'false' })] })).status).toBe('fail')
  })
})
