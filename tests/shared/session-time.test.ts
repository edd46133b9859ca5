import { describe, expect, it } from 'vitest'
import { REFRESH_MARGIN_MS, sessionState, sessionSummary, timeLeft } from '../../src/shared/session-time'

const now = Date.parse('2026-03-01T12:00:00Z')
const at = (ms: number) => new Date(now + ms).toISOString()
const mfaRole = (expiresInMs: number | null) => ({
  hasAccessKey: true,
  requiresMfa: true,
  session: expiresInMs === null ? null : { expiration: at(expiresInMs) }
})

describe('session time', () => {
  it('calls a session valid until five minutes remain, then expiring, then expired', () => {
    expect(sessionState(at(REFRESH_MARGIN_MS + 1000), now)).toBe('valid')
    expect(sessionState(at(REFRESH_MARGIN_MS - 1000), now)).toBe('expiring')
    expect(sessionState(at(0), now)).toBe('expired')
    expect(sessionState('not a date', now)).toBe('expired')
  })

  it('counts down in whole minutes', () => {
    expect(timeLeft(at(11 * 3600_000 + 20 * 60_000 + 59_000), now)).toBe('11 h 20 min')
    expect(timeLeft(at(2 * 3600_000), now)).toBe('2 h')
    expect(timeLeft(at(59_000), now)).toBe('under a minute')
    expect(timeLeft(at(-1), now)).toBe('expired')
  })

  it('says how long a session has left, and that it is ending soon under five minutes', () => {
    expect(sessionSummary(mfaRole(680 * 60_000), now)).toEqual({ standing: 'valid', words: '11 h 20 min left' })
    expect(sessionSummary(mfaRole(4 * 60_000 + 10_000), now)).toEqual({ standing: 'expiring', words: '4 min left, ending soon' })
    expect(sessionSummary(mfaRole(30_000), now)).toEqual({ standing: 'expiring', words: 'under a minute left, ending soon' })
    expect(sessionSummary(mfaRole(-60_000), now)).toEqual({ standing: 'expired', words: 'session expired' })
  })

  it('judges the session at the time asked, not when it was listed', () => {
    const role = mfaRole(6 * 60_000)
    expect(sessionSummary(role, now).standing).toBe('valid')
    expect(sessionSummary(role, now + 2 * 60_000)).toEqual({ standing: 'expiring', words: '4 min left, ending soon' })
    expect(sessionSummary(role, now + 7 * 60_000).standing).toBe('expired')
  })

  it('tells roles without a session apart: console only, waiting for MFA, or started on first use', () => {
    expect(sessionSummary({ hasAccessKey: false, requiresMfa: false, session: null }, now)).toEqual({ standing: 'console-only', words: 'console only' })
    expect(sessionSummary(mfaRole(null), now)).toEqual({ standing: 'none', words: 'no session yet' })
    expect(sessionSummary({ hasAccessKey: true, requiresMfa: false, session: null }, now)).toEqual({ standing: 'starts-on-use', words: 'starts when used' })
  })
})
