import type { PasswordPolicy } from './rules/password-policy'
import type { PolicyDocument } from './policy/catalog'

/**
 * Everything the practice account remembers. Plain JSON so it can be persisted as is.
 * Names are stored as given; lookups are case-insensitive through the `*Key` helpers,
 * because IAM names are unique regardless of case.
 */
export interface PracticeState {
  schemaVersion: 1
  accountId: string
  createdAt: string
  root: RootIdentity
  /** Keyed by nameKey(UserName). */
  users: Record<string, IamUser>
  /** Keyed by nameKey(GroupName). */
  groups: Record<string, IamGroup>
  /** Keyed by nameKey(RoleName). States saved before roles existed get {} (state-upgrade.ts). */
  roles: Record<string, IamRole>
  /** Customer managed policies, keyed by ARN. AWS managed ones come from the catalog. */
  customerPolicies: Record<string, CustomerPolicy>
  /** Virtual MFA devices of IAM users and root, keyed by SerialNumber (arn). */
  virtualMfaDevices: Record<string, VirtualMfaDevice>
  passwordPolicy: PasswordPolicy | null
  /** STS temporary credentials, keyed by AccessKeyId (ASIA...). */
  sessions: Record<string, TemporarySession>
  credentialReport: CredentialReportState | null
  /** Console-only account settings that no IAM API touches. */
  console: { iamUserAccessToBilling: boolean; accountAlias?: string }
  /** Monotonic counter so ids stay unique and deterministic per account. */
  idCounter: number
}

/**
 * The last GenerateCredentialReport: a snapshot taken at generatedAt that IAM reports as
 * STARTED until a later call finds it done (completedAt set).
 */
export interface CredentialReportState {
  generatedAt: string
  completedAt: string | null
  csvBase64: string
}

export interface RootIdentity {
  arn: string
  email: string
  accessKeys: AccessKey[]
  /**
   * Serials of the MFA devices enabled for root, oldest first. AWS allows up to 8 per identity,
   * root included, and any of them signs in. States saved before this was a list held
   * `mfaSerial: string | null`; state-upgrade.ts converts them on load.
   */
  mfaSerials: string[]
  passwordLastUsed: string | null
  /**
   * Practice-only: root's console password, which signs in to the /_practice root-console
   * endpoints even after every root access key is deleted. Filled in by the server if absent.
   */
  consolePassword?: string
}

export interface AccessKey {
  accessKeyId: string
  secretAccessKey: string
  status: 'Active' | 'Inactive'
  createDate: string
  lastUsed: { date: string; region: string; service: string } | null
}

export interface IamUser {
  userName: string
  userId: string
  arn: string
  path: string
  createDate: string
  passwordLastUsed: string | null
  loginProfile: LoginProfile | null
  accessKeys: AccessKey[]
  /** Serials of MFA devices enabled for this user (virtual ones live in virtualMfaDevices). */
  mfaSerials: string[]
  /** Group name keys. */
  groups: string[]
  attachedPolicyArns: string[]
  inlinePolicies: Record<string, PolicyDocument>
  tags: Array<{ Key: string; Value: string }>
  /** The ARN of the managed policy that caps this user's permissions; absent when none is set. */
  permissionsBoundary?: string
}

export interface LoginProfile {
  /** Practice-only: the password as set, so sign-in to the local console can be rehearsed. */
  password: string
  createDate: string
  passwordResetRequired: boolean
  passwordLastChanged: string
}

export interface IamGroup {
  groupName: string
  groupId: string
  arn: string
  path: string
  createDate: string
  attachedPolicyArns: string[]
  inlinePolicies: Record<string, PolicyDocument>
}

export interface IamRole {
  roleName: string
  roleId: string
  arn: string
  path: string
  createDate: string
  description?: string
  /** Seconds, 3600-43200: the longest AssumeRole session. */
  maxSessionDuration: number
  /** The trust policy: a resource policy whose statements name a Principal. */
  assumeRolePolicyDocument: PolicyDocument
  attachedPolicyArns: string[]
  inlinePolicies: Record<string, PolicyDocument>
  tags: Array<{ Key: string; Value: string }>
  permissionsBoundary?: string
}

export interface CustomerPolicy {
  policyName: string
  policyId: string
  arn: string
  path: string
  description: string
  createDate: string
  updateDate: string
  defaultVersionId: string
  versions: Array<{ versionId: string; document: PolicyDocument; createDate: string }>
  /** Absent in states saved before CreatePolicy kept tags. */
  tags?: Array<{ Key: string; Value: string }>
}

export interface VirtualMfaDevice {
  serialNumber: string
  base32Seed: string
  createDate: string
  /** UserName, or '<root>' for the root user; null while not enabled. */
  enabledFor: string | null
  enableDate: string | null
  /** The last TOTP time step accepted, so a code is never accepted twice. */
  lastUsedStep: number
  /**
   * How many 30-second steps the authenticator's clock runs ahead of the service (negative:
   * behind), as ResyncMFADevice last measured it; codes are checked around now + drift.
   * 0 for devices saved before drift was remembered.
   */
  driftSteps: number
  /**
   * 'root-console' for devices the practice root console created: an unassigned one of those is
   * an abandoned wizard that the console may replace. Absent for devices made through IAM.
   */
  origin?: 'root-console'
}

export interface TemporarySession {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: string
  kind: 'session' | 'federation' | 'role'
  /** Who asked for it: '<root>' or a UserName; for a role session, whoever assumed the first role. */
  principal: string
  /** AssumeRole's role (its name) and RoleSessionName. */
  roleName?: string
  roleSessionName?: string
  /** True when the role was assumed with another role's session credentials (role chaining). */
  chained?: boolean
  /** When MFA was last proven for this session (the code given to GetSessionToken or AssumeRole). */
  mfaAuthenticatedAt?: string
  /** GetFederationToken's Name. */
  federatedName?: string
  mfaAuthenticated: boolean
  issuedAt: string
  sessionPolicy?: PolicyDocument
}

export const ROOT = '<root>'

export function nameKey(name: string): string {
  return name.toLowerCase()
}
