import { describe, expect, it } from 'vitest'
import { enabledNotes, tryAgainWords } from '../../../../src/renderer/src/screens/mfa/confirm-words'
import { enabled, tryAgain } from './fixtures'

describe('MFA confirmation words', () => {
  it('heads each try-again with what went wrong, and says when AWS itself refused', () => {
    expect(tryAgainWords(tryAgain())).toEqual({ headline: 'Those codes come from another entry', detail: null })
    expect(tryAgainWords(tryAgain({ check: { kind: 'same-code', message: '' } })).headline).toBe('You entered the same code twice')
    expect(tryAgainWords(tryAgain({ check: { kind: 'consecutive', message: '' }, awsRefused: true })).detail).toBe(
      'Cairn checked the codes first and they looked right; AWS, which has the last word, refused them.'
    )
  })

  it('says API calls now need MFA-backed sessions when the rule went on the group', () => {
    expect(enabledNotes(enabled({ requireMfaPolicy: 'put' }), 'dev')).toEqual([
      "From now on, API calls as dev work only in MFA-backed sessions (CairnRequireMFA is on dev's group)."
    ])
  })

  it('says when the rule is not needed, could not go on, or the group is missing', () => {
    expect(enabledNotes(enabled({ requireMfaPolicy: 'not-required' }), 'billing')).toEqual([
      "billing's role does not require MFA for API calls; the device protects the console sign-in."
    ])
    expect(enabledNotes(enabled({ requireMfaPolicy: 'group-missing' }), 'dev')[0]).toMatch(/^dev's group is missing/)
    expect(enabledNotes(enabled({ requireMfaPolicy: 'failed' }), 'dev')[0]).toMatch(/could not be put on the group/)
    expect(enabledNotes(enabled(), 'root')).toEqual([])
  })

  it('says how far the authenticator’s clock is off, and offers a resync', () => {
    const notes = enabledNotes(enabled({ check: { kind: 'clock-skew', skewSeconds: -45, message: '' }, offerResync: true }), 'dev')
    expect(notes[0]).toBe('Your authenticator’s clock is about 45 seconds behind.')
    expect(notes[1]).toMatch(/use Resync below with two new codes/)
    expect(enabledNotes(enabled({ check: { kind: 'clock-skew', skewSeconds: 40, message: '' } }), 'dev')).toEqual([
      'Your authenticator’s clock is about 40 seconds ahead.'
    ])
  })

  it('says when the keychain refused the serial and which old device was removed', () => {
    const notes = enabledNotes(enabled({ vaultSaved: false, replaced: 'arn:aws:iam::123456789012:mfa/old' }), 'dev')
    expect(notes).toEqual([
      'The keychain did not take the device’s serial number; MFA is on all the same.',
      'The old device arn:aws:iam::123456789012:mfa/old is removed.'
    ])
  })
})
