import { describe, expect, it } from 'vitest'
import { codeAt, codeForStep, stepAt } from '../../../src/main/mfa/totp-codes'

// RFC 6238 appendix B, SHA-1 key "12345678901234567890", last six of the eight digits.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

describe('TOTP codes as authenticator apps show them', () => {
  it("matches RFC 6238's test vectors", () => {
    expect(codeAt(rfcSecret, 59_000)).toBe('287082')
    expect(codeAt(rfcSecret, 1111111109_000)).toBe('081804')
    expect(codeAt(rfcSecret, 1234567890_000)).toBe('005924')
    expect(codeAt(rfcSecret, 2000000000_000)).toBe('279037')
  })

  it('changes every 30 seconds and not in between', () => {
    expect(stepAt(60_000)).toBe(2)
    expect(codeAt(rfcSecret, 60_000)).toBe(codeAt(rfcSecret, 89_999))
    expect(codeForStep(rfcSecret, 3)).toBe(codeAt(rfcSecret, 90_000))
  })
})
