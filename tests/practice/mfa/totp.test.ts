import { authenticator } from 'otplib'
import { describe, expect, it } from 'vitest'
import { findCodeStep, generateBase32Seed, otpauthUri, qrPng, stepAt, totpAt, verifyCode, verifyConsecutiveCodes } from '../../../src/practice/mfa/totp'

/** RFC 6238's SHA-1 secret, "12345678901234567890", in Base32. */
const rfcSeed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

// RFC 6238 appendix B (SHA-1): the 8-digit values' last six digits are the 6-digit codes.
const rfcVectors: Array<[seconds: number, eightDigits: string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130']
]

const now = Date.UTC(2024, 5, 1, 12, 0, 10)
const stepMs = 30_000

describe('totpAt', () => {
  it.each(rfcVectors)('matches RFC 6238 at T=%i s', (seconds, eightDigits) => {
    expect(totpAt(rfcSeed, seconds * 1000)).toBe(eightDigits.slice(-6))
  })

  it('gives the same code throughout a 30-second step and a new one after it', () => {
    const start = stepAt(now) * stepMs
    expect(totpAt(rfcSeed, start)).toBe(totpAt(rfcSeed, start + stepMs - 1))
    expect(totpAt(rfcSeed, start)).not.toBe(totpAt(rfcSeed, start + stepMs))
  })

  it("leaves otplib's shared authenticator options untouched", () => {
    const before = { ...authenticator.options }
    totpAt(rfcSeed, 59_000)
    expect(authenticator.options).toEqual(before)
    expect(authenticator.options.epoch).toBeUndefined()
  })
})

describe('generateBase32Seed', () => {
  it('makes a 64-character Base32 seed like AWS', () => {
    const seed = generateBase32Seed()
    expect(seed).toMatch(/^[A-Z2-7]{64}$/)
  })

  it('makes a different seed each time', () => {
    const seeds = new Set(Array.from({ length: 20 }, () => generateBase32Seed()))
    expect(seeds.size).toBe(20)
  })

  it('makes seeds an authenticator can use', () => {
    const seed = generateBase32Seed()
    expect(totpAt(seed, now)).toMatch(/^\d{6}$/)
    expect(verifyCode(seed, totpAt(seed, now), now)).toBe(true)
  })
})

describe('verifyCode', () => {
  const seed = rfcSeed

  it('accepts the current code and codes one step either side', () => {
    expect(verifyCode(seed, totpAt(seed, now), now)).toBe(true)
    expect(verifyCode(seed, totpAt(seed, now - stepMs), now)).toBe(true)
    expect(verifyCode(seed, totpAt(seed, now + stepMs), now)).toBe(true)
  })

  it('refuses codes further away than the window', () => {
    expect(verifyCode(seed, totpAt(seed, now - 2 * stepMs), now)).toBe(false)
    expect(verifyCode(seed, totpAt(seed, now - 2 * stepMs), now, 2)).toBe(true)
    expect(verifyCode(seed, totpAt(seed, now - stepMs), now, 0)).toBe(false)
  })

  it('refuses codes that are not six digits', () => {
    expect(verifyCode(seed, '12345', now)).toBe(false)
    expect(verifyCode(seed, `${totpAt(seed, now)}0`, now)).toBe(false)
    expect(verifyCode(seed, 'abcdef', now)).toBe(false)
  })

  it('tells which step a code belongs to, for refusing replays', () => {
    expect(findCodeStep(seed, totpAt(seed, now - stepMs), now)).toBe(stepAt(now) - 1)
    expect(findCodeStep(seed, '000000', 59_000, 0)).toBeUndefined()
  })
})

describe('verifyConsecutiveCodes', () => {
  const seed = rfcSeed
  const codeAt = (stepsFromNow: number): string => totpAt(seed, now + stepsFromNow * stepMs)

  it('accepts the previous and the current code, in that order', () => {
    expect(verifyConsecutiveCodes(seed, codeAt(-1), codeAt(0), now)).toEqual({ ok: true, step: stepAt(now) })
  })

  it('tolerates one step of clock skew either way', () => {
    expect(verifyConsecutiveCodes(seed, codeAt(-2), codeAt(-1), now)).toEqual({ ok: true, step: stepAt(now) - 1 })
    expect(verifyConsecutiveCodes(seed, codeAt(0), codeAt(1), now)).toEqual({ ok: true, step: stepAt(now) + 1 })
  })

  it('refuses a pair too far from now', () => {
    expect(verifyConsecutiveCodes(seed, codeAt(-4), codeAt(-3), now)).toEqual({ ok: false, reason: 'not-valid' })
    expect(verifyConsecutiveCodes(seed, codeAt(-4), codeAt(-3), now, 3)).toMatchObject({ ok: true })
  })

  it('refuses the same code typed twice', () => {
    expect(verifyConsecutiveCodes(seed, codeAt(0), codeAt(0), now)).toEqual({ ok: false, reason: 'same-code' })
  })

  it('refuses valid codes that are swapped or not adjacent', () => {
    expect(verifyConsecutiveCodes(seed, codeAt(0), codeAt(-1), now)).toEqual({ ok: false, reason: 'not-consecutive' })
    expect(verifyConsecutiveCodes(seed, codeAt(-1), codeAt(1), now)).toEqual({ ok: false, reason: 'not-consecutive' })
  })

  it('refuses codes from another seed or not six digits', () => {
    const other = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    const otherAt = (steps: number): string => totpAt(other, now + steps * stepMs)
    const result = verifyConsecutiveCodes(seed, otherAt(-1), otherAt(0), now)
    expect(result).toEqual({ ok: false, reason: 'not-valid' })
    expect(verifyConsecutiveCodes(seed, '12345', codeAt(0), now)).toEqual({ ok: false, reason: 'not-valid' })
  })
})

describe('otpauthUri', () => {
  it("writes the key URI AWS's QR code carries when the issuer is left out", () => {
    expect(otpauthUri('alice@123456789012', 'SEED234', null)).toBe('otpauth://totp/alice@123456789012?secret=SEED234')
  })

  it('adds the issuer, AWS by default', () => {
    expect(otpauthUri('alice@123456789012', 'SEED234')).toBe('otpauth://totp/alice@123456789012?secret=SEED234&issuer=AWS')
    expect(otpauthUri('Cairn:alice', 'SEED234', 'Cairn Practice')).toBe('otpauth://totp/Cairn:alice?secret=SEED234&issuer=Cairn%20Practice')
  })

  it('percent-encodes characters a URI path cannot hold', () => {
    expect(otpauthUri('my phone/1', 'S')).toBe('otpauth://totp/my%20phone%2F1?secret=S&issuer=AWS')
  })
})

describe('qrPng', () => {
  it('renders a PNG image', async () => {
    const png = await qrPng(otpauthUri('alice@123456789012', generateBase32Seed(), null))
    expect(Buffer.isBuffer(png)).toBe(true)
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const width = png.readUInt32BE(16)
    const height = png.readUInt32BE(20)
    expect(width).toBeGreaterThan(20)
    expect(width).toBe(height)
  })

  it('renders longer text as a larger code', async () => {
    const small = await qrPng('otpauth://totp/a?secret=AB')
    const large = await qrPng(`otpauth://totp/a?secret=${'A'.repeat(200)}`)
    expect(large.readUInt32BE(16)).toBeGreaterThan(small.readUInt32BE(16))
  })
})
