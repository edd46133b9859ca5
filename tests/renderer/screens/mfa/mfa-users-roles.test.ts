import { describe, expect, it } from 'vitest'
import { signInUser, userRequest, usersFromOverview, usersFromSetup } from '../../../../src/renderer/src/screens/mfa/mfa-users'
import { roleSpec } from '../../support/role-spec'

const profileRole = (role: string) => ({ role, userName: 'me', requiresMfa: true, consoleAccess: true })

describe('the MFA step’s users in the roles layout', () => {
  it('is the sign-in alone, as planned: the role users of the guide’s layout are not there', () => {
    expect(
      usersFromSetup({
        layout: 'roles',
        signIn: { userName: 'me' },
        roles: [
          { role: 'dev', roleName: 'dev', policyArns: [], maxSessionHours: 1 },
          { role: 'ops', roleName: 'ops', policyArns: [], maxSessionHours: 1 }
        ]
      })
    ).toEqual([{ role: 'sign-in', userName: 'me', requiresMfa: true, consoleAccess: true }])
  })

  it('keeps the guide’s layout as before', () => {
    expect(usersFromSetup({ roles: [roleSpec('dev')] })).toEqual([{ role: 'dev', userName: 'dev', requiresMfa: true, consoleAccess: true }])
  })

  it('after a restart, is the sign-in when the profiles registry records one', () => {
    expect(usersFromOverview({ signIn: { userName: 'me', arn: 'arn:aws:iam::1:user/me', session: null }, roles: [profileRole('dev')] })).toEqual([
      signInUser('me')
    ])
    expect(usersFromOverview({ signIn: null, roles: [{ role: 'dev', userName: 'dev', requiresMfa: true, consoleAccess: true }] })).toEqual([
      { role: 'dev', userName: 'dev', requiresMfa: true, consoleAccess: true }
    ])
  })

  it('names the sign-in to the mfa.* channels as role "sign-in"', () => {
    expect(userRequest(signInUser('me'))).toEqual({ role: 'sign-in', userName: 'me' })
    expect(userRequest(signInUser(null))).toEqual({ role: 'sign-in' })
  })
})
