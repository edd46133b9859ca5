import { CairnError } from '../../shared/errors'
import { CONSOLE_ONLY_NOTE, deviceKind, looksLikeSessionSerial } from '../mfa/serial-kinds'

/** How to refresh a role's session, in both places a user can do it. */
export const refreshHint = (role: string) => `\`cairn session ${role}\` or the Refresh session button in Cairn`

export class WrongMfaCodeError extends CairnError {
  constructor(readonly clockNote: string | null) {
    super('MFA_CODE_WRONG', `That code was not accepted. Wait for the next code in your authenticator app and try again.${clockNote ? ` ${clockNote}` : ''}`)
    this.name = 'WrongMfaCodeError'
  }
}

/** How far off this computer's clock is, said the way a person would set it right. */
export function describeOffset(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000)
  const amount = seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`
  // A positive offset means AWS's clock is ahead, so this computer's is behind.
  return `${amount} ${offsetMs > 0 ? 'behind' : 'ahead of'} AWS's`
}

export class ClockOffError extends CairnError {
  constructor(readonly offsetMs: number) {
    super(
      'CLOCK_OFF',
      `AWS refused the request because this computer's clock is ${describeOffset(offsetMs)}. Turn on "Set time automatically" in your system's date and time settings, then try again.`
    )
    this.name = 'ClockOffError'
  }
}

export class SessionExpiredError extends CairnError {
  constructor(
    readonly role: string,
    readonly expiredAt: string | null
  ) {
    const what = expiredAt === null ? `The ${role} role has no session yet` : `The ${role} session ended at ${expiredAt}`
    super('SESSION_EXPIRED', `${what}, and it needs an MFA code to start one. Refresh it: ${refreshHint(role)}.`)
    this.name = 'SessionExpiredError'
  }
}

export class NoAccessKeyError extends CairnError {
  constructor(readonly role: string) {
    super(
      'NO_ACCESS_KEY',
      `The ${role} role has no access key, so the AWS CLI and SDKs cannot act as it; it is for the AWS console. Use \`cairn console ${role}\` (or Open console in Cairn), or pick a role with a key.`
    )
    this.name = 'NoAccessKeyError'
  }
}

export class UnknownMfaDeviceError extends CairnError {
  constructor(
    readonly role: string,
    readonly userName: string
  ) {
    super(
      'MFA_DEVICE_UNKNOWN',
      `Cairn does not know the MFA device of ${userName}. If it has one already (enabled in the AWS console, say), choose it on the MFA step in Cairn, or name it: \`cairn session ${role} --serial arn:aws:iam::ACCOUNT:mfa/NAME\` or \`cairn mfa use ${role}\`. If it has none, set one up: \`cairn mfa enroll ${role}\` (or the MFA step in Cairn).`
    )
    this.name = 'UnknownMfaDeviceError'
  }
}

/** Refuses a serial number GetSessionToken cannot take, saying why. */
export function checkSessionSerial(serial: string): void {
  if (deviceKind(serial) === 'security-key')
    throw new CairnError('INVALID_REQUEST', `That serial number is a passkey's or a security key's. ${CONSOLE_ONLY_NOTE}`)
  if (!looksLikeSessionSerial(serial))
    throw new CairnError(
      'INVALID_REQUEST',
      `That does not look like an MFA serial number. A virtual device's is arn:aws:iam::ACCOUNT:mfa/NAME, as the IAM console shows it under the user's Security credentials.`
    )
}

/** How to sign in for the day, in both places a user can do it. */
export const signInHint = '`cairn signin` or Sign in in Cairn'

/**
 * The roles layout: a role's session starts from the day's sign-in session, and that is over
 * (or was never started). One MFA code signs the person in again, and every role with it.
 */
export class SignInNeededError extends CairnError {
  constructor(
    readonly userName: string,
    readonly expiredAt: string | null
  ) {
    const what = expiredAt === null ? `${userName} is not signed in for the day yet` : `${userName}'s sign-in for the day ended at ${expiredAt}`
    super('SESSION_EXPIRED', `${what}. Sign in with an MFA code: ${signInHint}.`)
    this.name = 'SignInNeededError'
  }
}

/** The roles layout's sign-in user has no access key in the keychain: the apply did not finish making it. */
export class NoSignInKeyError extends CairnError {
  constructor(readonly userName: string) {
    super(
      'NO_ACCESS_KEY',
      `Cairn holds no access key for ${userName}, which signs you in for the day. Apply the plan again in Cairn (Plan, then Apply) to make one.`
    )
    this.name = 'NoSignInKeyError'
  }
}
