import type { CheckResult } from '../check-result'
import { listInWords } from '../plain-language'
import type { AccountSnapshot } from '../snapshot'

const title = 'Permissions come only through groups'

export function permissionsThroughGroups(snapshot: AccountSnapshot): CheckResult {
  const direct = snapshot.users
    .map((user) => ({
      user: user.userName,
      policies: [...user.attachedPolicies.map((p) => p.policyName), ...user.inlinePolicyNames.map((name) => `inline policy ${name}`)]
    }))
    .filter((entry) => entry.policies.length > 0)
  if (direct.length === 0) {
    return { id: 'permissions-through-groups', title, status: 'pass', evidence: 'No user has a policy of its own; every permission comes from a group.' }
  }
  const described = direct.map((entry) => `${entry.user} has ${listInWords(entry.policies)} attached directly`)
  return {
    id: 'permissions-through-groups',
    title,
    status: 'warn',
    evidence: `${listInWords(described)}. Move these permissions to a group, so one place says who can do what.`
  }
}
