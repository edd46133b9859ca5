import type { CheckOptions, CheckResult } from '../check-result'
import { listInWords } from '../plain-language'
import { sameName, type AccountSnapshot } from '../snapshot'
import { fullAccessPolicies as judge } from './full-access'

const title = 'Administrator access only in the admin role'

export function noAdminOutsideAdminRole(snapshot: AccountSnapshot, options: CheckOptions = {}): CheckResult {
  const customerPolicies = snapshot.customerPolicies ?? {}
  const findings: string[] = []
  const unreadable: string[] = []

  for (const user of snapshot.users) {
    const verdict = judge(user, customerPolicies)
    const who = user.arn === snapshot.caller.arn ? `${user.userName} (the user Cairn is connected as)` : user.userName
    if (verdict.admin.length > 0) findings.push(`${who} has ${listInWords(verdict.admin)} attached directly`)
    unreadable.push(...verdict.unreadable.map((name) => `${user.userName}'s ${name}`))
  }
  for (const group of snapshot.groups) {
    if (options.adminGroupName !== undefined && sameName(group.groupName, options.adminGroupName)) continue
    const verdict = judge(group, customerPolicies)
    if (verdict.admin.length > 0) {
      const members = snapshot.users.filter((user) => user.groups.some((g) => sameName(g, group.groupName))).map((user) => user.userName)
      const reach = members.length === 0 ? 'no members yet' : `members ${listInWords(members)}`
      findings.push(`group ${group.groupName} (${reach}) grants ${listInWords(verdict.admin)}`)
    }
    unreadable.push(...verdict.unreadable.map((name) => `group ${group.groupName}'s ${name}`))
  }

  const outside = options.adminGroupName ? ` outside the ${options.adminGroupName} group` : ''
  if (findings.length > 0) {
    return {
      id: 'no-admin-outside-admin-role',
      title,
      status: 'fail',
      evidence: `${listInWords(findings)}: full access to everything. ${
        options.adminGroupName
          ? `Keep administrator access in the ${options.adminGroupName} group only.`
          : 'Keep administrator access in one admin group, for one admin user.'
      }`
    }
  }
  if (unreadable.length > 0) {
    return {
      id: 'no-admin-outside-admin-role',
      title,
      status: 'unknown',
      evidence: `Nothing${outside} has AdministratorAccess, but Cairn could not read ${listInWords(unreadable)} to be sure.`
    }
  }
  return { id: 'no-admin-outside-admin-role', title, status: 'pass', evidence: `No user or group${outside} has full access to everything.` }
}
