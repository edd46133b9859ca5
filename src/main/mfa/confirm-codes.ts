import type { CodeCheckView, MfaConfirmation } from '../../shared/channels/mfa'
import { checkCodes, clockAdvice, describeCheck, isValidPair, withinAwsTolerance, type CodeCheck } from './code-check'
import type { Enrollment } from './pending-enrollments'

type TryAgain = Extract<MfaConfirmation, { result: 'try-again' }>

export interface LocalVerdict {
  check: CodeCheck
  view: CodeCheckView
  /** Worth sending to AWS: a valid consecutive pair, whatever the clock. */
  sendToAws: boolean
}

/** The two codes checked against the enrolment's seed at AWS's time, as estimated when the device was created. */
export function checkLocally(enrollment: Enrollment, code1: string, code2: string, now: number): LocalVerdict {
  const check = checkCodes(enrollment.seedBase32, code1, code2, now + enrollment.awsClockOffsetMs)
  const view: CodeCheckView = {
    kind: check.kind,
    ...(check.kind === 'clock-skew' ? { skewSeconds: check.skewSeconds } : {}),
    message: describeCheck(check, enrollment.label)
  }
  return { check, view, sendToAws: isValidPair(check) }
}

export function tryAgain(verdict: LocalVerdict): TryAgain {
  return { result: 'try-again', check: verdict.view, awsRefused: false, message: verdict.view.message }
}

/** AWS said InvalidAuthenticationCode to codes that looked right here. */
export function refusedByAws(verdict: LocalVerdict): TryAgain {
  const advice = clockAdvice(verdict.check)
  const message = advice
    ? `${verdict.view.message} AWS refused them. ${advice}`
    : 'AWS did not accept these codes, though they match the key here. Each code works only once, and the app may have moved on while AWS was asked: wait for the next code, then enter two new ones.'
  return { result: 'try-again', check: verdict.view, awsRefused: true, message }
}

/** The authenticator's clock is off by more than AWS likes, though AWS took the codes this time. */
export function shouldOfferResync(check: CodeCheck): boolean {
  return !withinAwsTolerance(check)
}
