import { codeForStep, sixDigits, stepAt, STEP_SECONDS } from './totp-codes'

/**
 * What two typed codes say about the authenticator entry, found before AWS is asked, so the
 * user hears what went wrong in words rather than AWS's "Authentication code for device is
 * not valid."
 */
export type CodeCheck =
  | { kind: 'consecutive' }
  /** A valid pair, from an authenticator whose clock is off; positive: it runs ahead of AWS. */
  | { kind: 'clock-skew'; skewSeconds: number }
  | { kind: 'same-code' }
  /** Both codes are this key's, but code 2 is `stepsApart` codes after code 1 (not 1). */
  | { kind: 'not-consecutive'; stepsApart: number }
  | { kind: 'one-code-wrong'; wrongCode: 1 | 2 }
  | { kind: 'not-this-secret' }

export type CodeCheckKind = CodeCheck['kind']

/** Cairn looks this many codes either way of AWS's clock: a phone 20 minutes off is still recognised. */
const SEARCH_STEPS = 40

/**
 * How far code 2 may be from AWS's current step and still be accepted by EnableMFADevice, as
 * far as anyone outside AWS can tell. Beyond it Cairn still asks AWS, which has the last word.
 */
export const AWS_TOLERANCE_STEPS = 1

/** Checks code1 then code2 against the seed at `awsNowMs`, AWS's clock as Cairn estimates it. */
export function checkCodes(seedBase32: string, code1: string, code2: string, awsNowMs: number): CodeCheck {
  if (!sixDigits.test(code1) || !sixDigits.test(code2)) throw new RangeError('MFA codes are exactly six digits.')
  if (code1 === code2) return { kind: 'same-code' }

  const now = stepAt(awsNowMs)
  const codes = new Map<number, string>()
  for (let step = now - SEARCH_STEPS - 1; step <= now + SEARCH_STEPS; step++) codes.set(step, codeForStep(seedBase32, step))
  // Nearest to now first: a code that happens to repeat far away must not win.
  const byDistance = Array.from({ length: 2 * SEARCH_STEPS + 1 }, (_, i) => now + (i % 2 === 0 ? i / 2 : -(i + 1) / 2))

  const pairStep = byDistance.find((step) => codes.get(step) === code2 && codes.get(step - 1) === code1)
  if (pairStep !== undefined) {
    const offset = pairStep - now
    return offset === 0 ? { kind: 'consecutive' } : { kind: 'clock-skew', skewSeconds: offset * STEP_SECONDS }
  }
  const step1 = byDistance.find((step) => codes.get(step) === code1)
  const step2 = byDistance.find((step) => codes.get(step) === code2)
  if (step1 !== undefined && step2 !== undefined) return { kind: 'not-consecutive', stepsApart: step2 - step1 }
  if (step1 !== undefined) return { kind: 'one-code-wrong', wrongCode: 2 }
  if (step2 !== undefined) return { kind: 'one-code-wrong', wrongCode: 1 }
  return { kind: 'not-this-secret' }
}

/** Codes worth sending to EnableMFADevice: a valid consecutive pair, whatever the clock says. */
export function isValidPair(check: CodeCheck): check is Extract<CodeCheck, { kind: 'consecutive' | 'clock-skew' }> {
  return check.kind === 'consecutive' || check.kind === 'clock-skew'
}

/** A skew AWS is expected to accept. */
export function withinAwsTolerance(check: CodeCheck): boolean {
  return check.kind === 'consecutive' || (check.kind === 'clock-skew' && Math.abs(check.skewSeconds) <= AWS_TOLERANCE_STEPS * STEP_SECONDS)
}

const setClockAdvice = "Set your phone's date and time to update automatically, then enter two new codes."

function skewWords(skewSeconds: number): string {
  return `about ${Math.abs(skewSeconds)} seconds ${skewSeconds > 0 ? 'ahead of' : 'behind'}`
}

/** The check in the user's words. `entryLabel` is the name the authenticator app shows for Cairn's entry. */
export function describeCheck(check: CodeCheck, entryLabel: string): string {
  switch (check.kind) {
    case 'consecutive':
      return 'Both codes are valid and consecutive.'
    case 'clock-skew': {
      const clock = `your authenticator's clock is ${skewWords(check.skewSeconds)} AWS's`
      if (withinAwsTolerance(check)) {
        return check.skewSeconds < 0
          ? `Both codes are valid, but they are about ${-check.skewSeconds} seconds old: ${clock}, or the code changed just as you confirmed. AWS accepts that much.`
          : `Both codes are valid, but ${clock}. AWS accepts that much.`
      }
      return `Both codes are valid, but ${clock}, more than AWS usually accepts.`
    }
    case 'same-code':
      return 'You entered the same code twice. Wait for your authenticator app to show the next code, then enter that one as MFA code 2.'
    case 'not-consecutive':
      return check.stepsApart > 1
        ? `Both codes are valid but not consecutive: MFA code 2 came ${check.stepsApart} codes after MFA code 1 (about ${check.stepsApart * STEP_SECONDS} seconds), so it was entered too late. Enter the code on screen now as MFA code 1, wait for the next one, and enter it as MFA code 2 straight away.`
        : 'Both codes are valid but in the wrong order. Enter the earlier code as MFA code 1 and the one that follows it as MFA code 2.'
    case 'one-code-wrong':
      return `MFA code ${check.wrongCode} is not a code of this key, though MFA code ${check.wrongCode === 1 ? 2 : 1} is. Check it for a typo, or enter two new codes.`
    case 'not-this-secret':
      return `Neither code belongs to this key. Did you scan another entry? Use the entry "${entryLabel}" in your authenticator app; an older AWS entry for the same user will not work.`
  }
}

/** What to do about a clock AWS refused or barely accepted. */
export function clockAdvice(check: CodeCheck): string | null {
  return check.kind === 'clock-skew' && !withinAwsTolerance(check) ? setClockAdvice : null
}
