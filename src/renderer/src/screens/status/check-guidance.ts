import type { CheckResultPayload } from '../../../../shared/contract'

/** Where in the journey a red or amber check gets fixed, when not by a button here. */
export const laterStep: Partial<Record<CheckResultPayload['id'], string>> = {
  'root-mfa': 'Fixed in “Secure the root user” (console only): go back there if you skipped it.',
  'console-users-mfa': '“MFA for each user” gives every new user an MFA device; the root user’s is set in “Secure the root user”.',
  'permissions-through-groups': '“Plan” puts each user in a group and gives permissions only there.',
  'no-admin-outside-admin-role': '“Plan” keeps AdministratorAccess to the optional admin role’s group.',
  'role-trust-open': 'Cairn changes only the trust policies it wrote: edit this role’s in the IAM console, under Roles > the role > Trust relationships.',
  'admin-role-without-mfa':
    '“Plan”, in the roles layout, makes an admin role that only your own user can assume, and only with MFA; for another role, add the MFA condition under Trust relationships in the IAM console.',
  'billing-access': '“Billing access” walks you through turning it on as root.'
}

export interface CheckCounts {
  pass: number
  warn: number
  fail: number
  unknown: number
}

export function countChecks(checks: readonly CheckResultPayload[]): CheckCounts {
  const counts: CheckCounts = { pass: 0, warn: 0, fail: 0, unknown: 0 }
  for (const check of checks) counts[check.status]++
  return counts
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export function summaryLine(counts: CheckCounts): string {
  const parts = [`${counts.pass} pass`, plural(counts.warn, 'warning', 'warnings'), `${counts.fail} failing`]
  if (counts.unknown > 0) parts.push(`${counts.unknown} could not be checked`)
  return parts.join(', ')
}
