import { awsManagedPolicyArn, DEFAULT_PARTITION, inPartition, type Partition } from '../aws/partition'

import type { RoleSpec } from '../../shared/domain/schemas'
import type { RoleId } from '../../shared/domain/words'

export type { ConsoleAccess, RoleSpec } from '../../shared/domain/schemas'
export type { RoleId } from '../../shared/domain/words'

/** The AWS managed policies of the default roles, by path and name (the same in every partition). */
const defaultPolicies = {
  billing: 'job-function/Billing',
  powerUser: 'PowerUserAccess',
  systemAdministrator: 'job-function/SystemAdministrator',
  administrator: 'AdministratorAccess'
} as const

export type DefaultPolicy = keyof typeof defaultPolicies

/** The default roles' policy ARNs as an account of `partition` names them. */
export function policyArnsIn(partition: Partition): Record<DefaultPolicy, string> {
  const entries = Object.entries(defaultPolicies).map(([key, pathAndName]) => [key, awsManagedPolicyArn(partition, pathAndName)])
  return Object.fromEntries(entries) as Record<DefaultPolicy, string>
}

/** In partition aws, the practice account's. */
export const policyArns = policyArnsIn(DEFAULT_PARTITION)

const consoleOnly = { consoleAccess: { enabled: true, passwordResetRequired: false }, accessKey: false, requireMfaForApi: false }
const consoleAndKey = { consoleAccess: { enabled: true, passwordResetRequired: false }, accessKey: true, requireMfaForApi: true }

/**
 * The article's roles: billing reads the bills in the console; dev and ops also work from the
 * CLI, with MFA-backed calls; admin, when wanted, is for the console only.
 */
export function defaultRoles(options: { includeAdmin: boolean; partition?: Partition }): RoleSpec[] {
  const arns = policyArnsIn(options.partition ?? DEFAULT_PARTITION)
  const roles: RoleSpec[] = [
    { role: 'billing', userName: 'billing', groupName: 'Finance', policyArns: [arns.billing], ...structuredClone(consoleOnly) },
    { role: 'dev', userName: 'dev', groupName: 'Developers', policyArns: [arns.powerUser], ...structuredClone(consoleAndKey) },
    { role: 'ops', userName: 'ops', groupName: 'Operations', policyArns: [arns.systemAdministrator], ...structuredClone(consoleAndKey) }
  ]
  if (options.includeAdmin) {
    roles.push({ role: 'admin', userName: 'admin', groupName: 'Administrators', policyArns: [arns.administrator], ...structuredClone(consoleOnly) })
  }
  return roles
}

/**
 * The roles with their AWS managed policies in the account's partition: an arn:aws: policy
 * picked before connecting, or on another account, does not exist in AWS China or GovCloud.
 */
export function rolesInPartition(specs: readonly RoleSpec[], partition: Partition): RoleSpec[] {
  return specs.map((spec) => ({ ...spec, policyArns: spec.policyArns.map((arn) => inPartition(arn, partition)) }))
}

export type RoleField = 'role' | 'userName' | 'groupName' | 'policyArns' | 'consoleAccess'

export interface RoleProblem {
  role: RoleId
  field: RoleField
  message: string
}

/** IAM's quota on managed policies attached to one group. */
export const MANAGED_POLICIES_PER_GROUP = 10

// UserName is 1-64 where users are created (1-128 elsewhere); GroupName is 1-128.
const userNamePattern = /^[\w+=,.@-]{1,64}$/
const groupNamePattern = /^[\w+=,.@-]{1,128}$/
export const policyArnPattern = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/([\u0021-\u007E]+\/)*[\w+=,.@-]{1,128}$/

/** What to change in an IAM name (user, group, role) that AWS would refuse, or null. */
export function nameProblem(kind: 'user' | 'group' | 'role', name: string, max: number, pattern: RegExp = /^[\w+=,.@-]+$/): string | null {
  if (name.length === 0) return `Give the ${kind} a name.`
  if (name.length > max) return `Shorten the ${kind} name to ${max} characters or fewer (it has ${name.length}).`
  if (!pattern.test(name)) {
    const invalid = [...new Set(name.replace(/[\w+=,.@-]/g, ''))].map((c) => (c === ' ' ? 'a space' : `"${c}"`))
    return `Use only letters, digits and + = , . @ _ - in the ${kind} name; "${name}" has ${invalid.join(', ')}.`
  }
  return null
}

/** Every problem AWS would reject (or a later step would trip on), said as what to change. */
export function validateRoles(specs: readonly RoleSpec[]): RoleProblem[] {
  const problems: RoleProblem[] = []
  const seen = { role: new Map<string, RoleId>(), user: new Map<string, RoleId>(), group: new Map<string, RoleId>() }

  for (const spec of specs) {
    const add = (field: RoleField, message: string): void => {
      problems.push({ role: spec.role, field, message })
    }
    const firstRole = seen.role.get(spec.role)
    if (firstRole !== undefined) add('role', `The ${spec.role} role is listed twice; keep one.`)
    seen.role.set(spec.role, spec.role)

    const userProblem = nameProblem('user', spec.userName, 64, userNamePattern)
    if (userProblem) add('userName', userProblem)
    else {
      // IAM names are unique regardless of case: "Dev" and "dev" are the same user.
      const other = seen.user.get(spec.userName.toLowerCase())
      if (other !== undefined) add('userName', `The ${other} role already uses the user name "${spec.userName}" (IAM ignores case); choose another.`)
      else seen.user.set(spec.userName.toLowerCase(), spec.role)
    }

    const groupProblem = nameProblem('group', spec.groupName, 128, groupNamePattern)
    if (groupProblem) add('groupName', groupProblem)
    else {
      const other = seen.group.get(spec.groupName.toLowerCase())
      if (other !== undefined)
        add('groupName', `The ${other} role already uses the group "${spec.groupName}" (IAM ignores case); give each role its own group.`)
      else seen.group.set(spec.groupName.toLowerCase(), spec.role)
    }

    const distinct = new Set(spec.policyArns)
    if (distinct.size !== spec.policyArns.length) add('policyArns', 'A policy is listed twice; keep one.')
    if (distinct.size > MANAGED_POLICIES_PER_GROUP) {
      add('policyArns', `A group can have at most ${MANAGED_POLICIES_PER_GROUP} managed policies; remove ${distinct.size - MANAGED_POLICIES_PER_GROUP}.`)
    }
    for (const arn of distinct) if (!policyArnPattern.test(arn)) add('policyArns', `"${arn}" is not a policy ARN; pick the policy from the list.`)

    if (!spec.consoleAccess.enabled && !spec.accessKey) {
      add('consoleAccess', `Give ${spec.userName || 'the user'} console access, an access key, or both; with neither, nobody can use the ${spec.role} role.`)
    }
  }
  return problems
}
