import { statementsOf, type PolicyDocument, type PolicyStatement } from '../policy-document'
import type { CheckResult } from '../check-result'
import type { AccountRole, AccountSnapshot } from '../snapshot'

/** What the role checks read in a trust policy: who may assume the role, and on what condition. */

/** Service-linked roles (path /aws-service-role/) belong to an AWS service, which sets their trust. */
export function isServiceLinked(role: AccountRole): boolean {
  return /:role\/aws-service-role\//.test(role.arn)
}

/**
 * The roles a role check judges (not the service-linked ones), or, when there are none, its
 * pass saying there was nothing to judge.
 */
export function rolesToJudge(snapshot: AccountSnapshot, id: CheckResult['id'], title: string): AccountRole[] | CheckResult {
  const roles = snapshot.roles.filter((role) => !isServiceLinked(role))
  if (roles.length > 0) return roles
  return {
    id,
    title,
    status: 'pass',
    evidence:
      snapshot.roles.length === 0
        ? 'No IAM roles in the account yet: nothing to judge.'
        : 'Only service-linked roles, whose trust AWS sets, are in the account: nothing to judge.'
  }
}

function listOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** IAM's wildcards in an action: `*` any run of characters, `?` one; case does not matter. */
function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${regex}$`, 'i').test(action)
}

/** Whether the statement is about sts:AssumeRole (and not only, say, sts:TagSession). */
function coversAssumeRole(statement: PolicyStatement): boolean {
  if (statement.Action !== undefined) return listOf(statement.Action).some((action) => actionMatches(action, 'sts:AssumeRole'))
  if (statement.NotAction !== undefined) return !listOf(statement.NotAction).some((action) => actionMatches(action, 'sts:AssumeRole'))
  return false
}

/**
 * The AWS principals of a statement: 'everyone' for "*" or {"AWS": "*"}, and for NotPrincipal
 * (everyone but the few it names), else the account ids and ARNs listed under "AWS".
 * Service and federated principals are not IAM principals and are left out.
 */
export type AwsPrincipals = 'everyone' | string[]

function awsPrincipals(statement: PolicyStatement): AwsPrincipals {
  if (statement.NotPrincipal !== undefined) return 'everyone'
  const principal: unknown = statement.Principal
  if (principal === '*') return 'everyone'
  if (principal === null || typeof principal !== 'object') return []
  const aws = listOf((principal as Record<string, unknown>).AWS)
  return aws.includes('*') ? 'everyone' : aws
}

export function hasCondition(statement: PolicyStatement): boolean {
  return statement.Condition !== undefined && Object.keys(statement.Condition).length > 0
}

export interface TrustGrant {
  statement: PolicyStatement
  principals: AwsPrincipals
}

/** The Allow statements of a trust policy that let an AWS principal assume the role. */
export function awsGrants(trust: PolicyDocument): TrustGrant[] {
  return statementsOf(trust)
    .filter((statement) => statement.Effect === 'Allow' && coversAssumeRole(statement))
    .map((statement) => ({ statement, principals: awsPrincipals(statement) }))
    .filter((grant) => grant.principals === 'everyone' || grant.principals.length > 0)
}

/** A condition block's entries with operator and key compared without regard to case. */
function conditionValues(statement: PolicyStatement, operator: string, key: string): Array<string | boolean | number> {
  const values: Array<string | boolean | number> = []
  for (const [op, block] of Object.entries(statement.Condition ?? {})) {
    if (op.toLowerCase() !== operator.toLowerCase()) continue
    for (const [k, value] of Object.entries(block)) {
      if (k.toLowerCase() === key.toLowerCase()) values.push(...(Array.isArray(value) ? value : [value]))
    }
  }
  return values
}

const isTrue = (value: string | boolean | number) => value === true || String(value).toLowerCase() === 'true'
const isFalse = (value: string | boolean | number) => value === false || String(value).toLowerCase() === 'false'

/**
 * Whether an Allow statement lets only an MFA-authenticated caller through: Bool
 * aws:MultiFactorAuthPresent "true", or NumericLessThan(Equals) aws:MultiFactorAuthAge. Both keys
 * are absent from a request signed with a long-term access key, so those operators then fail.
 * BoolIfExists is not enough in an Allow: an absent key passes it, so an access key without MFA
 * gets through (AWS's knowledge-center article mfa-iam-user-aws-cli).
 */
export function requiresMfa(statement: PolicyStatement): boolean {
  if (conditionValues(statement, 'Bool', 'aws:MultiFactorAuthPresent').some(isTrue)) return true
  return ['NumericLessThan', 'NumericLessThanEquals'].some((op) => conditionValues(statement, op, 'aws:MultiFactorAuthAge').length > 0)
}

/** An Allow that looks as if it required MFA but uses BoolIfExists, which an access key passes. */
export function onlyBoolIfExistsMfa(statement: PolicyStatement): boolean {
  return !requiresMfa(statement) && conditionValues(statement, 'BoolIfExists', 'aws:MultiFactorAuthPresent').some(isTrue)
}

/**
 * A Deny for everyone without MFA: Principal "*" and only BoolIfExists aws:MultiFactorAuthPresent
 * "false", which also catches a long-term access key (no MFA key at all). It makes MFA a must
 * whatever the Allow statements say.
 */
export function deniesWithoutMfa(trust: PolicyDocument): boolean {
  return statementsOf(trust).some((statement) => {
    if (statement.Effect !== 'Deny' || !coversAssumeRole(statement) || statement.NotPrincipal !== undefined) return false
    if (awsPrincipals(statement) !== 'everyone') return false
    const condition = statement.Condition ?? {}
    const operators = Object.keys(condition)
    const block = condition[operators[0] ?? ''] ?? {}
    return operators.length === 1 && Object.keys(block).length === 1 && conditionValues(statement, 'BoolIfExists', 'aws:MultiFactorAuthPresent').some(isFalse)
  })
}

/** The account an AWS principal belongs to: a bare account id, or the one in its ARN; null for unique ids (AIDA…). */
export function principalAccount(principal: string): string | null {
  if (/^\d{12}$/.test(principal)) return principal
  return /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1] ?? null
}

/** An AWS principal in plain words: "user alice", "role Deploy", "account 111122223333". */
export function principalInWords(principal: string, accountId: string): string {
  const account = principalAccount(principal)
  const resource = /^arn:[\w-]+:(?:iam|sts)::\d{12}:(.+)$/.exec(principal)?.[1]
  const where = account === accountId ? '' : ` in account ${account ?? 'unknown'}`
  if (account === null) return `the deleted principal ${principal}`
  if (resource === undefined || resource === 'root')
    return account === accountId ? 'any user or role of this account with sts:AssumeRole permission' : `account ${account}`
  const name = resource.slice(resource.lastIndexOf('/') + 1)
  if (resource.startsWith('user/')) return `user ${name}${where}`
  if (resource.startsWith('role/')) return `role ${name}${where}`
  if (resource.startsWith('assumed-role/')) return `a session of role ${resource.split('/')[1] ?? name}${where}`
  return `${resource}${where}`
}
