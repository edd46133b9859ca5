import { z } from 'zod'
import { checkFixIds, checkIds, checkStatuses, conflictKinds, layouts, roleIds, runStates, stepActions, stepOwners, stepStatuses } from './words'

/** The domain's words as schemas: the contract, main's types and the journal's file are built from these. */
export const roleId = z.enum(roleIds)
export const checkId = z.enum(checkIds)
export const checkStatus = z.enum(checkStatuses)
export const stepAction = z.enum(stepActions)
export const stepStatus = z.enum(stepStatuses)
export const conflictKind = z.enum(conflictKinds)
export const runState = z.enum(runStates)
export const layout = z.enum(layouts)
export const stepOwner = z.enum(stepOwners)

export const consoleAccess = z.object({
  enabled: z.boolean(),
  /** The user must choose a new password at first sign-in. */
  passwordResetRequired: z.boolean()
})

/** One identity the user wants: an IAM user whose permissions come from its own group. */
export const roleSpec = z.object({
  role: roleId,
  // Lengths are checked with AWS's name rules by setup.plan, which says what to change.
  userName: z.string().max(200),
  groupName: z.string().max(200),
  policyArns: z.array(z.string().max(2048)).max(20),
  consoleAccess,
  /** An access key for the CLI and SDKs. */
  accessKey: z.boolean(),
  /** API calls are denied unless MFA-backed (CairnRequireMFA on the group). */
  requireMfaForApi: z.boolean()
})

/** The roles layout's person: one IAM user with a console password, an MFA device and one access key. */
export const signInSpec = z.object({
  // Checked with AWS's name rules by setup.plan, which says what to change.
  userName: z.string().max(200)
})

/** One job in the roles layout: an IAM role the person assumes with MFA. */
export const iamRoleSpec = z.object({
  role: roleId,
  roleName: z.string().max(200),
  policyArns: z.array(z.string().max(2048)).max(20),
  /** The role's MaxSessionDuration in hours (IAM allows 1-12). */
  maxSessionHours: z.number().int().min(1).max(12)
})

/** Everything the user wants set up, in one of the two layouts. */
export const setupSpec = z.discriminatedUnion('layout', [
  z.object({ layout: z.literal('users'), roles: z.array(roleSpec).min(1).max(roleIds.length) }),
  z.object({ layout: z.literal('roles'), signIn: signInSpec, roles: z.array(iamRoleSpec).min(1).max(roleIds.length) })
])

export const checkFix = z.object({ id: z.enum(checkFixIds), label: z.string() })

export const checkResult = z.object({
  id: checkId,
  title: z.string(),
  status: checkStatus,
  /** Plain language; names the users and key ids concerned, never a secret. */
  evidence: z.string(),
  fix: checkFix.optional()
})

export const stepTarget = z.object({
  userName: z.string().optional(),
  groupName: z.string().optional(),
  policyArn: z.string().optional(),
  policyName: z.string().optional(),
  roleName: z.string().optional()
})

/** One API call of the setup, and whether the account already has what it would make. */
export const planStep = z.object({
  /** Stable across plans: 'group:Finance', 'attach:Finance:<arn>', 'membership:dev:Developers'... */
  id: z.string(),
  /** The role it is for, or the roles layout's sign-in user. */
  role: stepOwner,
  action: stepAction,
  target: stepTarget,
  /** Ids of the steps that must be done first. */
  dependsOn: z.array(z.string()),
  status: stepStatus,
  /** Plain words, for anything but a plain create. */
  reason: z.string().optional(),
  /**
   * Only on the CairnRequireMFA step while the role's user has no MFA device: put on now, the
   * deny would lock the user out of every API call until one is enrolled, so apply leaves it
   * to the MFA enrolment, which applies it right after EnableMFADevice succeeds.
   */
  deferredUntilMfa: z.boolean().optional(),
  /** The JSON the call sends: an inline policy (PutGroupPolicy) or a trust policy (CreateRole, UpdateAssumeRolePolicy). */
  policyDocument: z.string().optional(),
  /** CreateRole and UpdateRole: the role's MaxSessionDuration in seconds. */
  maxSessionDuration: z.number().int().optional()
})

/** Something in the account the plan cannot simply converge to, explained for the user. */
export const conflict = z.object({
  kind: conflictKind,
  role: stepOwner,
  /** The steps it concerns; a blocking conflict has set them to 'conflict'. */
  stepIds: z.array(z.string()),
  /** false: apply can go ahead and the user should know; true: the steps cannot run. */
  blocking: z.boolean(),
  message: z.string()
})

export const plan = z.object({
  steps: z.array(planStep),
  conflicts: z.array(conflict),
  summary: z.record(stepStatus, z.number())
})

export type ConsoleAccess = z.output<typeof consoleAccess>
export type RoleSpec = z.output<typeof roleSpec>
export type SignInSpec = z.output<typeof signInSpec>
export type IamRoleSpec = z.output<typeof iamRoleSpec>
export type SetupSpec = z.output<typeof setupSpec>
export type CheckFix = z.output<typeof checkFix>
export type CheckResult = z.output<typeof checkResult>
export type StepTarget = z.output<typeof stepTarget>
export type Step = z.output<typeof planStep>
export type Conflict = z.output<typeof conflict>
export type Plan = z.output<typeof plan>
