import type { PasswordPolicy } from '@aws-sdk/client-iam'
import type { CredentialReportRow } from './credential-report'
import type { PolicyDocument } from './policy-document'

export type { PasswordPolicy } from '@aws-sdk/client-iam'
export type { CredentialReportRow } from './credential-report'
export type { PolicyDocument } from './policy-document'

export interface AttachedPolicy {
  policyName: string
  policyArn: string
}

export interface AccessKeySummary {
  accessKeyId: string
  status: 'Active' | 'Inactive'
  /** ISO 8601. */
  createDate: string
}

export interface AccountUser {
  userName: string
  arn: string
  /** ISO 8601. */
  createDate: string
  groups: string[]
  attachedPolicies: AttachedPolicy[]
  inlinePolicyNames: string[]
  /** The documents of inlinePolicyNames by name; a name missing here could not be read. */
  inlinePolicies?: Record<string, PolicyDocument>
  /** Serial numbers (ARNs for virtual devices). */
  mfaDevices: string[]
  accessKeys: AccessKeySummary[]
  hasLoginProfile: boolean
}

export interface AccountGroup {
  groupName: string
  arn?: string
  attachedPolicies: AttachedPolicy[]
  inlinePolicyNames: string[]
  /** The documents of inlinePolicyNames by name; a name missing here could not be read. */
  inlinePolicies?: Record<string, PolicyDocument>
}

export interface AccountRole {
  roleName: string
  arn: string
  /** ISO 8601. */
  createDate: string
  /** The trust policy; null when it could not be read as a policy document. */
  trustPolicy: PolicyDocument | null
  /** Seconds, 3600-43200. */
  maxSessionDuration: number
  attachedPolicies: AttachedPolicy[]
  inlinePolicyNames: string[]
}

/** A root-only console setting with no API to read it, so usually 'unknown'. */
export type BillingAccess = 'on' | 'off' | 'unknown'

export interface Caller {
  arn: string
  isRoot: boolean
  /** The bootstrap key Cairn is connected with (an id, never the secret). */
  accessKeyId: string
}

/** Everything the checks and the plan read, fetched once: they never call AWS themselves. */
export interface AccountSnapshot {
  accountId: string
  caller: Caller
  /** GetAccountSummary's SummaryMap. */
  summary: Record<string, number>
  /** null when the account has none (NoSuchEntity). */
  passwordPolicy: PasswordPolicy | null
  /** Rows of the credential report, root first; null when AWS did not finish one in time. */
  credentialReport: CredentialReportRow[] | null
  users: AccountUser[]
  groups: AccountGroup[]
  /** Service-linked roles (path /aws-service-role/) included: they are in the account too. */
  roles: AccountRole[]
  /**
   * Default-version documents of the customer managed policies attached to users or groups,
   * by ARN. AWS managed policies are known by ARN and are not fetched.
   */
  customerPolicies?: Record<string, PolicyDocument>
  billingAccess: BillingAccess
  now: Date
}

/** IAM compares user and group names without regard to case. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

export function findUser(snapshot: Pick<AccountSnapshot, 'users'>, userName: string): AccountUser | undefined {
  return snapshot.users.find((user) => sameName(user.userName, userName))
}

export function findRole(snapshot: Pick<AccountSnapshot, 'roles'>, roleName: string): AccountRole | undefined {
  return snapshot.roles.find((role) => sameName(role.roleName, roleName))
}

export function findGroup(snapshot: Pick<AccountSnapshot, 'groups'>, groupName: string): AccountGroup | undefined {
  return snapshot.groups.find((group) => sameName(group.groupName, groupName))
}
