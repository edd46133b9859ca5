import { describe, expect, it } from 'vitest'
import { rootMfa } from '../../../../src/main/audit/checks/root-mfa'
import { newAccount, securedAccount } from '../account-snapshot'

describe('root-mfa', () => {
  it('fails on a new account and points to the console, as AWS has no API for root MFA', () => {
    const result = rootMfa(newAccount())
    expect(result).toMatchObject({ id: 'root-mfa', status: 'fail' })
    expect(result.evidence).toContain('Multi-factor authentication (MFA)')
    expect(result.fix).toBeUndefined()
  })

  it('passes once AccountMFAEnabled is 1', () => {
    expect(rootMfa(securedAccount()).status).toBe('pass')
  })

  it('is unknown when the summary does not say', () => {
    expect(rootMfa(newAccount({ summary: {} })).status).toBe('unknown')
  })
})
