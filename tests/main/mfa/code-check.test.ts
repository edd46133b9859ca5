import { describe, expect, it } from 'vitest'
import { checkCodes, describeCheck, isValidPair, withinAwsTolerance } from '../../../src/main/mfa/code-check'
import { codeAt } from '../../../src/main/mfa/totp-codes'

// 64 Base32 characters, like CreateVirtualMFADevice's Base32StringSeed.
const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const other = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
// Fifteen seconds into a step, so "30 seconds off" is exactly one step either way.
const awsNow = Date.UTC(2026, 2, 14, 9, 12, 15)
const label = 'dev@123456789012'

/** The two codes an authenticator app whose clock is `skewSeconds` off shows, ending at `at`. */
function typed(secret: string, skewSeconds = 0, at = awsNow): [string, string] {
  const phoneNow = at + skewSeconds * 1000
  return [codeAt(secret, phoneNow - 30_000), codeAt(secret, phoneNow)]
}

describe('checking two codes before AWS does', () => {
  it('calls codes typed now, one after the other, valid and consecutive', () => {
    const check = checkCodes(seed, ...typed(seed), awsNow)
    expect(check).toEqual({ kind: 'consecutive' })
    expect(describeCheck(check, label)).toBe('Both codes are valid and consecutive.')
    expect(isValidPair(check)).toBe(true)
  })

  it('asks to wait for the next code when the same code is typed twice', () => {
    const [code] = typed(seed)
    const check = checkCodes(seed, code, code, awsNow)
    expect(check).toEqual({ kind: 'same-code' })
    expect(describeCheck(check, label)).toMatch(/same code twice.*Wait for .*next code/)
    expect(isValidPair(check)).toBe(false)
  })

  for (const skew of [30, 60, 90, -30, -60, -90]) {
    it(`says the authenticator's clock is about ${Math.abs(skew)} seconds ${skew > 0 ? 'ahead' : 'behind'} when it is`, () => {
      const check = checkCodes(seed, ...typed(seed, skew), awsNow)
      expect(check).toEqual({ kind: 'clock-skew', skewSeconds: skew })
      const message = describeCheck(check, label)
      expect(message).toContain(`about ${Math.abs(skew)} seconds`)
      expect(message).toContain(skew > 0 ? 'ahead of' : 'behind')
      // Still a valid pair: AWS decides, and accepts a step either way.
      expect(isValidPair(check)).toBe(true)
      expect(withinAwsTolerance(check)).toBe(Math.abs(skew) <= 30)
      expect(message).toContain(Math.abs(skew) <= 30 ? 'AWS accepts that much' : 'more than AWS usually accepts')
    })
  }

  it('asks whether another entry was scanned when neither code belongs to the key', () => {
    const check = checkCodes(seed, ...typed(other), awsNow)
    expect(check).toEqual({ kind: 'not-this-secret' })
    expect(describeCheck(check, label)).toMatch(/Did you scan another entry\? Use the entry "dev@123456789012"/)
  })

  it('says the second code came too late when the app had moved on more than one code', () => {
    const code1 = codeAt(seed, awsNow - 60_000)
    const code2 = codeAt(seed, awsNow)
    const check = checkCodes(seed, code1, code2, awsNow)
    expect(check).toEqual({ kind: 'not-consecutive', stepsApart: 2 })
    expect(describeCheck(check, label)).toMatch(/not consecutive.*too late/)
  })

  it('says the codes are in the wrong order when they are swapped', () => {
    const [code1, code2] = typed(seed)
    const check = checkCodes(seed, code2, code1, awsNow)
    expect(check).toEqual({ kind: 'not-consecutive', stepsApart: -1 })
    expect(describeCheck(check, label)).toMatch(/wrong order/)
  })

  it('points at the mistyped code when only one of them belongs to the key', () => {
    const [code1, code2] = typed(seed)
    const typo = code2 === '000000' ? '000001' : '000000'
    expect(checkCodes(seed, code1, typo, awsNow)).toEqual({ kind: 'one-code-wrong', wrongCode: 2 })
    expect(describeCheck({ kind: 'one-code-wrong', wrongCode: 2 }, label)).toMatch(/MFA code 2 is not a code of this key.*typo/)
  })

  it('still recognises codes from a phone whose clock is ten minutes off', () => {
    expect(checkCodes(seed, ...typed(seed, 600), awsNow)).toEqual({ kind: 'clock-skew', skewSeconds: 600 })
  })

  it('refuses anything but six digits', () => {
    expect(() => checkCodes(seed, '12345', '123456', awsNow)).toThrow(RangeError)
  })
})
