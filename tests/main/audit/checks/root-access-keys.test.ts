import { describe, expect, it } from 'vitest'
import { rootAccessKeys } from '../../../../src/main/audit/checks/root-access-keys'
import { BOOTSTRAP_KEY, newAccount, reportTime, rootRow, securedAccount, daysAgo } from '../account-snapshot'

describe('root-access-keys', () => {
  it('passes when AccountAccessKeysPresent is 0', () => {
    expect(rootAccessKeys(securedAccount()).status).toBe('pass')
  })

  it('warns, not fails, when the only root key is the temporary one Cairn is connected with, naming the step that deletes it', () => {
    const result = rootAccessKeys(newAccount())
    expect(result).toMatchObject({ id: 'root-access-keys', status: 'warn' })
    expect(result.evidence).toBe(`Only the temporary key Cairn is connected with (${BOOTSTRAP_KEY}); it is deleted in the Billing access step.`)
  })

  it('warns the same way when there is no credential report to count the keys', () => {
    expect(rootAccessKeys(newAccount({ credentialReport: null })).status).toBe('warn')
  })

  it('fails a root key that is not the one Cairn is connected with, even when connected as root with a session', () => {
    const account = newAccount({ caller: { arn: 'arn:aws:iam::123456789012:root', isRoot: true, accessKeyId: 'ASIAIOSFODNN7EXAMPLE' } })
    const result = rootAccessKeys(account)
    expect(result.status).toBe('fail')
    expect(result.evidence).toContain('Delete it in the console')
  })

  it('asks the user to delete a second root key themselves', () => {
    const account = newAccount({
      credentialReport: [
        rootRow({
          access_key_1_active: 'true',
          access_key_1_last_rotated: reportTime(daysAgo(0)),
          access_key_2_active: 'true',
          access_key_2_last_rotated: reportTime(daysAgo(300))
        })
      ]
    })
    const result = rootAccessKeys(account)
    expect(result.status).toBe('fail')
    expect(result.evidence).toMatch(/2 access keys: AKIAIOSFODNN7EXAMPLE, the temporary key Cairn is connected with .* and another one/)
  })

  it('fails without blaming Cairn when connected as an IAM user', () => {
    const account = securedAccount({ summary: { AccountAccessKeysPresent: 1 }, credentialReport: [rootRow({ access_key_1_active: 'true' })] })
    const result = rootAccessKeys(account)
    expect(result.status).toBe('fail')
    expect(result.evidence).not.toContain('Cairn is connected with')
    expect(result.evidence).toContain('Delete it in the console')
  })

  it('is unknown when the summary does not say', () => {
    expect(rootAccessKeys(newAccount({ summary: {} })).status).toBe('unknown')
  })
})
