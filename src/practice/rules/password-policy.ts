import { awsErrors } from '../errors'
import { ValidationCollector, memberName, validateIntegerRange } from './names'

export interface PasswordPolicy {
  MinimumPasswordLength: number
  RequireSymbols: boolean
  RequireNumbers: boolean
  RequireUppercaseCharacters: boolean
  RequireLowercaseCharacters: boolean
  AllowUsersToChangePassword: boolean
  ExpirePasswords: boolean
  MaxPasswordAge?: number
  PasswordReusePrevention?: number
  HardExpiry?: boolean
}

/** The characters IAM counts as symbols: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ' */
export const passwordSymbols = "!@#$%^&*()_+-=[]{}|'"

const booleanParameters = [
  'RequireSymbols',
  'RequireNumbers',
  'RequireUppercaseCharacters',
  'RequireLowercaseCharacters',
  'AllowUsersToChangePassword',
  'HardExpiry'
] as const

function booleanOf(params: Record<string, string | undefined>, name: string, into: ValidationCollector): boolean {
  const raw = params[name]
  if (raw === undefined) return false
  if (/^true$/i.test(raw)) return true
  if (/^false$/i.test(raw)) return false
  into.fail(raw, memberName(name), 'Member must be a boolean')
  return false
}

/**
 * UpdateAccountPasswordPolicy: every omitted parameter goes back to its default (6
 * characters, nothing required, no expiry, no reuse prevention), as IAM does. All
 * out-of-range values are reported together in one ValidationError.
 */
export function passwordPolicyFromUpdate(params: Record<string, string | undefined>): PasswordPolicy {
  const errors = new ValidationCollector()
  const minimum = validateIntegerRange(params.MinimumPasswordLength, 'minimumPasswordLength', 6, 128, errors)
  const maxAge = validateIntegerRange(params.MaxPasswordAge, 'maxPasswordAge', 1, 1095, errors)
  const reuse = validateIntegerRange(params.PasswordReusePrevention, 'passwordReusePrevention', 1, 24, errors)
  const flags = Object.fromEntries(booleanParameters.map((name) => [name, booleanOf(params, name, errors)])) as Record<
    (typeof booleanParameters)[number],
    boolean
  >
  errors.throwIfAny()
  const policy: PasswordPolicy = {
    MinimumPasswordLength: minimum ?? 6,
    RequireSymbols: flags.RequireSymbols,
    RequireNumbers: flags.RequireNumbers,
    RequireUppercaseCharacters: flags.RequireUppercaseCharacters,
    RequireLowercaseCharacters: flags.RequireLowercaseCharacters,
    AllowUsersToChangePassword: flags.AllowUsersToChangePassword,
    ExpirePasswords: maxAge !== undefined,
    HardExpiry: flags.HardExpiry
  }
  if (maxAge !== undefined) policy.MaxPasswordAge = maxAge
  if (reuse !== undefined) policy.PasswordReusePrevention = reuse
  return policy
}

interface CharacterClasses {
  upper: boolean
  lower: boolean
  digit: boolean
  symbol: boolean
}

function classesOf(password: string): CharacterClasses {
  return {
    upper: /[A-Z]/.test(password),
    lower: /[a-z]/.test(password),
    digit: /[0-9]/.test(password),
    symbol: [...password].some((ch) => passwordSymbols.includes(ch))
  }
}

/** Whether a password satisfies the policy, or AWS's default when no policy is set. */
export function passwordConforms(password: string, policy: PasswordPolicy | null): boolean {
  const classes = classesOf(password)
  const length = [...password].length
  if (policy === null) {
    // AWS's default: at least 8 characters from at least three of the four classes.
    return length >= 8 && Object.values(classes).filter(Boolean).length >= 3
  }
  return (
    length >= policy.MinimumPasswordLength &&
    (!policy.RequireSymbols || classes.symbol) &&
    (!policy.RequireNumbers || classes.digit) &&
    (!policy.RequireUppercaseCharacters || classes.upper) &&
    (!policy.RequireLowercaseCharacters || classes.lower)
  )
}

/** Throws PasswordPolicyViolation ("Password does not conform to the account password policy."). */
export function checkPassword(password: string, policy: PasswordPolicy | null): void {
  if (!passwordConforms(password, policy)) throw awsErrors.passwordPolicyViolation()
}
