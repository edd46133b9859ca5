import { describe, expect, it } from 'vitest'
import { userRequest, usersFromJournal, usersFromPlan, usersFromProfiles } from '../../../../src/renderer/src/screens/mfa/mfa-users'
import { roleSpec } from '../../support/role-spec'

describe('the MFA step’s users', () => {
  it('come from the plan in this window, with what each needs', () => {
    expect(
      usersFromPlan([
        roleSpec('dev'),
        roleSpec('billing', { userName: 'finance', requireMfaForApi: false, consoleAccess: { enabled: false, passwordResetRequired: false } })
      ])
    ).toEqual([
      { role: 'dev', userName: 'dev', requiresMfa: true, consoleAccess: true },
      { role: 'billing', userName: 'finance', requiresMfa: false, consoleAccess: false }
    ])
  })

  it('come from the profiles registry after a restart, leaving out roles Cairn does not make', () => {
    const overview = {
      roles: [
        { role: 'ops', userName: 'ops', requiresMfa: true, consoleAccess: false },
        { role: 'auditor', userName: 'auditor', requiresMfa: false, consoleAccess: true }
      ]
    }
    expect(usersFromProfiles(overview)).toEqual([{ role: 'ops', userName: 'ops', requiresMfa: true, consoleAccess: false }])
  })

  it('are only role names when just the setup journal is left', () => {
    expect(usersFromJournal(null)).toEqual([])
    const steps = { done: 0, failed: 0, started: 0, undone: 0, created: 0 }
    expect(
      usersFromJournal({ runId: 'r', state: 'finished', startedAt: '', updatedAt: '', roles: ['dev'], steps, canResume: false, canRollBack: false })
    ).toEqual([{ role: 'dev', userName: null, requiresMfa: null, consoleAccess: null }])
  })

  it('name the IAM user in mfa.* requests only when it is known', () => {
    expect(userRequest({ role: 'dev', userName: 'developer', requiresMfa: true, consoleAccess: true })).toEqual({ role: 'dev', userName: 'developer' })
    expect(userRequest({ role: 'dev', userName: null, requiresMfa: null, consoleAccess: null })).toEqual({ role: 'dev' })
  })
})
