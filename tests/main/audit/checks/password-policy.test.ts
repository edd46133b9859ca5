import { describe, expect, it } from 'vitest'
import { passwordPolicy, passwordPolicyFix, recommendedPasswordPolicy } from '../../../../src/main/audit/checks/password-policy'
import { newAccount, securedAccount } from '../account-snapshot'

describe('password-policy', () => {
  it('fails with a one-click fix when the account has no policy', () => {
    const result = passwordPolicy(newAccount())
    expect(result.status).toBe('fail')
    expect(result.fix).toEqual({ id: 'set-password-policy', label: expect.any(String) })
    expect(result.evidence).toContain('no password policy')
  })

  it('passes the recommended policy', () => {
    expect(passwordPolicy(securedAccount()).status).toBe('pass')
  })

  it('warns about a weaker policy and lists everything it is missing', () => {
    const result = passwordPolicy(
      newAccount({ passwordPolicy: { MinimumPasswordLength: 8, RequireNumbers: true, RequireLowercaseCharacters: true, PasswordReusePrevention: 5 } })
    )
    expect(result.status).toBe('warn')
    expect(result.fix?.id).toBe('set-password-policy')
    expect(result.evidence).toContain('a minimum length of 14 (it is 8)')
    expect(result.evidence).toContain('it remembers 5')
    expect(result.evidence).toContain('requiring uppercase letters and symbols')
    expect(result.evidence).not.toContain('numbers')
  })

  it("counts an unset minimum length as IAM's default of 6 and unset reuse prevention as off", () => {
    const result = passwordPolicy(
      newAccount({ passwordPolicy: { RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true } })
    )
    expect(result.evidence).toContain('(it is 6)')
    expect(result.evidence).toContain('(it is off)')
  })

  it('recommends 14 characters, all four kinds, 24 remembered, and no forced expiry', () => {
    expect(recommendedPasswordPolicy).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      PasswordReusePrevention: 24,
      AllowUsersToChangePassword: true
    })
    expect(recommendedPasswordPolicy).not.toHaveProperty('MaxPasswordAge')
  })

  it('never makes a stronger policy weaker, and keeps an expiry the user chose', () => {
    expect(passwordPolicyFix(null)).toEqual(recommendedPasswordPolicy)
    const fix = passwordPolicyFix({ MinimumPasswordLength: 20, MaxPasswordAge: 90, HardExpiry: false, RequireSymbols: false })
    expect(fix).toMatchObject({ MinimumPasswordLength: 20, MaxPasswordAge: 90, HardExpiry: false, RequireSymbols: true, PasswordReusePrevention: 24 })
  })
})
