import type { AwsError } from '../errors'
import { awsErrors } from '../errors'

/**
 * IAM's default quotas. Keys follow GetAccountSummary's names without the "Quota"
 * suffix (AttachedPoliciesPerUser -> AttachedPoliciesPerUserQuota).
 */
export const quotas = {
  Users: 5000,
  Groups: 300,
  Roles: 1000,
  Policies: 1500,
  InstanceProfiles: 1000,
  ServerCertificates: 20,
  GroupsPerUser: 10,
  AttachedPoliciesPerUser: 10,
  AttachedPoliciesPerGroup: 10,
  AttachedPoliciesPerRole: 10,
  AccessKeysPerUser: 2,
  SigningCertificatesPerUser: 2,
  MFADevicesPerUser: 8,
  LoginProfilesPerUser: 1,
  TagsPerUser: 50,
  PolicySize: 6144,
  UserPolicySize: 2048,
  GroupPolicySize: 5120,
  RolePolicySize: 10240,
  AssumeRolePolicySize: 2048,
  VersionsPerPolicy: 5,
  PolicyVersionsInUse: 10000
} as const

export type QuotaName = keyof typeof quotas

/** How AWS's LimitExceeded messages name a quota, where that differs from GetAccountSummary. */
const nameInMessage = {
  Users: 'UsersPerAccount',
  Groups: 'GroupsPerAccount',
  Roles: 'RolesPerAccount',
  Policies: 'PoliciesPerAccount',
  InstanceProfiles: 'InstanceProfilesPerAccount',
  ServerCertificates: 'ServerCertificatesPerAccount',
  AttachedPoliciesPerUser: 'PoliciesPerUser',
  AttachedPoliciesPerGroup: 'PoliciesPerGroup',
  AttachedPoliciesPerRole: 'PoliciesPerRole'
} as const satisfies Partial<Record<QuotaName, string>>

/** A quota as named in AWS's messages: 'PoliciesPerGroup', 'UsersPerAccount', 'AccessKeysPerUser', ... */
export type QuotaMessageName = (typeof nameInMessage)[keyof typeof nameInMessage] | Exclude<QuotaName, keyof typeof nameInMessage>

const byMessageName = new Map<string, QuotaName>(
  (Object.keys(quotas) as QuotaName[]).map((name) => [(nameInMessage as Partial<Record<QuotaName, string>>)[name] ?? name, name])
)

function quotaNamed(name: string): QuotaName {
  if (name in quotas) return name as QuotaName
  const found = byMessageName.get(name)
  if (!found) throw new Error(`Unknown IAM quota: ${name}`)
  return found
}

export function messageNameOf(name: QuotaName): QuotaMessageName {
  return ((nameInMessage as Partial<Record<QuotaName, string>>)[name] ?? name) as QuotaMessageName
}

/**
 * LimitExceeded (409) as AWS words it: "Cannot exceed quota for AccessKeysPerUser: 2",
 * "Cannot exceed quota for PoliciesPerGroup: 10", "...UsersPerAccount: 5000". Takes either
 * name (AttachedPoliciesPerGroup or PoliciesPerGroup); an unknown name is a programming error.
 */
export function quotaExceeded(name: QuotaName | QuotaMessageName | (string & {})): AwsError {
  const quota = quotaNamed(name)
  return awsErrors.limitExceeded(`Cannot exceed quota for ${messageNameOf(quota)}: ${quotas[quota]}`)
}

/** The same limits in camelCase, by the names the practice service's handlers use. */
export const QUOTAS = {
  usersPerAccount: quotas.Users,
  groupsPerAccount: quotas.Groups,
  rolesPerAccount: quotas.Roles,
  customerPoliciesPerAccount: quotas.Policies,
  groupsPerUser: quotas.GroupsPerUser,
  policiesPerUser: quotas.AttachedPoliciesPerUser,
  policiesPerGroup: quotas.AttachedPoliciesPerGroup,
  policiesPerRole: quotas.AttachedPoliciesPerRole,
  accessKeysPerUser: quotas.AccessKeysPerUser,
  signingCertificatesPerUser: quotas.SigningCertificatesPerUser,
  mfaDevicesPerUser: quotas.MFADevicesPerUser,
  loginProfilesPerUser: quotas.LoginProfilesPerUser,
  tagsPerUser: quotas.TagsPerUser,
  managedPolicySize: quotas.PolicySize,
  userPolicySize: quotas.UserPolicySize,
  groupPolicySize: quotas.GroupPolicySize,
  versionsPerPolicy: quotas.VersionsPerPolicy
} as const

/** Quotas that appear in GetAccountSummary's SummaryMap, keyed as AWS keys them there. */
const summaryQuotaNames: readonly QuotaName[] = [
  'Users',
  'Groups',
  'Roles',
  'Policies',
  'InstanceProfiles',
  'ServerCertificates',
  'GroupsPerUser',
  'AttachedPoliciesPerUser',
  'AttachedPoliciesPerGroup',
  'AttachedPoliciesPerRole',
  'AccessKeysPerUser',
  'SigningCertificatesPerUser',
  'PolicySize',
  'UserPolicySize',
  'GroupPolicySize',
  'RolePolicySize',
  'AssumeRolePolicySize',
  'VersionsPerPolicy',
  'PolicyVersionsInUse'
]

export const accountSummaryQuotas: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(summaryQuotaNames.map((name) => [`${name}Quota`, quotas[name]]))
)
