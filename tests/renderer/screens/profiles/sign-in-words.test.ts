import { describe, expect, it } from 'vitest'
import { needsSignIn, signInLine } from '../../../../src/renderer/src/screens/profiles/sign-in-words'

const now = Date.parse('2026-12-04T10:00:00Z')
const time = (iso: string) => iso.slice(11, 16)
const signIn = (session: { expiration: string; state: 'valid' | 'expiring' | 'expired' } | null) => ({
  userName: 'me',
  arn: 'arn:aws:iam::123456789012:user/me',
  session
})

describe('the roles layout’s sign-in line', () => {
  it('says until when the day’s sign-in lasts', () => {
    expect(signInLine(signIn({ expiration: '2026-12-04T20:14:00Z', state: 'valid' }), now, time)).toEqual({
      signedIn: true,
      text: 'Signed in as me until 20:14'
    })
    expect(signInLine(signIn({ expiration: '2026-12-04T10:05:00Z', state: 'expiring' }), now, time).signedIn).toBe(true)
  })

  it('says “Not signed in today” before the first sign-in, and when the last one ended after it did', () => {
    expect(signInLine(signIn(null), now, time)).toEqual({ signedIn: false, text: 'Not signed in today' })
    expect(signInLine(signIn({ expiration: '2026-12-04T09:00:00Z', state: 'valid' }), now, time)).toEqual({
      signedIn: false,
      text: 'Not signed in: your sign-in for the day ended at 09:00'
    })
  })

  it('asks for one code when the console is refused for the day’s sign-in, in the roles layout only', () => {
    expect(needsSignIn({ code: 'SESSION_EXPIRED' }, true)).toBe(true)
    expect(needsSignIn({ code: 'SESSION_EXPIRED' }, false)).toBe(false)
    expect(needsSignIn({ code: 'MFA_CODE_WRONG' }, true)).toBe(false)
    expect(needsSignIn(null, true)).toBe(false)
  })
})
