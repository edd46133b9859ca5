export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown'

export type CheckId =
  | 'root-mfa'
  | 'root-access-keys'
  | 'password-policy'
  | 'console-users-mfa'
  | 'unused-credentials'
  | 'old-access-keys'
  | 'multiple-active-keys'
  | 'permissions-through-groups'
  | 'no-admin-outside-admin-role'
  | 'billing-access'

/** A fix Cairn can apply through an API; checks that need the console offer none. */
export interface CheckFix {
  id: 'set-password-policy'
  label: string
}

export interface CheckResult {
  id: CheckId
  title: string
  status: CheckStatus
  /** Plain language; names the users and key ids concerned, never a secret. */
  evidence: string
  fix?: CheckFix
}

export interface CheckOptions {
  /** The admin role's group, the one place AdministratorAccess belongs; none when there is no admin role. */
  adminGroupName?: string
}

/** Thresholds from the CIS AWS Foundations Benchmark. */
export const UNUSED_CREDENTIAL_DAYS = 45
export const ACCESS_KEY_ROTATION_DAYS = 90
