import type { RoleId } from './roles'

export type StepAction =
  | 'CreateGroup'
  | 'AttachGroupPolicy'
  | 'PutGroupPolicy'
  | 'CreateUser'
  | 'AddUserToGroup'
  | 'CreateLoginProfile'
  | 'CreateAccessKey'

/** exists: nothing to do. create/update: apply calls `action`. conflict: apply must not. */
export type StepStatus = 'exists' | 'create' | 'update' | 'conflict'

export interface StepTarget {
  userName?: string
  groupName?: string
  policyArn?: string
  policyName?: string
}

/** One API call of the setup, and whether the account already has what it would make. */
export interface Step {
  /** Stable across plans: 'group:Finance', 'attach:Finance:<arn>', 'membership:dev:Developers'... */
  id: string
  role: RoleId
  action: StepAction
  target: StepTarget
  /** Ids of the steps that must be done first. */
  dependsOn: string[]
  status: StepStatus
  /** Plain words, for anything but a plain create. */
  reason?: string
  /**
   * Only on the CairnRequireMFA step while the role's user has no MFA device: put on now, the
   * deny would lock the user out of every API call until one is enrolled, so apply leaves it
   * to the MFA enrolment, which applies it right after EnableMFADevice succeeds.
   */
  deferredUntilMfa?: boolean
}

export type ConflictKind =
  | 'name-differs-by-case'
  | 'user-in-other-group'
  | 'group-has-extra-policies'
  | 'group-policy-quota'
  | 'groups-per-user-quota'
  | 'access-key-quota'
  | 'login-profile-exists'

/** Something in the account the plan cannot simply converge to, explained for the user. */
export interface Conflict {
  kind: ConflictKind
  role: RoleId
  /** The steps it concerns; a blocking conflict has set them to 'conflict'. */
  stepIds: string[]
  /** false: apply can go ahead and the user should know; true: the steps cannot run. */
  blocking: boolean
  message: string
}

export const stepIds = {
  group: (groupName: string) => `group:${groupName}`,
  attach: (groupName: string, policyArn: string) => `attach:${groupName}:${policyArn}`,
  inlinePolicy: (groupName: string, policyName: string) => `inline-policy:${groupName}:${policyName}`,
  user: (userName: string) => `user:${userName}`,
  membership: (userName: string, groupName: string) => `membership:${userName}:${groupName}`,
  loginProfile: (userName: string) => `login-profile:${userName}`,
  accessKey: (userName: string) => `access-key:${userName}`
}
