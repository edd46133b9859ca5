import type { PlanPayload, RoleSpecPayload } from '../../../../shared/contract'

export type RoleId = RoleSpecPayload['role']
export type PlanStep = PlanPayload['steps'][number]

export const roleLabel: Record<RoleId, string> = {
  billing: 'Billing',
  dev: 'Development',
  ops: 'Operations',
  admin: 'Administrator'
}

export const roleDuty: Record<RoleId, string> = {
  billing: 'Reads the bills and budgets in the console.',
  dev: 'Builds things, in the console and from the AWS CLI, without managing users.',
  ops: 'Runs and repairs what is built: systems, networks, logs.',
  admin: 'Manages users and everything else; for the rare task nothing else may do.'
}

/** AWS managed policy ARNs end in the policy's name. */
export const policyNameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1)

/** A step in the user's words. */
export function describeStep(step: PlanStep): string {
  const { userName = '', groupName = '', policyArn = '', policyName = '', roleName = '' } = step.target
  switch (step.action) {
    case 'CreateGroup':
      return `Group ${groupName}`
    case 'AttachGroupPolicy':
      return `${policyNameOf(policyArn)} attached to ${groupName}`
    case 'PutGroupPolicy':
      return policyName === 'CairnSignIn'
        ? `${policyName} on ${groupName}: may assume the roles, nothing else`
        : `${policyName} on ${groupName}: API calls need MFA`
    case 'CreateRole':
      return `IAM role ${roleName}, trusting only your sign-in with MFA`
    case 'UpdateAssumeRolePolicy':
      return `${roleName}'s trust policy, replaced with Cairn's`
    case 'UpdateRole':
      return `${roleName}'s maximum session`
    case 'AttachRolePolicy':
      return `${policyNameOf(policyArn)} attached to the role ${roleName}`
    case 'CreateUser':
      return `User ${userName}`
    case 'AddUserToGroup':
      return `${userName} in ${groupName}`
    case 'CreateLoginProfile':
      return `Console password for ${userName}`
    case 'CreateAccessKey':
      return `Access key for ${userName}`
  }
}

export const statusWords: Record<PlanStep['status'], string> = {
  exists: 'Exists',
  create: 'Will create',
  update: 'Will update',
  conflict: 'Conflict'
}
