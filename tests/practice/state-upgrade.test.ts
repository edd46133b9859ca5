import { describe, expect, it } from 'vitest'
import { newPracticeState } from '../../src/practice/new-account'
import { upgradeState } from '../../src/practice/state-upgrade'
import { LEGACY_NOW, legacyState } from './legacy-state'

const SERIAL = 'arn:aws:iam::123456789012:mfa/root-account-mfa-device'
const SEED = 'A'.repeat(64)

describe('upgradeState', () => {
  it("turns root's single mfaSerial into the mfaSerials list, and gives devices no drift", () => {
    const state = legacyState({ serial: SERIAL, seed: SEED })
    expect(upgradeState(state)).toBe(true)
    expect(state.root.mfaSerials).toEqual([SERIAL])
    expect(state.root).not.toHaveProperty('mfaSerial')
    expect(state.virtualMfaDevices[SERIAL]).toMatchObject({ driftSteps: 0, lastUsedStep: 1, enabledFor: '<root>' })
  })

  it('reads mfaSerial null as no root MFA', () => {
    const state = legacyState(null)
    expect(upgradeState(state)).toBe(true)
    expect(state.root.mfaSerials).toEqual([])
  })

  it('gives a state saved before roles existed an empty roles table', () => {
    const state = newPracticeState({ accountId: '123456789012', now: LEGACY_NOW })
    delete (state as Partial<typeof state>).roles
    expect(upgradeState(state)).toBe(true)
    expect(state.roles).toEqual({})
  })

  it('leaves a current state alone and says so', () => {
    const state = newPracticeState({ accountId: '123456789012', now: LEGACY_NOW })
    state.virtualMfaDevices[SERIAL] = { ...legacyState({ serial: SERIAL, seed: SEED }).virtualMfaDevices[SERIAL]!, driftSteps: 4 }
    state.root.mfaSerials = [SERIAL]
    const before = structuredClone(state)
    expect(upgradeState(state)).toBe(false)
    expect(state).toEqual(before)
  })
})
