import { describe, expect, it } from 'vitest'
import { codeProblems, hasProblems, noCodes, pastesBoth, typeCodes } from '../../../../src/renderer/src/screens/mfa/codes'

describe('MFA code boxes', () => {
  it('asks for six digits in each box before anything is sent', () => {
    expect(codeProblems({ code1: '123456', code2: '654321' })).toEqual({})
    expect(codeProblems({ code1: '12345', code2: '' })).toEqual({
      code1: 'Enter the 6 digits your app shows now.',
      code2: 'Enter the 6 digits your app shows next.'
    })
    expect(codeProblems({ code1: '123456', code2: '65432a' })).toEqual({ code2: 'Enter the 6 digits your app shows next.' })
    expect(hasProblems(codeProblems(noCodes))).toBe(true)
    expect(hasProblems({})).toBe(false)
  })

  it('keeps only digits, and moves on to the second box after six in the first', () => {
    expect(typeCodes(noCodes, '12 3', 1)).toEqual({ codes: { code1: '123', code2: '' }, focus: null })
    expect(typeCodes(noCodes, '123456', 1)).toEqual({ codes: { code1: '123456', code2: '' }, focus: 'second' })
    expect(typeCodes({ code1: '', code2: '999' }, '12', 1)).toEqual({ codes: { code1: '12', code2: '999' }, focus: null })
  })

  it('fills both boxes from both codes typed on or pasted into either, and moves on past them', () => {
    expect(typeCodes(noCodes, '123456 654321', 1)).toEqual({ codes: { code1: '123456', code2: '654321' }, focus: 'after' })
    expect(typeCodes({ code1: '111111', code2: '' }, '1234567', 2)).toEqual({ codes: { code1: '123456', code2: '7' }, focus: 'second' })
    expect(typeCodes(noCodes, '1234567890123', 1).codes).toEqual({ code1: '123456', code2: '789012' })
  })

  it('moves past the second box once it holds six digits', () => {
    expect(typeCodes({ code1: '123456', code2: '' }, '6543', 2)).toEqual({ codes: { code1: '123456', code2: '6543' }, focus: null })
    expect(typeCodes({ code1: '123456', code2: '' }, '654321', 2)).toEqual({ codes: { code1: '123456', code2: '654321' }, focus: 'after' })
  })

  it('takes over a paste only when it holds both codes', () => {
    expect(pastesBoth('123456 654321')).toBe(true)
    expect(pastesBoth('123456')).toBe(false)
    expect(pastesBoth('12345-65432')).toBe(false)
  })
})
