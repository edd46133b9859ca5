import type { PlanPayload } from '../../../../shared/contract'

type PlanStep = PlanPayload['steps'][number]
export type StepAction = PlanStep['action']
export type StepTarget = PlanStep['target']

/** What a step is about, from the plan when there is one, else from its stable id ('user:dev'). */
export interface StepSubject {
  action: StepAction
  target: StepTarget
}

const policyName = (arn = '') => arn.split('/').pop() ?? arn

/**
 * The step id says what it is about (src/main/setup/step.ts stepIds): after a restart the
 * screen has no plan, only the ids in progress events, and still names each row in words.
 */
export function subjectFromId(id: string): StepSubject | null {
  const [kind = '', first = '', ...rest] = id.split(':')
  const tail = rest.join(':')
  switch (kind) {
    case 'group':
      return { action: 'CreateGroup', target: { groupName: first } }
    case 'attach':
      return { action: 'AttachGroupPolicy', target: { groupName: first, policyArn: tail } }
    case 'inline-policy':
      return { action: 'PutGroupPolicy', target: { groupName: first, policyName: tail } }
    case 'user':
      return { action: 'CreateUser', target: { userName: first } }
    case 'membership':
      return { action: 'AddUserToGroup', target: { userName: first, groupName: tail } }
    case 'login-profile':
      return { action: 'CreateLoginProfile', target: { userName: first } }
    case 'access-key':
      return { action: 'CreateAccessKey', target: { userName: first } }
    case 'role':
      return { action: 'CreateRole', target: { roleName: first } }
    case 'trust':
      return { action: 'UpdateAssumeRolePolicy', target: { roleName: first } }
    case 'max-session':
      return { action: 'UpdateRole', target: { roleName: first } }
    case 'attach-role':
      return { action: 'AttachRolePolicy', target: { roleName: first, policyArn: tail } }
    default:
      return null
  }
}

/** Why the group gets its inline policy: CairnRequireMFA in the guide's layout, CairnSignIn in the roles layout. */
const inlinePolicyPurpose = (name = '') => (name === 'CairnSignIn' ? 'its users may assume the roles, nothing else' : 'API calls need MFA')

/** The step as a row title: what Cairn does in the account. */
export function doWords({ action, target }: StepSubject): string {
  const { userName = '', groupName = '', roleName = '' } = target
  switch (action) {
    case 'CreateGroup':
      return `Create the group ${groupName}`
    case 'AttachGroupPolicy':
      return `Attach ${policyName(target.policyArn)} to ${groupName}`
    case 'PutGroupPolicy':
      return `Put ${target.policyName ?? 'the policy'} on ${groupName} (${inlinePolicyPurpose(target.policyName)})`
    case 'CreateRole':
      return `Create the IAM role ${roleName} (only your sign-in, with MFA)`
    case 'UpdateAssumeRolePolicy':
      return `Replace the trust policy of ${roleName}`
    case 'UpdateRole':
      return `Change how long ${roleName}'s sessions may last`
    case 'AttachRolePolicy':
      return `Attach ${policyName(target.policyArn)} to the role ${roleName}`
    case 'CreateUser':
      return `Create the user ${userName}`
    case 'AddUserToGroup':
      return `Add ${userName} to ${groupName}`
    case 'CreateLoginProfile':
      return `Give ${userName} a console password (into your keychain)`
    case 'CreateAccessKey':
      return `Create an access key for ${userName} (into your keychain)`
  }
}

/** The same step as a rollback takes it back. */
export function undoWords({ action, target }: StepSubject): string {
  const { userName = '', groupName = '', roleName = '' } = target
  switch (action) {
    case 'CreateRole':
      return `Delete the IAM role ${roleName}`
    case 'AttachRolePolicy':
      return `Detach ${policyName(target.policyArn)} from the role ${roleName}`
    case 'UpdateAssumeRolePolicy':
    case 'UpdateRole':
      return `Leave ${roleName} as Cairn set it`
    case 'CreateGroup':
      return `Delete the group ${groupName}`
    case 'AttachGroupPolicy':
      return `Detach ${policyName(target.policyArn)} from ${groupName}`
    case 'PutGroupPolicy':
      return `Remove ${target.policyName ?? 'the policy'} from ${groupName}`
    case 'CreateUser':
      return `Delete the user ${userName}`
    case 'AddUserToGroup':
      return `Remove ${userName} from ${groupName}`
    case 'CreateLoginProfile':
      return `Delete ${userName}'s console password (and its keychain copy)`
    case 'CreateAccessKey':
      return `Delete ${userName}'s access key (and its keychain copy)`
  }
}

/** A row title for any step id, with or without the plan at hand. */
export function stepTitle(id: string, known: ReadonlyMap<string, StepSubject>, words: (subject: StepSubject) => string): string {
  const subject = known.get(id) ?? subjectFromId(id)
  return subject ? words(subject) : id
}
