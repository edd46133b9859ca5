import { describe, expect, it } from 'vitest'
import { AwsError } from '../../../src/practice/errors'
import { checkPassword, passwordConforms, passwordPolicyFromUpdate, type PasswordPolicy } from '../../../src/practice/rules/password-policy'

function errorOf(run: () => unknown): AwsError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AwsError)
    return error as AwsError
  }
  throw new Error('expected an error')
}

const strict: PasswordPolicy = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  ExpirePasswords: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 24,
  HardExpiry: false
}

describe('passwordPolicyFromUpdate', () => {
  it('resets every omitted field to its default', () => {
    expect(passwordPolicyFromUpdate({})).toEqual({
      MinimumPasswordLength: 6,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
      HardExpiry: false
    })
  })

  it('takes the values a strict policy sends, and derives ExpirePasswords from MaxPasswordAge', () => {
    expect(
      passwordPolicyFromUpdate({
        MinimumPasswordLength: '14',
        RequireSymbols: 'true',
        RequireNumbers: 'true',
        RequireUppercaseCharacters: 'true',
        RequireLowercaseCharacters: 'true',
        AllowUsersToChangePassword: 'true',
        MaxPasswordAge: '90',
        PasswordReusePrevention: '24',
        HardExpiry: 'false'
      })
    ).toEqual(strict)
  })

  it('forgets a previous MaxPasswordAge when an update omits it', () => {
    const policy = passwordPolicyFromUpdate({ MinimumPasswordLength: '8' })
    expect(policy.ExpirePasswords).toBe(false)
    expect(policy.MaxPasswordAge).toBeUndefined()
    expect(policy.PasswordReusePrevention).toBeUndefined()
  })

  it('reads booleans case-insensitively', () => {
    expect(passwordPolicyFromUpdate({ RequireSymbols: 'TRUE', HardExpiry: 'True' })).toMatchObject({
      RequireSymbols: true,
      HardExpiry: true
    })
  })

  it('bounds MinimumPasswordLength to 6-128', () => {
    expect(passwordPolicyFromUpdate({ MinimumPasswordLength: '6' }).MinimumPasswordLength).toBe(6)
    expect(passwordPolicyFromUpdate({ MinimumPasswordLength: '128' }).MinimumPasswordLength).toBe(128)
    const error = errorOf(() => passwordPolicyFromUpdate({ MinimumPasswordLength: '5' }))
    expect(error.code).toBe('ValidationError')
    expect(error.message).toBe(
      "1 validation error detected: Value '5' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6"
    )
    expect(() => passwordPolicyFromUpdate({ MinimumPasswordLength: '129' })).toThrow(/less than or equal to 128/)
  })

  it('bounds MaxPasswordAge to 1-1095 and PasswordReusePrevention to 1-24', () => {
    expect(() => passwordPolicyFromUpdate({ MaxPasswordAge: '0' })).toThrow(
      "Value '0' at 'maxPasswordAge' failed to satisfy constraint: Member must have value greater than or equal to 1"
    )
    expect(() => passwordPolicyFromUpdate({ MaxPasswordAge: '1096' })).toThrow(/less than or equal to 1095/)
    expect(() => passwordPolicyFromUpdate({ PasswordReusePrevention: '25' })).toThrow(
      "Value '25' at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24"
    )
    expect(passwordPolicyFromUpdate({ MaxPasswordAge: '1095', PasswordReusePrevention: '1' })).toMatchObject({
      MaxPasswordAge: 1095,
      ExpirePasswords: true,
      PasswordReusePrevention: 1
    })
  })

  it('reports every out-of-range value together', () => {
    const error = errorOf(() => passwordPolicyFromUpdate({ MinimumPasswordLength: '2', MaxPasswordAge: '5000' }))
    expect(error.message).toMatch(/^2 validation errors detected: Value '2' at 'minimumPasswordLength'.*; Value '5000' at 'maxPasswordAge'/)
  })

  it('refuses a boolean that is neither true nor false', () => {
    expect(() => passwordPolicyFromUpdate({ RequireSymbols: 'yes' })).toThrow(/Value 'yes' at 'requireSymbols'/)
  })
})

describe('checkPassword with a policy', () => {
  it('accepts a password meeting every requirement', () => {
    expect(() => checkPassword('Correct-Horse-9-Battery', strict)).not.toThrow()
  })

  it('rejects a password that is too short', () => {
    const error = errorOf(() => checkPassword('Sh0rt!pass', strict))
    expect(error.code).toBe('PasswordPolicyViolation')
    expect(error.status).toBe(400)
    expect(error.message).toBe('Password does not conform to the account password policy.')
  })

  it('rejects a password missing a required class of character', () => {
    expect(() => checkPassword('correct-horse-9-battery', strict)).toThrow('Password does not conform')
    expect(() => checkPassword('CORRECT-HORSE-9-BATTERY', strict)).toThrow('Password does not conform')
    expect(() => checkPassword('Correct-Horse-Battery', strict)).toThrow('Password does not conform')
    expect(() => checkPassword('CorrectHorse9Battery', strict)).toThrow('Password does not conform')
  })

  it("counts only IAM's symbols as symbols", () => {
    for (const symbol of "!@#$%^&*()_+-=[]{}|'") {
      expect(passwordConforms(`CorrectHorse9Battery${symbol}`, strict), symbol).toBe(true)
    }
    expect(passwordConforms('CorrectHorse9Battery~', strict)).toBe(false)
    expect(passwordConforms('CorrectHorse9Battery.', strict)).toBe(false)
  })

  it('under the default 6-character policy, accepts any password of six characters', () => {
    const lenient = passwordPolicyFromUpdate({})
    expect(passwordConforms('abcdef', lenient)).toBe(true)
    expect(passwordConforms('abcde', lenient)).toBe(false)
  })
})

describe('checkPassword without a policy', () => {
  it('requires at least 8 characters', () => {
    expect(passwordConforms('Ab1!Ab1', null)).toBe(false)
    expect(passwordConforms('Ab1!Ab1!', null)).toBe(true)
  })

  it('requires three of upper case, lower case, digits and symbols', () => {
    expect(passwordConforms('abcdefgh', null)).toBe(false)
    expect(passwordConforms('abcdEFGH', null)).toBe(false)
    expect(passwordConforms('abcdEFG1', null)).toBe(true)
    expect(passwordConforms('abcdefg1!', null)).toBe(true)
    expect(passwordConforms('ABCDEFG1!', null)).toBe(true)
    expect(passwordConforms('abcdefg1~', null)).toBe(false)
    expect(() => checkPassword('password', null)).toThrow('Password does not conform to the account password policy.')
  })
})
