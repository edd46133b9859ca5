import { describe, expect, it } from 'vitest'
import type { CheckResultPayload } from '../../../../src/shared/contract'
import { countChecks, laterStep, summaryLine } from '../../../../src/renderer/src/screens/status/check-guidance'

const check = (status: CheckResultPayload['status']): CheckResultPayload => ({ id: 'root-mfa', title: 'Root MFA', status, evidence: '' })

describe('security status guidance', () => {
  it('counts the checks by status', () => {
    expect(countChecks([check('pass'), check('pass'), check('warn'), check('fail'), check('unknown')])).toEqual({ pass: 2, warn: 1, fail: 1, unknown: 1 })
    expect(countChecks([])).toEqual({ pass: 0, warn: 0, fail: 0, unknown: 0 })
  })

  it('sums the checks up in one line, mentioning the unchecked only when there are some', () => {
    expect(summaryLine({ pass: 7, warn: 1, fail: 2, unknown: 0 })).toBe('7 pass, 1 warning, 2 failing')
    expect(summaryLine({ pass: 5, warn: 2, fail: 0, unknown: 3 })).toBe('5 pass, 2 warnings, 0 failing, 3 could not be checked')
  })

  it('says which later step fixes a check that has no button here', () => {
    expect(laterStep['root-mfa']).toMatch(/Secure the root user/)
    expect(laterStep['billing-access']).toMatch(/Billing access/)
    expect(laterStep['password-policy']).toBeUndefined()
  })
})
