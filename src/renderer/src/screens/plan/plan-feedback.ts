import type { IamRoleSpecPayload, SetupRequestPayload } from '../../../../shared/channels/setup'
import type { PlanPayload, RoleSpecPayload } from '../../../../shared/contract'
import type { RoleId } from './role-words'

/** The parts of a role card a message can sit next to. */
export type RoleField = 'role' | 'userName' | 'groupName' | 'policyArns' | 'consoleAccess' | 'accessKey' | 'roleName' | 'maxSessionHours'

export interface FieldMessage {
  field: RoleField
  message: string
  /** Blocks Continue (AWS would refuse, or a blocking conflict); otherwise something to know. */
  blocking: boolean
}

export type RoleFeedback = Partial<Record<RoleId, FieldMessage[]>>

const fields: readonly RoleField[] = ['role', 'userName', 'groupName', 'policyArns', 'consoleAccess', 'accessKey']

/**
 * setup.plan's INVALID_REQUEST issues name `roles.<index>.<field>[...]`: each message goes to
 * that role's field; anything else to the role as a whole.
 */
export function issuesByRole(roles: readonly RoleSpecPayload[], issues: ReadonlyArray<{ path: string; message: string }>): RoleFeedback {
  const feedback: RoleFeedback = {}
  for (const issue of issues) {
    const [head, index, field] = issue.path.split('.')
    const role = head === 'roles' && index !== undefined ? roles[Number(index)]?.role : undefined
    const at = role ?? roles[0]?.role
    if (!at) continue
    const known = fields.find((f) => f === field) ?? (field === 'passwordResetRequired' ? 'consoleAccess' : 'role')
    ;(feedback[at] ??= []).push({ field: role ? known : 'role', message: issue.message, blocking: true })
  }
  return feedback
}

const conflictField: Record<PlanPayload['conflicts'][number]['kind'], RoleField> = {
  'name-differs-by-case': 'userName',
  'user-in-other-group': 'userName',
  'group-has-extra-policies': 'groupName',
  'group-policy-quota': 'policyArns',
  'groups-per-user-quota': 'userName',
  'access-key-quota': 'accessKey',
  'login-profile-exists': 'consoleAccess',
  'role-trust-differs': 'role',
  'role-has-extra-policies': 'policyArns',
  'role-policy-quota': 'policyArns',
  'moving-from-users': 'role',
  'mfa-device-found': 'userName'
}

/** A plan's conflicts, next to the field the user would change. */
export function conflictsByRole(plan: PlanPayload): RoleFeedback {
  const feedback: RoleFeedback = {}
  for (const conflict of plan.conflicts) {
    // The sign-in user's notes are shown with the sign-in, not a role's card.
    if (conflict.role === 'sign-in') continue
    // A name that differs by case may be the group's as well as the user's.
    const field =
      conflict.kind === 'name-differs-by-case' && conflict.stepIds.some((id) => id.startsWith('group:'))
        ? 'groupName'
        : conflict.kind === 'name-differs-by-case' && conflict.stepIds.some((id) => id.startsWith('role:'))
          ? 'roleName'
          : conflictField[conflict.kind]
    ;(feedback[conflict.role] ??= []).push({ field, message: conflict.message, blocking: conflict.blocking })
  }
  return feedback
}

export const messagesFor = (feedback: RoleFeedback, role: RoleId, field: RoleField): FieldMessage[] => (feedback[role] ?? []).filter((m) => m.field === field)

/** Everything Plan shows next to a field: each role card's, and the roles layout's sign-in field's. */
export interface SetupFeedback {
  roles: RoleFeedback
  signIn: FieldMessage[]
}

export const noFeedback: SetupFeedback = { roles: {}, signIn: [] }

const iamRoleFields: readonly RoleField[] = ['roleName', 'policyArns', 'maxSessionHours']

/**
 * The roles layout's INVALID_REQUEST issues: `signIn.userName` goes with the sign-in field,
 * `roles.<index>.<roleName|policyArns|maxSessionHours>` with that role's field, anything
 * else about a role with the role as a whole, and the rest with the sign-in.
 */
export function issuesByIamRole(roles: readonly IamRoleSpecPayload[], issues: ReadonlyArray<{ path: string; message: string }>): SetupFeedback {
  const feedback: SetupFeedback = { roles: {}, signIn: [] }
  for (const issue of issues) {
    const [head, index, field] = issue.path.split('.')
    const role = head === 'roles' && index !== undefined ? roles[Number(index)]?.role : undefined
    if (!role) {
      feedback.signIn.push({ field: 'userName', message: issue.message, blocking: true })
      continue
    }
    ;(feedback.roles[role] ??= []).push({ field: iamRoleFields.find((f) => f === field) ?? 'role', message: issue.message, blocking: true })
  }
  return feedback
}

/** A setup's INVALID_REQUEST issues, in either layout. */
export const issuesBySetup = (setup: SetupRequestPayload, issues: ReadonlyArray<{ path: string; message: string }>): SetupFeedback =>
  setup.layout === 'roles' ? issuesByIamRole(setup.roles, issues) : { roles: issuesByRole(setup.roles, issues), signIn: [] }

/** A plan's conflicts: the roles' next to their fields, the sign-in's ('moving-from-users', say) with the sign-in field. */
export const conflictsBySetup = (plan: PlanPayload): SetupFeedback => ({
  roles: conflictsByRole(plan),
  signIn: plan.conflicts.filter((c) => c.role === 'sign-in').map((c) => ({ field: 'userName', message: c.message, blocking: c.blocking }))
})
