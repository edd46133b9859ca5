import { describe, expect, it } from 'vitest'
import { usersLayoutRoles } from '../../../src/renderer/src/journey/journey-context'
import { roleSpec } from '../support/role-spec'

describe('the planned setup the journey keeps for Apply and MFA', () => {
  it('gives the guide’s layout’s roles as plannedRoles, the very array Plan checked', () => {
    const roles = [roleSpec('dev')]
    expect(usersLayoutRoles({ roles })).toBe(roles)
    expect(usersLayoutRoles({ layout: 'users', roles })).toBe(roles)
  })

  it('has no users-layout roles for the roles layout, or without a plan', () => {
    expect(usersLayoutRoles(null)).toBeNull()
    expect(
      usersLayoutRoles({ layout: 'roles', signIn: { userName: 'me' }, roles: [{ role: 'dev', roleName: 'dev', policyArns: [], maxSessionHours: 1 }] })
    ).toBeNull()
  })
})
