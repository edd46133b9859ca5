export type { Conflict, Step, StepTarget } from '../../shared/domain/schemas'
export type { ConflictKind, StepAction, StepStatus } from '../../shared/domain/words'

export const stepIds = {
  group: (groupName: string) => `group:${groupName}`,
  attach: (groupName: string, policyArn: string) => `attach:${groupName}:${policyArn}`,
  inlinePolicy: (groupName: string, policyName: string) => `inline-policy:${groupName}:${policyName}`,
  user: (userName: string) => `user:${userName}`,
  membership: (userName: string, groupName: string) => `membership:${userName}:${groupName}`,
  loginProfile: (userName: string) => `login-profile:${userName}`,
  accessKey: (userName: string) => `access-key:${userName}`,
  role: (roleName: string) => `role:${roleName}`,
  trust: (roleName: string) => `trust:${roleName}`,
  maxSession: (roleName: string) => `max-session:${roleName}`,
  attachRole: (roleName: string, policyArn: string) => `attach-role:${roleName}:${policyArn}`
}
