import type { PlanPayload, RoleSpecPayload } from '../../../../shared/contract'
import type { RoleId } from './role-words'

/** The parts of a role card a message can sit next to. */
export type RoleField = 'role' | 'userName' | 'groupName' | 'policyArns' | 'consoleAccess' | 'accessKey'

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
  'moving-from-users': 'role'
}

/** A plan's conflicts, next to the field the user would change. */
export function conflictsByRole(plan: PlanPayload): RoleFeedback {
  const feedback: RoleFeedback = {}
  for (const conflict of plan.conflicts) {
    // The sign-in user's notes are shown with the sign-in, not a role's card.
    if (conflict.role === 'sign-in') continue
    // A name that differs by case may be the group's as well as the user's.
    const field =
      conflict.kind === 'name-differs-by-case' && conflict.stepIds.some((id) => id.startsWith('group:')) ? 'groupName' : conflictField[conflict.kind]
    ;(feedback[conflict.role] ??= []).push({ field, message: conflict.message, blocking: conflict.blocking })
  }
  return feedback
}

export const messagesFor = (feedback: RoleFeedback, role: RoleId, field: RoleField): FieldMessage[] => (feedback[role] ?? []).filter((m) => m.field === field)
