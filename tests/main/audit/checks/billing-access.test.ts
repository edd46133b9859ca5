import { describe, expect, it } from 'vitest'
import { billingAccess } from '../../../../src/main/audit/checks/billing-access'
import { newAccount } from '../account-snapshot'

describe('billing-access', () => {
  it('is unknown by default, with the root-only console path to check it', () => {
    const result = billingAccess(newAccount())
    expect(result.status).toBe('unknown')
    expect(result.evidence).toContain('IAM user and role access to Billing information')
  })

  it('passes when the setting is known to be on, and warns when off', () => {
    expect(billingAccess(newAccount({ billingAccess: 'on' })).status).toBe('pass')
    expect(billingAccess(newAccount({ billingAccess: 'off' })).status).toBe('warn')
  })
})
