import type { CheckOptions, CheckResult } from './check-result'
import { adminRoleWithoutMfa } from './checks/admin-role-without-mfa'
import { billingAccess } from './checks/billing-access'
import { consoleUsersMfa } from './checks/console-users-mfa'
import { multipleActiveKeys } from './checks/multiple-active-keys'
import { noAdminOutsideAdminRole } from './checks/no-admin-outside-admin-role'
import { oldAccessKeys } from './checks/old-access-keys'
import { passwordPolicy } from './checks/password-policy'
import { permissionsThroughGroups } from './checks/permissions-through-groups'
import { roleTrustOpen } from './checks/role-trust-open'
import { rootAccessKeys } from './checks/root-access-keys'
import { rootMfa } from './checks/root-mfa'
import { unusedCredentials } from './checks/unused-credentials'
import type { AccountSnapshot } from './snapshot'

export type { CheckFix, CheckId, CheckOptions, CheckResult, CheckStatus } from './check-result'
export { passwordPolicyFix, recommendedPasswordPolicy } from './checks/password-policy'

/** The order the status screen shows: the root user first, as the article secures it first. */
const checks: ReadonlyArray<(snapshot: AccountSnapshot, options: CheckOptions) => CheckResult> = [
  rootMfa,
  rootAccessKeys,
  passwordPolicy,
  consoleUsersMfa,
  unusedCredentials,
  oldAccessKeys,
  multipleActiveKeys,
  permissionsThroughGroups,
  noAdminOutsideAdminRole,
  roleTrustOpen,
  adminRoleWithoutMfa,
  billingAccess
]

export function runChecks(snapshot: AccountSnapshot, options: CheckOptions = {}): CheckResult[] {
  return checks.map((check) => check(snapshot, options))
}
