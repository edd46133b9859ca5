import type { VirtualMfaDevice } from '../state'
import { findCodeStep, stepAt, TOTP_STEP_MS, verifyConsecutiveCodes } from './totp'

/**
 * Checks the codes a virtual MFA device shows, as AWS does: around the service's time shifted by
 * the clock drift last measured for that device (ResyncMFADevice), never accepting a step at or
 * before the last one accepted, so a code seen once (by a shoulder-surfer, say) never works again.
 * On success the device remembers the step, and where its clock was found.
 */

/** Sign-in and enabling accept the expected step's code and one either side: about ±30 s. */
export const SIGN_IN_WINDOW_STEPS = 1
/** Resync accepts a clock that has drifted much further than sign-in does: ten minutes either way. */
export const RESYNC_WINDOW_STEPS = 20

/**
 * Where to look for a device's codes, in order: its measured drift, then the service's own time,
 * so a phone whose clock has been put right again still works without another resync.
 */
function anchors(device: VirtualMfaDevice): number[] {
  return device.driftSteps === 0 ? [0] : [device.driftSteps, 0]
}

const shifted = (now: Date, drift: number) => now.getTime() + drift * TOTP_STEP_MS

/**
 * One code, as GetSessionToken checks it. The anchor it matched at becomes the device's drift:
 * the measured one is kept, or dropped once the phone shows real time again.
 */
export function acceptCode(device: VirtualMfaDevice, code: string, now: Date): boolean {
  for (const drift of anchors(device)) {
    const step = findCodeStep(device.base32Seed, code, shifted(now, drift), SIGN_IN_WINDOW_STEPS)
    if (step !== undefined && step > device.lastUsedStep) {
      device.lastUsedStep = step
      device.driftSteps = drift
      return true
    }
  }
  return false
}

/** Two consecutive codes, as EnableMFADevice and the root console's enable check them. */
export function acceptConsecutiveCodes(device: VirtualMfaDevice, code1: string, code2: string, now: Date): boolean {
  for (const drift of anchors(device)) {
    const result = verifyConsecutiveCodes(device.base32Seed, code1, code2, shifted(now, drift), SIGN_IN_WINDOW_STEPS)
    if (result.ok && result.step > device.lastUsedStep) {
      device.lastUsedStep = result.step
      device.driftSteps = drift
      return true
    }
  }
  return false
}

/**
 * ResyncMFADevice: two consecutive codes anywhere within ten minutes of the service's time (or
 * of the drift already known), after which the device's drift is where they were found.
 */
export function resyncDevice(device: VirtualMfaDevice, code1: string, code2: string, now: Date): boolean {
  for (const drift of anchors(device)) {
    const result = verifyConsecutiveCodes(device.base32Seed, code1, code2, shifted(now, drift), RESYNC_WINDOW_STEPS)
    if (result.ok && result.step > device.lastUsedStep) {
      device.lastUsedStep = result.step
      device.driftSteps = result.step - stepAt(now.getTime())
      return true
    }
  }
  return false
}
