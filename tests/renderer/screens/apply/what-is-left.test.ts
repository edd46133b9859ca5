import { describe, expect, it } from 'vitest'
import { whatIsLeft } from '../../../../src/renderer/src/screens/apply/what-is-left'

const counts = (deferred: number) => ({ counts: { created: 1, existed: 0, updated: 0, failed: 0, skipped: 0, deferred } })

describe('what is left after Apply', () => {
  it('in the guide’s layout: each user’s MFA, and the MFA rule that waits for it', () => {
    expect(whatIsLeft(counts(0))).toBe(' Next: an MFA device for each user.')
    expect(whatIsLeft(counts(2), { layout: 'users' })).toMatch(/goes on each group once its user has an MFA device/)
  })

  it('in the roles layout: the sign-in’s MFA device, which guards every role', () => {
    expect(whatIsLeft(counts(0), { layout: 'roles', userName: 'me' })).toBe(
      ' Next: an MFA device for your sign-in, me. The roles trust it only with MFA, so one device guards every role.'
    )
    expect(whatIsLeft(counts(0), { layout: 'roles', userName: null })).toMatch(/^ Next: an MFA device for your sign-in\. /)
  })
})
