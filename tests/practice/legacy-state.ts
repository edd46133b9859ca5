import { newPracticeState } from '../../src/practice/new-account'
import type { PracticeState, VirtualMfaDevice } from '../../src/practice/state'

export const LEGACY_NOW = new Date('2026-03-01T12:00:00Z')

/**
 * A state as Cairn saved it while root could hold a single MFA device (root.mfaSerial) and drift
 * was not kept (no driftSteps): files like this exist on users' machines.
 */
export function legacyState(rootDevice: { serial: string; seed: string; lastUsedStep?: number } | null, accountId = '123456789012'): PracticeState {
  const state = newPracticeState({ accountId, now: LEGACY_NOW })
  const root = state.root as unknown as Record<string, unknown>
  delete root['mfaSerials']
  root['mfaSerial'] = rootDevice?.serial ?? null
  if (rootDevice) {
    const device: Omit<VirtualMfaDevice, 'driftSteps'> = {
      serialNumber: rootDevice.serial,
      base32Seed: rootDevice.seed,
      createDate: LEGACY_NOW.toISOString(),
      enabledFor: '<root>',
      enableDate: LEGACY_NOW.toISOString(),
      lastUsedStep: rootDevice.lastUsedStep ?? 1
    }
    state.virtualMfaDevices[rootDevice.serial] = device as VirtualMfaDevice
  }
  return state
}
