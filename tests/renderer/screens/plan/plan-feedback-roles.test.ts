import { describe, expect, it } from 'vitest'
import type { IamRoleSpecPayload } from '../../../../src/shared/channels/setup'
import type { PlanPayload } from '../../../../src/shared/contract'
import { conflictsBySetup, issuesByIamRole, issuesBySetup, messagesFor } from '../../../../src/renderer/src/screens/plan/plan-feedback'
import { roleSpec } from '../../support/role-spec'

const iamRole = (role: IamRoleSpecPayload['role']): IamRoleSpecPayload => ({ role, roleName: role, policyArns: [], maxSessionHours: 1 })
const roles = [iamRole('billing'), iamRole('dev')]
type Conflict = PlanPayload['conflicts'][number]
const planWith = (conflicts: Conflict[]): PlanPayload => ({ steps: [], conflicts, summary: { create: 0, update: 0, exists: 0, conflict: 0 } })

describe('plan feedback in the roles layout', () => {
  it('puts the sign-in’s name next to the sign-in field, and each role’s fields on its card', () => {
    const feedback = issuesByIamRole(roles, [
      { path: 'signIn.userName', message: 'Use at most 64 characters.' },
      { path: 'roles.1.roleName', message: 'Only letters, digits and + = , . @ _ -.' },
      { path: 'roles.0.policyArns.0', message: 'Not an ARN.' },
      { path: 'roles.1.maxSessionHours', message: 'Between 1 and 12.' },
      { path: 'roles.0.somethingElse', message: 'About the role.' }
    ])
    expect(feedback.signIn).toEqual([{ field: 'userName', message: 'Use at most 64 characters.', blocking: true }])
    expect(messagesFor(feedback.roles, 'dev', 'roleName').map((m) => m.message)).toEqual(['Only letters, digits and + = , . @ _ -.'])
    expect(messagesFor(feedback.roles, 'dev', 'maxSessionHours').map((m) => m.message)).toEqual(['Between 1 and 12.'])
    expect(messagesFor(feedback.roles, 'billing', 'policyArns').map((m) => m.message)).toEqual(['Not an ARN.'])
    expect(messagesFor(feedback.roles, 'billing', 'role').map((m) => m.message)).toEqual(['About the role.'])
  })

  it('keeps the guide’s layout as it was: the users layout has no sign-in messages', () => {
    const users = [roleSpec('billing'), roleSpec('dev')]
    const feedback = issuesBySetup({ roles: users }, [{ path: 'roles.1.userName', message: 'Too long.' }])
    expect(feedback).toEqual({ roles: { dev: [{ field: 'userName', message: 'Too long.', blocking: true }] }, signIn: [] })
  })

  it('routes a roles-layout request’s issues by layout', () => {
    const feedback = issuesBySetup({ layout: 'roles', signIn: { userName: '' }, roles }, [{ path: 'signIn.userName', message: 'Name the user.' }])
    expect(feedback.signIn.map((m) => m.message)).toEqual(['Name the user.'])
    expect(feedback.roles).toEqual({})
  })

  it('shows the sign-in’s conflicts with the sign-in, and the roles’ next to their fields', () => {
    const feedback = conflictsBySetup(
      planWith([
        { kind: 'moving-from-users', role: 'sign-in', stepIds: [], blocking: false, message: 'The guide’s users stay.' },
        { kind: 'role-trust-differs', role: 'dev', stepIds: ['trust:dev'], blocking: false, message: 'The trust policy is replaced.' },
        { kind: 'role-has-extra-policies', role: 'ops', stepIds: ['role:ops'], blocking: false, message: 'ops has more policies.' },
        { kind: 'name-differs-by-case', role: 'billing', stepIds: ['role:Billing'], blocking: true, message: 'Billing exists as billing.' }
      ])
    )
    expect(feedback.signIn).toEqual([{ field: 'userName', message: 'The guide’s users stay.', blocking: false }])
    expect(messagesFor(feedback.roles, 'dev', 'role').map((m) => m.message)).toEqual(['The trust policy is replaced.'])
    expect(messagesFor(feedback.roles, 'ops', 'policyArns').map((m) => m.message)).toEqual(['ops has more policies.'])
    expect(messagesFor(feedback.roles, 'billing', 'roleName')).toEqual([{ field: 'roleName', message: 'Billing exists as billing.', blocking: true }])
  })
})
