export type { CheckFix, CheckResult } from '../../shared/domain/schemas'
export type { CheckId, CheckStatus } from '../../shared/domain/words'

export interface CheckOptions {
  /** The admin role's group, the one place AdministratorAccess belongs; none when there is no admin role. */
  adminGroupName?: string
}

/** Thresholds from the CIS AWS Foundations Benchmark. */
export const UNUSED_CREDENTIAL_DAYS = 45
export const ACCESS_KEY_ROTATION_DAYS = 90
