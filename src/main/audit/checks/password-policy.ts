import type { UpdateAccountPasswordPolicyRequest } from '@aws-sdk/client-iam'
import type { CheckResult } from '../check-result'
import { listInWords } from '../plain-language'
import type { AccountSnapshot, PasswordPolicy } from '../snapshot'

const title = 'A strong password policy'

const MIN_LENGTH = 14
const REUSE_PREVENTION = 24

/**
 * What the one-click fix sends. There is no MaxPasswordAge on purpose: NIST SP 800-63B
 * (and CIS since v1.5) advise against forced periodic changes, which push people to
 * predictable variations; length, variety and no reuse protect better.
 */
export const recommendedPasswordPolicy = {
  MinimumPasswordLength: MIN_LENGTH,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  PasswordReusePrevention: REUSE_PREVENTION,
  AllowUsersToChangePassword: true
} as const satisfies UpdateAccountPasswordPolicyRequest

/**
 * The fix for this account: the recommendation, never weaker than what is set. An expiry the
 * user chose is kept, because UpdateAccountPasswordPolicy resets every omitted field.
 */
export function passwordPolicyFix(current: PasswordPolicy | null): UpdateAccountPasswordPolicyRequest {
  const input: UpdateAccountPasswordPolicyRequest = {
    ...recommendedPasswordPolicy,
    MinimumPasswordLength: Math.max(MIN_LENGTH, current?.MinimumPasswordLength ?? 0)
  }
  if (current?.MaxPasswordAge !== undefined) input.MaxPasswordAge = current.MaxPasswordAge
  if (current?.HardExpiry !== undefined) input.HardExpiry = current.HardExpiry
  return input
}

/** What the policy lacks, in words a user can act on; empty when it is strong enough. */
export function passwordPolicyGaps(policy: PasswordPolicy): string[] {
  const gaps: string[] = []
  const length = policy.MinimumPasswordLength ?? 6
  if (length < MIN_LENGTH) gaps.push(`a minimum length of ${MIN_LENGTH} (it is ${length})`)
  const reuse = policy.PasswordReusePrevention ?? 0
  if (reuse < REUSE_PREVENTION) {
    gaps.push(
      reuse === 0
        ? `preventing reuse of the last ${REUSE_PREVENTION} passwords (it is off)`
        : `preventing reuse of the last ${REUSE_PREVENTION} passwords (it remembers ${reuse})`
    )
  }
  const classes: Array<[boolean | undefined, string]> = [
    [policy.RequireUppercaseCharacters, 'uppercase letters'],
    [policy.RequireLowercaseCharacters, 'lowercase letters'],
    [policy.RequireNumbers, 'numbers'],
    [policy.RequireSymbols, 'symbols']
  ]
  const missing = classes.filter(([required]) => required !== true).map(([, name]) => name)
  if (missing.length > 0) gaps.push(`requiring ${listInWords(missing)}`)
  return gaps
}

const fix = { id: 'set-password-policy', label: 'Set the recommended password policy' } as const

export function passwordPolicy(snapshot: AccountSnapshot): CheckResult {
  const policy = snapshot.passwordPolicy
  if (policy === null) {
    return {
      id: 'password-policy',
      title,
      status: 'fail',
      evidence:
        'The account has no password policy, so IAM accepts any password of 8 characters that mixes 3 of the 4 kinds ' +
        '(uppercase, lowercase, numbers, symbols). ' +
        `Recommended: at least ${MIN_LENGTH} characters, all four kinds, and no reuse of the last ${REUSE_PREVENTION}.`,
      fix
    }
  }
  const gaps = passwordPolicyGaps(policy)
  if (gaps.length === 0) {
    return {
      id: 'password-policy',
      title,
      status: 'pass',
      evidence: `The password policy asks for at least ${policy.MinimumPasswordLength} characters, all four kinds, and no reuse of the last ${policy.PasswordReusePrevention}.`
    }
  }
  return { id: 'password-policy', title, status: 'warn', evidence: `The password policy is missing ${listInWords(gaps)}.`, fix }
}
