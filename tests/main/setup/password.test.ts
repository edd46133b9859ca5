import { randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { awsPasswordSymbols, generatePassword, passwordAlphabet } from '../../../src/main/setup/password'

const kinds = {
  upper: /[A-Z]/,
  lower: /[a-z]/,
  digit: /[0-9]/,
  symbol: new RegExp(`[${awsPasswordSymbols.replace(/[\]\\^-]/g, '\\$&')}]`)
}

describe('generatePassword', () => {
  it('makes 20 characters with all four kinds when the account has no policy', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(null)
      expect(password).toHaveLength(20)
      for (const pattern of Object.values(kinds)) expect(password).toMatch(pattern)
    }
  })

  it("meets a longer minimum length from the policy, up to IAM's maximum of 128", () => {
    expect(generatePassword({ MinimumPasswordLength: 32, RequireSymbols: true })).toHaveLength(32)
    expect(generatePassword({ MinimumPasswordLength: 128 })).toHaveLength(128)
    expect(generatePassword({ MinimumPasswordLength: 8 })).toHaveLength(20)
  })

  it('uses only characters AWS accepts and none that read alike', () => {
    const allowed = new Set(Object.values(passwordAlphabet).join(''))
    for (const c of allowed) expect(/[A-Za-z0-9]/.test(c) || awsPasswordSymbols.includes(c)).toBe(true)
    for (const c of "Il1|O0o'") expect(allowed.has(c)).toBe(false)
    const text = Array.from({ length: 100 }, () => generatePassword(null)).join('')
    for (const c of text) expect(allowed.has(c)).toBe(true)
  })

  it('draws every character through the random source it is given', () => {
    const draws: number[] = []
    const zero = (max: number) => {
      draws.push(max)
      return 0
    }
    const password = generatePassword(null, zero)
    // Four required kinds, sixteen from the whole alphabet, nineteen shuffle swaps.
    expect(draws).toHaveLength(4 + 16 + 19)
    expect(password).toHaveLength(20)
  })

  it('puts the required kinds anywhere, not always first', () => {
    const firstIsUpper = Array.from({ length: 400 }, () => generatePassword(null, randomInt)).filter((p) => /^[A-Z]/.test(p)).length
    // 24 of the 74 characters are uppercase: about a third of first characters, never all.
    expect(firstIsUpper).toBeGreaterThan(60)
    expect(firstIsUpper).toBeLessThan(200)
  })

  it('can produce every character of its alphabet', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 2000; i++) for (const c of generatePassword(null)) counts.set(c, (counts.get(c) ?? 0) + 1)
    const alphabetSize = Object.values(passwordAlphabet).join('').length
    expect(counts.size).toBe(alphabetSize)
  })
})
