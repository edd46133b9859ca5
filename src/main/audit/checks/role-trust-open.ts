import type { CheckResult } from '../check-result'
import { listInWords } from '../plain-language'
import type { AccountSnapshot } from '../snapshot'
import { awsGrants, hasCondition, principalAccount, principalInWords, rolesToJudge } from './role-trust'

const title = 'No role is open to everyone or to another account'

/**
 * Fails on a role whose trust policy lets everyone, or a principal of another AWS account, assume
 * it with no condition at all: AWS recommends a condition such as sts:ExternalId for another
 * account. Principals of this account and AWS services are fine; service-linked roles are AWS's.
 */
export function roleTrustOpen(snapshot: AccountSnapshot): CheckResult {
  const roles = rolesToJudge(snapshot, 'role-trust-open', title)
  if (!Array.isArray(roles)) return roles

  const findings: string[] = []
  const unreadable: string[] = []
  for (const role of roles) {
    if (role.trustPolicy === null) {
      unreadable.push(role.roleName)
      continue
    }
    const trusted = new Set<string>()
    for (const grant of awsGrants(role.trustPolicy)) {
      if (hasCondition(grant.statement)) continue
      if (grant.principals === 'everyone') {
        trusted.add('anyone in any AWS account')
        continue
      }
      for (const principal of grant.principals) {
        const account = principalAccount(principal)
        if (account !== null && account !== snapshot.accountId) trusted.add(principalInWords(principal, snapshot.accountId))
      }
    }
    if (trusted.size > 0) findings.push(`role ${role.roleName} lets ${listInWords([...trusted])} assume it`)
  }

  if (findings.length > 0) {
    return {
      id: 'role-trust-open',
      title,
      status: 'fail',
      evidence:
        `${listInWords(findings)}, with no condition: whoever that is gets the role's permissions. ` +
        'Edit the trust policy to name only the people who need the role, and for another account add a condition such as sts:ExternalId.'
    }
  }
  if (unreadable.length > 0) {
    return {
      id: 'role-trust-open',
      title,
      status: 'unknown',
      evidence: `Cairn could not read the trust policy of ${listInWords(unreadable)}, so it cannot say who may assume ${unreadable.length === 1 ? 'it' : 'them'}.`
    }
  }
  return { id: 'role-trust-open', title, status: 'pass', evidence: 'No role trusts everyone or another account without a condition.' }
}
