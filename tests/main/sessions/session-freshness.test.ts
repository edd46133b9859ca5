import { describe, expect, it } from 'vitest'
import { processCredentialsJson, REFRESH_MARGIN_MS, sessionState, timeLeft } from '../../../src/main/sessions/session-freshness'

const now = Date.parse('2026-03-01T12:00:00Z')
const at = (ms: number) => new Date(now + ms).toISOString()

describe('session freshness', () => {
  it('calls a session valid until five minutes remain, then expiring, then expired', () => {
    expect(sessionState(at(REFRESH_MARGIN_MS + 1000), now)).toBe('valid')
    expect(sessionState(at(REFRESH_MARGIN_MS - 1000), now)).toBe('expiring')
    expect(sessionState(at(0), now)).toBe('expired')
    expect(sessionState(at(-1000), now)).toBe('expired')
    expect(sessionState('not a date', now)).toBe('expired')
  })

  it('says how long a session has left the way a menu would', () => {
    expect(timeLeft(at(12 * 3600_000), now)).toBe('12 h')
    expect(timeLeft(at(11 * 3600_000 + 20 * 60_000 + 59_000), now)).toBe('11 h 20 min')
    expect(timeLeft(at(4 * 60_000 + 5000), now)).toBe('4 min')
    expect(timeLeft(at(30_000), now)).toBe('under a minute')
    expect(timeLeft(at(-1), now)).toBe('expired')
  })

  it('prints the process-credentials JSON the AWS CLI expects, Version 1 first', () => {
    const json = processCredentialsJson({ accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: 's', sessionToken: 't', expiration: '2026-03-01T12:00:00Z' })
    expect(JSON.parse(json)).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAEXAMPLE000000001',
      SecretAccessKey: 's',
      SessionToken: 't',
      Expiration: '2026-03-01T12:00:00.000Z'
    })
    expect(Object.keys(JSON.parse(json) as object)[0]).toBe('Version')
  })
})
