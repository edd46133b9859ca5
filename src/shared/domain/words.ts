/**
 * The domain's words, spelled out once. Plain lists, no zod, so the renderer can use them as
 * values; the schemas in ./schemas.ts are built from them, and main's types come from those.
 * A new role, check or step action is added here and nowhere else.
 */

/** The identities Cairn sets up, in the order every screen and command lists them. */
export const roleIds = ['billing', 'dev', 'ops', 'admin'] as const
export type RoleId = (typeof roleIds)[number]

/**
 * How the identities are made. users: the guide's, one IAM user per job in its own group.
 * roles: one IAM user for the person, who assumes one IAM role per job, each with MFA.
 */
export const layouts = ['users', 'roles'] as const
export type Layout = (typeof layouts)[number]

/**
 * The person's own IAM user in the roles layout. Its plan steps, journal records and keychain
 * entry go by this name where the guide's layout has a role's.
 */
export const signInId = 'sign-in' as const
export const stepOwners = [...roleIds, signInId] as const
export type StepOwner = (typeof stepOwners)[number]

/** The security checks, in the order the status screen shows them. */
export const checkIds = [
  'root-mfa',
  'root-access-keys',
  'password-policy',
  'console-users-mfa',
  'unused-credentials',
  'old-access-keys',
  'multiple-active-keys',
  'permissions-through-groups',
  'no-admin-outside-admin-role',
  'role-trust-open',
  'admin-role-without-mfa',
  'billing-access'
] as const
export type CheckId = (typeof checkIds)[number]

export const checkStatuses = ['pass', 'warn', 'fail', 'unknown'] as const
export type CheckStatus = (typeof checkStatuses)[number]

/** The fixes Cairn can apply through an API; checks that need the console offer none. */
export const checkFixIds = ['set-password-policy'] as const
export type CheckFixId = (typeof checkFixIds)[number]

/** One IAM call of a setup plan each. */
export const stepActions = [
  'CreateGroup',
  'AttachGroupPolicy',
  'PutGroupPolicy',
  'CreateUser',
  'AddUserToGroup',
  'CreateLoginProfile',
  'CreateAccessKey',
  'CreateRole',
  'UpdateAssumeRolePolicy',
  'UpdateRole',
  'AttachRolePolicy'
] as const
export type StepAction = (typeof stepActions)[number]

/** exists: nothing to do. create/update: apply calls the step's action. conflict: apply must not. */
export const stepStatuses = ['exists', 'create', 'update', 'conflict'] as const
export type StepStatus = (typeof stepStatuses)[number]

/** Something in the account a plan cannot simply converge to. */
export const conflictKinds = [
  'name-differs-by-case',
  'user-in-other-group',
  'group-has-extra-policies',
  'group-policy-quota',
  'groups-per-user-quota',
  'access-key-quota',
  'login-profile-exists',
  'role-trust-differs',
  'role-has-extra-policies',
  'role-policy-quota',
  'moving-from-users',
  'mfa-device-found'
] as const
export type ConflictKind = (typeof conflictKinds)[number]

/** Where an apply run stands, as its journal records it. */
export const runStates = ['running', 'finished', 'failed', 'rolling-back', 'rolled-back'] as const
export type RunState = (typeof runStates)[number]

/** AWS's rule for passkeys and security keys, said the same way in the app and the command line. */
export const consoleOnlyMfaNote =
  'AWS accepts passkeys and security keys only when you sign in to the console, not for the API sessions the AWS CLI and Cairn start. Add an authenticator app as a second device: AWS allows up to 8 per user.'
