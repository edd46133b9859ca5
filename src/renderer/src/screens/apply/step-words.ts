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
    default:
      return null
  }
}

/** The step as a row title: what Cairn does in the account. */
export function doWords({ action, target }: StepSubject): string {
  const { userName = '', groupName = '' } = target
  switch (action) {
    case 'CreateGroup':
      return `Create the group ${groupName}`
    case 'AttachGroupPolicy':
      return `Attach ${policyName(target.policyArn)} to ${groupName}`
    case 'PutGroupPolicy':
      return `Put ${target.policyName ?? 'the policy'} on ${groupName} (API calls need MFA)`
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
  const { userName = '', groupName = '' } = target
  switch (action) {
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
