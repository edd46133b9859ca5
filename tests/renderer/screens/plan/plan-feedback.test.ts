import { describe, expect, it } from 'vitest'
import type { PlanPayload } from '../../../../src/shared/contract'
import { conflictsByRole, issuesByRole, messagesFor } from '../../../../src/renderer/src/screens/plan/plan-feedback'
import { roleSpec } from '../../support/role-spec'

const roles = [roleSpec('billing'), roleSpec('dev')]
type Conflict = PlanPayload['conflicts'][number]
const conflict = (over: Partial<Conflict>): Conflict => ({
  kind: 'user-in-other-group',
  role: 'dev',
  stepIds: ['user:dev'],
  blocking: true,
  message: 'A message.',
  ...over
})
const planWith = (conflicts: Conflict[]): PlanPayload => ({ steps: [], conflicts, summary: { create: 0, update: 0, exists: 0, conflict: conflicts.length } })

describe('plan feedback', () => {
  it('puts each refused field next to its own role card', () => {
    const feedback = issuesByRole(roles, [
      { path: 'roles.1.userName', message: 'Use at most 64 characters.' },
      { path: 'roles.0.policyArns.2', message: 'Not an ARN.' }
    ])
    expect(feedback).toEqual({
      dev: [{ field: 'userName', message: 'Use at most 64 characters.', blocking: true }],
      billing: [{ field: 'policyArns', message: 'Not an ARN.', blocking: true }]
    })
  })

  it('shows the password-reset choice with console access, and unknown fields on the role as a whole', () => {
    expect(issuesByRole(roles, [{ path: 'roles.1.consoleAccess.passwordResetRequired', message: 'm' }]).dev).toEqual([
      { field: 'consoleAccess', message: 'm', blocking: true }
    ])
    expect(issuesByRole(roles, [{ path: 'roles.1.somethingNew', message: 'm' }]).dev).toEqual([{ field: 'role', message: 'm', blocking: true }])
  })

  it('puts issues that name no role on the first role, and drops them when there is no role', () => {
    expect(issuesByRole(roles, [{ path: 'roles', message: 'Plan one to four roles.' }])).toEqual({
      billing: [{ field: 'role', message: 'Plan one to four roles.', blocking: true }]
    })
    expect(issuesByRole(roles, [{ path: 'roles.7.userName', message: 'm' }])).toEqual({ billing: [{ field: 'role', message: 'm', blocking: true }] })
    expect(issuesByRole([], [{ path: 'roles.0.userName', message: 'm' }])).toEqual({})
  })

  it('puts each conflict next to the field the user would change, keeping whether it blocks', () => {
    const feedback = conflictsByRole(
      planWith([
        conflict({ kind: 'access-key-quota', message: 'Two keys already.' }),
        conflict({ kind: 'group-has-extra-policies', role: 'ops', blocking: false, message: 'Extra policies.' }),
        conflict({ kind: 'login-profile-exists', message: 'Has a password.' })
      ])
    )
    expect(feedback).toEqual({
      dev: [
        { field: 'accessKey', message: 'Two keys already.', blocking: true },
        { field: 'consoleAccess', message: 'Has a password.', blocking: true }
      ],
      ops: [{ field: 'groupName', message: 'Extra policies.', blocking: false }]
    })
  })

  it('puts a name that differs only by case on the group when a group step is involved, else on the user', () => {
    expect(conflictsByRole(planWith([conflict({ kind: 'name-differs-by-case', stepIds: ['group:developers'] })])).dev?.[0]?.field).toBe('groupName')
    expect(conflictsByRole(planWith([conflict({ kind: 'name-differs-by-case', stepIds: ['user:Dev'] })])).dev?.[0]?.field).toBe('userName')
  })

  it('finds the messages for one field of one role', () => {
    const feedback = issuesByRole(roles, [
      { path: 'roles.1.userName', message: 'a' },
      { path: 'roles.1.groupName', message: 'b' }
    ])
    expect(messagesFor(feedback, 'dev', 'groupName').map((m) => m.message)).toEqual(['b'])
    expect(messagesFor(feedback, 'ops', 'groupName')).toEqual([])
  })
})
