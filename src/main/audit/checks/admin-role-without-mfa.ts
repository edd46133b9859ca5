import type { CheckResult } from '../check-result'
import { listInWords } from '../plain-language'
import type { AccountRole, AccountSnapshot } from '../snapshot'
import { fullAccessPolicies, type PolicyHolder } from './full-access'
import { awsGrants, deniesWithoutMfa, onlyBoolIfExistsMfa, principalInWords, requiresMfa, rolesToJudge } from './role-trust'

const title = 'Roles with full access need MFA'

interface Opening {
  /** Who may assume the role without MFA, in words. */
  who: string[]
  /** True when a BoolIfExists condition looks like MFA but lets an access key through. */
  boolIfExists: boolean
}

/** Who may assume the role with no MFA asked; null when the trust policy could not be read. */
function withoutMfa(role: AccountRole, accountId: string): Opening | null {
  if (role.trustPolicy === null) return null
  const opening: Opening = { who: [], boolIfExists: false }
  if (deniesWithoutMfa(role.trustPolicy)) return opening
  const who = new Set<string>()
  for (const grant of awsGrants(role.trustPolicy)) {
    if (requiresMfa(grant.statement)) continue
    if (onlyBoolIfExistsMfa(grant.statement)) opening.boolIfExists = true
    if (grant.principals === 'everyone') who.add('anyone in any AWS account')
    else for (const principal of grant.principals) who.add(principalInWords(principal, accountId))
  }
  opening.who = [...who]
  return opening
}

/**
 * Fails on a role with full access to everything that an IAM principal (not an AWS service) may
 * assume without MFA: its trust policy should ask for Bool aws:MultiFactorAuthPresent "true" or a
 * recent aws:MultiFactorAuthAge. Service-linked roles are AWS's and are left out.
 */
export function adminRoleWithoutMfa(snapshot: AccountSnapshot): CheckResult {
  const roles = rolesToJudge(snapshot, 'admin-role-without-mfa', title)
  if (!Array.isArray(roles)) return roles

  const customerPolicies = snapshot.customerPolicies ?? {}
  const findings: string[] = []
  const unreadable: string[] = []
  let boolIfExists = false
  for (const role of roles) {
    const opening = withoutMfa(role, snapshot.accountId)
    if (opening !== null && opening.who.length === 0) continue
    // A role's inline documents are not in the snapshot (yet): such a policy counts as unread.
    const holder: PolicyHolder = role
    const verdict = fullAccessPolicies(holder, customerPolicies)
    if (opening === null) {
      if (verdict.admin.length > 0 || verdict.unreadable.length > 0) unreadable.push(`${role.roleName}'s trust policy`)
      continue
    }
    if (verdict.admin.length > 0) {
      findings.push(`${listInWords(opening.who)} can assume role ${role.roleName} (${listInWords(verdict.admin)}) without MFA`)
      boolIfExists ||= opening.boolIfExists
    }
    unreadable.push(...verdict.unreadable.map((name) => `role ${role.roleName}'s ${name}`))
  }

  if (findings.length > 0) {
    const ifExists = boolIfExists ? ' BoolIfExists is not enough: it lets an access key without MFA through.' : ''
    return {
      id: 'admin-role-without-mfa',
      title,
      status: 'fail',
      evidence:
        `${listInWords(findings)}: full access to everything with a password or access key alone.${ifExists} ` +
        `Edit ${findings.length === 1 ? 'its' : 'each'} trust policy and add the condition "Bool": {"aws:MultiFactorAuthPresent": "true"}, so the role is assumed only with an MFA code.`
    }
  }
  if (unreadable.length > 0) {
    return {
      id: 'admin-role-without-mfa',
      title,
      status: 'unknown',
      evidence: `No role with full access can be assumed without MFA, as far as Cairn can read, but it could not read ${listInWords(unreadable)} to be sure.`
    }
  }
  return { id: 'admin-role-without-mfa', title, status: 'pass', evidence: 'No role with full access to everything can be assumed without MFA.' }
}
