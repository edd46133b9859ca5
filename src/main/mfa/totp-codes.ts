import { authenticator } from 'otplib'

/** RFC 6238 as AWS and authenticator apps use it: SHA-1, 30-second steps, 6 digits. */
export const STEP_SECONDS = 30
const STEP_MS = STEP_SECONDS * 1000

export const sixDigits = /^\d{6}$/

/** The step (30-second slot since 1970) that contains `epochMs`. */
export function stepAt(epochMs: number): number {
  return Math.floor(epochMs / STEP_MS)
}

/** The code an authenticator app shows during `step`. A clone per call: no shared otplib state. */
export function codeForStep(seedBase32: string, step: number): string {
  return authenticator.clone({ epoch: step * STEP_MS, step: STEP_SECONDS, digits: 6 }).generate(seedBase32)
}

/** The code an authenticator app shows at `epochMs`. */
export function codeAt(seedBase32: string, epochMs: number): string {
  return codeForStep(seedBase32, stepAt(epochMs))
}
