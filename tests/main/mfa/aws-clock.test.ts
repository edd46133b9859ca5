import { describe, expect, it } from 'vitest'
import { offsetFromDateHeader } from '../../../src/main/mfa/aws-clock'

const sent = Date.parse('2026-03-14T09:12:15.000Z')

describe("AWS's clock, read from the Date header", () => {
  it("is taken as this computer's when they agree to within the header's second", () => {
    expect(offsetFromDateHeader('Sat, 14 Mar 2026 09:12:15 GMT', sent, sent + 200)).toBe(0)
  })

  it('tells how far AWS runs ahead or behind when this computer is off', () => {
    expect(offsetFromDateHeader('Sat, 14 Mar 2026 09:13:45 GMT', sent, sent + 200)).toBe(90_400)
    expect(offsetFromDateHeader('Sat, 14 Mar 2026 09:11:15 GMT', sent, sent + 200)).toBe(-59_600)
  })

  it('is ignored when the answer has no usable Date header', () => {
    expect(offsetFromDateHeader(undefined, sent, sent)).toBe(0)
    expect(offsetFromDateHeader('yesterday', sent, sent)).toBe(0)
  })
})
