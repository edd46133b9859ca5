import { describe, expect, it } from 'vitest'
import { AwsError } from '../../../src/practice/errors'
import {
  memberName,
  validateAccessKeyId,
  validateAuthenticationCode,
  validateDurationSeconds,
  validateFederatedUserName,
  validateGroupName,
  validateMaxItems,
  validatePassword,
  validatePath,
  validatePathPrefix,
  validatePolicyArn,
  validateRequired,
  validateSerialNumber,
  validateTokenCode,
  validateUserName,
  validateVirtualMfaDeviceName,
  validationCollector
} from '../../../src/practice/rules/names'

function failure(run: () => unknown): AwsError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AwsError)
    return error as AwsError
  }
  throw new Error('expected a validation error')
}

const messageOf = (run: () => unknown): string => {
  const error = failure(run)
  expect(error.code).toBe('ValidationError')
  expect(error.status).toBe(400)
  expect(error.type).toBe('Sender')
  return error.message
}

describe('user and group names', () => {
  it('accepts names made of letters, digits and +=,.@_-', () => {
    expect(validateUserName('alice.smith+dev@example_co-1=2,3', { max: 64 })).toBe('alice.smith+dev@example_co-1=2,3')
    expect(validateGroupName('Developers')).toBe('Developers')
  })

  it("rejects other characters with AWS's pattern message", () => {
    expect(messageOf(() => validateUserName('bad name', { max: 64 }))).toBe(
      "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
    )
    expect(messageOf(() => validateGroupName('dev/ops'))).toBe(
      "1 validation error detected: Value 'dev/ops' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
    )
  })

  it('limits user names to 64 characters where CreateUser does, and 128 elsewhere', () => {
    const long = 'a'.repeat(65)
    expect(messageOf(() => validateUserName(long, { max: 64 }))).toBe(
      `1 validation error detected: Value '${long}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`
    )
    expect(validateUserName(long, { max: 128 })).toBe(long)
    expect(() => validateUserName('a'.repeat(129), { max: 128 })).toThrow(/less than or equal to 128/)
    expect(() => validateGroupName('g'.repeat(129))).toThrow(/less than or equal to 128/)
  })

  it('counts every failed constraint of one value', () => {
    const bad = 'x y'.repeat(30)
    expect(messageOf(() => validateUserName(bad, { max: 64 }))).toBe(
      `2 validation errors detected: Value '${bad}' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; ` +
        `Value '${bad}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`
    )
  })

  it('reports an empty name as both too short and not matching', () => {
    expect(messageOf(() => validateGroupName(''))).toBe(
      "2 validation errors detected: Value '' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; " +
        "Value '' at 'groupName' failed to satisfy constraint: Member must have length greater than or equal to 1"
    )
  })

  it('reports an absent name as null', () => {
    expect(messageOf(() => validateUserName(undefined, { max: 64 }))).toBe(
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null"
    )
  })

  it('names the field as the caller says', () => {
    expect(messageOf(() => validateUserName('a b', { max: 128 }, 'newUserName'))).toContain("at 'newUserName'")
  })
})

describe('collecting failures across parameters', () => {
  it('reports all failures of several parameters in one error', () => {
    const errors = validationCollector()
    validateUserName('bad name', { max: 64 }, 'userName', errors)
    validateRequired({}, 'GroupName', errors)
    validateMaxItems('0', 'maxItems', errors)
    expect(errors.count).toBe(3)
    expect(messageOf(() => errors.throwIfAny())).toBe(
      '3 validation errors detected: ' +
        "Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; " +
        "Value null at 'groupName' failed to satisfy constraint: Member must not be null; " +
        "Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"
    )
  })

  it('does not throw while collecting, nor when nothing failed', () => {
    const errors = validationCollector()
    expect(validateUserName('good', { max: 64 }, 'userName', errors)).toBe('good')
    expect(() => errors.throwIfAny()).not.toThrow()
  })
})

describe('validateRequired', () => {
  it('returns a present parameter, even an empty one', () => {
    expect(validateRequired({ UserName: 'alice' }, 'UserName')).toBe('alice')
    expect(validateRequired({ UserName: '' }, 'UserName')).toBe('')
  })

  it("reports a missing parameter by AWS's member name", () => {
    expect(messageOf(() => validateRequired({}, 'UserName'))).toBe(
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null"
    )
    expect(messageOf(() => validateRequired({}, 'VirtualMFADeviceName'))).toContain("at 'virtualMFADeviceName'")
  })

  it('turns query parameter names into member names', () => {
    expect(memberName('AuthenticationCode1')).toBe('authenticationCode1')
    expect(memberName('SerialNumber')).toBe('serialNumber')
  })
})

describe('paths', () => {
  it('accepts / and slash-delimited paths', () => {
    expect(validatePath('/')).toBe('/')
    expect(validatePath('/division_abc/subdivision_xyz/')).toBe('/division_abc/subdivision_xyz/')
  })

  it("rejects paths that do not start and end with '/' in IAM's own words", () => {
    const message = 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.'
    expect(messageOf(() => validatePath('dev'))).toBe(message)
    expect(messageOf(() => validatePath('/dev'))).toBe(message)
    expect(messageOf(() => validatePath('/a b/'))).toBe(message)
    expect(validatePath('/dev/', 'newPath')).toBe('/dev/')
    expect(messageOf(() => validatePath('dev/', 'newPath'))).toBe(message.replace('for path', 'for newPath'))
    expect(() => validatePath(`/${'a'.repeat(511)}/`)).toThrow(/less than or equal to 512/)
  })

  it('accepts prefixes that start with /, and words a bad one as IAM does', () => {
    expect(validatePathPrefix('/')).toBe('/')
    expect(validatePathPrefix('/dev')).toBe('/dev')
    expect(messageOf(() => validatePathPrefix('dev'))).toBe(
      'The specified value for pathPrefix is invalid. It must begin with the / character and contain only alphanumeric characters and/or / characters.'
    )
  })
})

describe('access keys and MFA', () => {
  it('accepts access key ids of 16 to 128 word characters', () => {
    expect(validateAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIAIOSFODNN7EXAMPLE')
    expect(() => validateAccessKeyId('AKIA')).toThrow(/greater than or equal to 16/)
    expect(() => validateAccessKeyId('AKIA-IOSFODNN7EXAMPLE')).toThrow(/\[\\w\]\+/)
  })

  it('accepts authentication codes of exactly six digits', () => {
    expect(validateAuthenticationCode('012345', 'authenticationCode1')).toBe('012345')
    expect(messageOf(() => validateAuthenticationCode('12345', 'authenticationCode2'))).toBe(
      "1 validation error detected: Value '12345' at 'authenticationCode2' failed to satisfy constraint: Member must have length greater than or equal to 6"
    )
    expect(messageOf(() => validateAuthenticationCode('12345a', 'authenticationCode1'))).toBe(
      "1 validation error detected: Value '12345a' at 'authenticationCode1' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]+"
    )
    expect(() => validateAuthenticationCode('1234567', 'authenticationCode1')).toThrow(/less than or equal to 6/)
  })

  it("checks STS token codes with STS's pattern", () => {
    expect(validateTokenCode('123456')).toBe('123456')
    expect(messageOf(() => validateTokenCode('abcdef'))).toContain(
      "at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*"
    )
  })

  it('accepts MFA serial numbers and device names', () => {
    expect(validateSerialNumber('arn:aws:iam::123456789012:mfa/alice')).toBe('arn:aws:iam::123456789012:mfa/alice')
    expect(() => validateSerialNumber('short')).toThrow(/greater than or equal to 9/)
    expect(() => validateSerialNumber('bad serial number', 'serialNumber', undefined, { sts: true })).toThrow(/pattern: \[\\w\+=\/:,\.@-\]\*/)
    expect(validateVirtualMfaDeviceName('alice')).toBe('alice')
    expect(messageOf(() => validateVirtualMfaDeviceName('my phone'))).toContain("at 'virtualMFADeviceName'")
  })
})

describe('federated user names', () => {
  it('accepts 2 to 32 name characters', () => {
    expect(validateFederatedUserName('cairn-billing')).toBe('cairn-billing')
    expect(messageOf(() => validateFederatedUserName('a'))).toBe(
      "1 validation error detected: Value 'a' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2"
    )
    expect(() => validateFederatedUserName('a'.repeat(33))).toThrow(/less than or equal to 32/)
    expect(() => validateFederatedUserName('bad name')).toThrow(/pattern: \[\\w\+=,\.@-\]\*/)
  })
})

describe('passwords', () => {
  it('hides the value, as AWS does for sensitive members', () => {
    expect(messageOf(() => validatePassword('', 'password'))).toBe(
      "2 validation errors detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+; " +
        "Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1"
    )
    expect(messageOf(() => validatePassword('p'.repeat(129), 'newPassword'))).not.toContain('ppp')
    expect(validatePassword('Tr0ub4dor&3')).toBe('Tr0ub4dor&3')
  })

  it('allows tabs, line breaks and Latin-1 characters but nothing beyond', () => {
    expect(validatePassword('caf\u00e9\tna\u00efve\r\n')).toBe('caf\u00e9\tna\u00efve\r\n')
    expect(messageOf(() => validatePassword('price\u20ac1'))).toContain('Member must satisfy regular expression pattern')
    expect(() => validatePassword('bell\u0007')).toThrow(/regular expression pattern/)
  })
})

describe('policy ARNs', () => {
  it('accepts ARNs of AWS managed and customer managed policies', () => {
    expect(validatePolicyArn('arn:aws:iam::aws:policy/job-function/Billing')).toBe('arn:aws:iam::aws:policy/job-function/Billing')
    expect(validatePolicyArn('arn:aws:iam::123456789012:policy/Mine')).toBe('arn:aws:iam::123456789012:policy/Mine')
  })

  it('rejects values too short to be an ARN as a validation error', () => {
    expect(messageOf(() => validatePolicyArn('arn:aws:iam::x'))).toBe(
      "1 validation error detected: Value 'arn:aws:iam::x' at 'policyArn' failed to satisfy constraint: Member must have length greater than or equal to 20"
    )
  })

  it('rejects long values that are not ARNs as InvalidInput', () => {
    const error = failure(() => validatePolicyArn('this-is-not-an-arn-at-all'))
    expect(error.code).toBe('InvalidInput')
    expect(error.status).toBe(400)
    expect(error.message).toBe('ARN this-is-not-an-arn-at-all is not valid.')
  })
})

describe('numbers', () => {
  it('bounds MaxItems to 1-1000 and passes an absent one through', () => {
    expect(validateMaxItems(undefined)).toBeUndefined()
    expect(validateMaxItems('100')).toBe(100)
    expect(validateMaxItems(1000)).toBe(1000)
    expect(messageOf(() => validateMaxItems('1001'))).toBe(
      "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"
    )
    expect(() => validateMaxItems('ten')).toThrow(/Value 'ten' at 'maxItems'/)
  })

  it('bounds DurationSeconds as the caller says', () => {
    expect(validateDurationSeconds('43200', 900, 129600)).toBe(43200)
    expect(validateDurationSeconds(undefined, 900, 129600)).toBeUndefined()
    expect(messageOf(() => validateDurationSeconds('899', 900, 129600))).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
    )
    expect(() => validateDurationSeconds('3601', 900, 3600)).toThrow(/less than or equal to 3600/)
  })
})
