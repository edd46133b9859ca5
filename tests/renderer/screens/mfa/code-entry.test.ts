import { describe, expect, it } from 'vitest'
import { CallError } from '../../../../src/renderer/src/call'
import { codeEntry, noEntry, type CodeEntry, type CodeEntryAction } from '../../../../src/renderer/src/screens/mfa/code-entry'
import { enabled, tryAgain } from './fixtures'

const after = (...actions: CodeEntryAction[]): CodeEntry => actions.reduce(codeEntry, noEntry)
const typed: CodeEntryAction = { type: 'typed', codes: { code1: '123456', code2: '654321' } }
const expired = new CallError({ code: 'NOT_FOUND', message: 'This set-up has expired.' })

describe('typing and confirming the two MFA codes', () => {
  it('keeps what is typed', () => {
    expect(after(typed).codes).toEqual({ code1: '123456', code2: '654321' })
  })

  it('shows the problems found before sending, and clears them once the codes go to be checked', () => {
    const refused = after({ type: 'refused-here', problems: { code2: 'Enter the 6 digits your app shows next.' } })
    expect(refused.problems).toEqual({ code2: 'Enter the 6 digits your app shows next.' })
    expect(codeEntry(refused, { type: 'confirming' })).toMatchObject({ problems: {}, confirming: true })
  })

  it('a try-again says why, empties both boxes for two new codes, and counts the check', () => {
    const result = tryAgain()
    const state = after(typed, { type: 'confirming' }, { type: 'answered', result })
    expect(state).toMatchObject({ confirming: false, tryAgain: result, codes: { code1: '', code2: '' }, checks: 1 })
    expect(codeEntry(codeEntry(state, { type: 'confirming' }), { type: 'answered', result }).checks).toBe(2)
  })

  it('keeps the last try-again on screen while the next codes are checked', () => {
    const result = tryAgain()
    const state = after(typed, { type: 'confirming' }, { type: 'answered', result }, typed, { type: 'confirming' })
    expect(state.tryAgain).toBe(result)
  })

  it('a device turned on ends the check and leaves the codes as typed', () => {
    const state = after(typed, { type: 'confirming' }, { type: 'answered', result: enabled() })
    expect(state).toMatchObject({ confirming: false, tryAgain: null, checks: 0, codes: { code1: '123456', code2: '654321' } })
  })

  it('a confirm that failed outright shows its error until the codes are checked again', () => {
    const failed = after(typed, { type: 'confirming' }, { type: 'failed', error: expired })
    expect(failed).toMatchObject({ confirming: false, error: expired })
    expect(codeEntry(failed, { type: 'confirming' }).error).toBeNull()
  })
})
