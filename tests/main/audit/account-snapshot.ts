import { credentialReportColumns, type CredentialReportRow } from '../../../src/main/audit/credential-report'
import type { AccountGroup, AccountRole, AccountSnapshot, AccountUser, PolicyDocument } from '../../../src/main/audit/snapshot'

export const ACCOUNT = '123456789012'
export const NOW = new Date('2025-06-01T12:00:00Z')
export const BOOTSTRAP_KEY = 'AKIAIOSFODNN7EXAMPLE'

export function daysAgo(days: number, from = NOW): string {
  return new Date(from.getTime() - days * 24 * 60 * 60 * 1000).toISOString()
}

/** A report time as AWS writes it: seconds, explicit UTC offset. */
export function reportTime(iso: string): string {
  return `${iso.slice(0, 19)}+00:00`
}

export function reportRow(values: Partial<CredentialReportRow> & { user: string }): CredentialReportRow {
  const blank = Object.fromEntries(credentialReportColumns.map((c) => [c, 'N/A'])) as CredentialReportRow
  return {
    ...blank,
    arn: values.user === '<root_account>' ? `arn:aws:iam::${ACCOUNT}:root` : `arn:aws:iam::${ACCOUNT}:user/${values.user}`,
    user_creation_time: reportTime(daysAgo(10)),
    password_enabled: 'false',
    mfa_active: 'false',
    access_key_1_active: 'false',
    access_key_2_active: 'false',
    cert_1_active: 'false',
    cert_2_active: 'false',
    ...values
  }
}

export function rootRow(values: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return reportRow({
    user: '<root_account>',
    password_enabled: 'not_supported',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    ...values
  })
}

export function user(userName: string, values: Partial<AccountUser> = {}): AccountUser {
  return {
    userName,
    arn: `arn:aws:iam::${ACCOUNT}:user/${userName}`,
    createDate: daysAgo(10),
    groups: [],
    attachedPolicies: [],
    inlinePolicyNames: [],
    inlinePolicies: {},
    mfaDevices: [],
    accessKeys: [],
    hasLoginProfile: false,
    ...values
  }
}

export function group(groupName: string, values: Partial<AccountGroup> = {}): AccountGroup {
  return { groupName, arn: `arn:aws:iam::${ACCOUNT}:group/${groupName}`, attachedPolicies: [], inlinePolicyNames: [], inlinePolicies: {}, ...values }
}

/** A trust policy of one Allow statement for sts:AssumeRole. */
export function trust(principal: unknown, condition?: Record<string, Record<string, string>>): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }]
  }
}

/** The trust Cairn's roles layout writes: one user, with MFA. */
export const mfaCondition = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }

/** A role at `path` (default /), trusting this account's user `person` with MFA unless told otherwise. */
export function role(roleName: string, values: Partial<AccountRole> & { path?: string } = {}): AccountRole {
  const { path = '/', ...rest } = values
  return {
    roleName,
    arn: `arn:aws:iam::${ACCOUNT}:role${path}${roleName}`,
    createDate: daysAgo(10),
    trustPolicy: trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/person` }, mfaCondition),
    maxSessionDuration: 3600,
    attachedPolicies: [],
    inlinePolicyNames: [],
    ...rest
  }
}

export function policy(arn: string): { policyName: string; policyArn: string } {
  return { policyName: arn.slice(arn.lastIndexOf('/') + 1), policyArn: arn }
}

/** A brand-new account, connected with a temporary root access key: what the practice account starts as. */
export function newAccount(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    accountId: ACCOUNT,
    caller: { arn: `arn:aws:iam::${ACCOUNT}:root`, isRoot: true, accessKeyId: BOOTSTRAP_KEY },
    summary: {
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 1,
      AccountSigningCertificatesPresent: 0,
      Users: 0,
      Groups: 0,
      AttachedPoliciesPerGroupQuota: 10,
      GroupsPerUserQuota: 10,
      AccessKeysPerUserQuota: 2
    },
    passwordPolicy: null,
    credentialReport: [rootRow({ access_key_1_active: 'true', access_key_1_last_rotated: reportTime(daysAgo(0)) })],
    users: [],
    groups: [],
    roles: [],
    customerPolicies: {},
    billingAccess: 'unknown',
    now: NOW,
    ...overrides
  }
}

/** The account after the article's steps: root secured, strong policy, no root key. */
export function securedAccount(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  const base = newAccount()
  return newAccount({
    caller: { arn: `arn:aws:iam::${ACCOUNT}:user/admin`, isRoot: false, accessKeyId: 'AKIAADMINEXAMPLE0001' },
    summary: { ...base.summary, AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
    passwordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      PasswordReusePrevention: 24,
      AllowUsersToChangePassword: true
    },
    credentialReport: [rootRow({ mfa_active: 'true' })],
    billingAccess: 'on',
    ...overrides
  })
}
