import { z } from 'zod'
import { noRequest } from './no-request'
import { stepOwner } from '../domain/schemas'

/** What AWS accepts in EnableMFADevice and GetSessionToken: exactly six digits. */
export const mfaCode = z.string().regex(/^\d{6}$/, 'Enter the 6 digits your authenticator app shows.')
const userName = z.string().regex(/^[\w+=,.@-]{1,128}$/, 'Use the IAM user name: letters, digits and + = , . @ _ -')
const serialNumber = z.string().regex(/^[\w+=/:,.@-]{9,256}$/, 'Use a serial number as AWS shows it (arn:aws:iam::…:mfa/…).')
const enrollmentId = z.uuid()

/** A user's MFA, named by role (or 'sign-in', the roles layout's user); the user is the role's own unless named. */
const roleUser = z.object({ role: stepOwner, userName: userName.optional() }).strict()

export const rootMfaStatus = z.object({
  /** GetAccountSummary's AccountMFAEnabled = 1. */
  accountMfaEnabled: z.boolean(),
  /** GetAccountSummary's AccountAccessKeysPresent. */
  rootAccessKeysPresent: z.number().int().nonnegative(),
  message: z.string()
})

export const mfaEnrollment = z.object({
  enrollmentId,
  /** The QR code for authenticator apps (it encodes the secret key: show it, never store it). */
  qrDataUrl: z.string().startsWith('data:image/png;base64,'),
  /** How the entry is named in the authenticator app. */
  label: z.string(),
  serial: serialNumber,
  expiresAt: z.iso.datetime()
})

export const codeCheck = z.object({
  kind: z.enum(['consecutive', 'clock-skew', 'same-code', 'not-consecutive', 'one-code-wrong', 'not-this-secret']),
  /** For clock-skew: how far the authenticator's clock is ahead of AWS's (negative: behind). */
  skewSeconds: z.number().int().optional(),
  message: z.string()
})

export const mfaConfirmation = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('enabled'),
    serial: serialNumber,
    check: codeCheck,
    /** Everything that happened, in one paragraph for the user. */
    message: z.string(),
    /** The serial is in the keychain for the role (false: the keychain refused; the message says so). Absent for root. */
    vaultSaved: z.boolean().optional(),
    /** CairnRequireMFA on the role's group; absent for the root user. */
    requireMfaPolicy: z.enum(['put', 'not-required', 'group-missing', 'failed']).optional(),
    /** The device this one replaced, now removed. */
    replaced: serialNumber.optional(),
    /** The authenticator's clock is off more than AWS likes; ResyncMFADevice can help if sign-ins fail. */
    offerResync: z.boolean()
  }),
  z.object({
    result: z.literal('try-again'),
    check: codeCheck,
    /** AWS itself refused codes that looked right here. */
    awsRefused: z.boolean(),
    message: z.string()
  })
])

export const mfaChannels = {
  /** "Check again": GetAccountSummary on the connected account, or on the practice account. */
  'mfa.rootCheck': {
    request: z.object({ account: z.enum(['connected', 'practice']).default('connected') }).strict(),
    response: rootMfaStatus
  },
  /** The root-MFA console step rehearsed on the practice account: same QR code and two codes. */
  'mfa.practiceRootEnroll': { request: noRequest, response: mfaEnrollment },
  'mfa.practiceRootConfirm': { request: z.object({ enrollmentId, code1: mfaCode, code2: mfaCode }).strict(), response: mfaConfirmation },
  /** CreateVirtualMFADevice for the role's user; `replaces` is removed once the new one works. */
  'mfa.enroll': { request: roleUser.extend({ replaces: serialNumber.optional() }).strict(), response: mfaEnrollment },
  /** The secret key, for apps that cannot scan; only while the set-up is open. */
  'mfa.showSecret': { request: z.object({ enrollmentId }).strict(), response: z.object({ secretGrouped: z.string() }) },
  /** Two consecutive codes: checked here first, then EnableMFADevice. */
  'mfa.confirm': { request: z.object({ enrollmentId, code1: mfaCode, code2: mfaCode }).strict(), response: mfaConfirmation },
  /** ResyncMFADevice for an enabled device whose codes AWS no longer accepts. */
  'mfa.resync': {
    request: roleUser.extend({ serial: serialNumber.optional(), code1: mfaCode, code2: mfaCode }).strict(),
    response: z.object({ serial: serialNumber, message: z.string() })
  },
  /** Cancels a set-up: the never-enabled device is deleted and the secret forgotten. */
  'mfa.abandon': { request: z.object({ enrollmentId }).strict(), response: z.object({ deleted: z.boolean(), message: z.string() }) },
  /** The user's MFA devices, and which one Cairn uses for MFA-backed sessions. */
  'mfa.devices': {
    request: roleUser,
    response: z.object({
      userName: z.string(),
      devices: z.array(
        z.object({
          serial: serialNumber,
          enableDate: z.string().optional(),
          virtual: z.boolean(),
          /** Passkeys and security keys work only at console sign-in, not for API sessions. */
          kind: z.enum(['virtual', 'hardware-totp', 'security-key']),
          createdByCairn: z.boolean(),
          usedByCairn: z.boolean()
        })
      )
    })
  },
  /** Records one of the user's devices (one enabled in the AWS console, say) as the one Cairn starts the role's sessions with; main checks it with ListMFADevices. */
  'mfa.useDevice': {
    request: roleUser.extend({ serial: serialNumber }).strict(),
    response: z.object({ serial: serialNumber, message: z.string() })
  },
  /** DeactivateMFADevice (+ DeleteVirtualMFADevice): the one Cairn uses unless `serial` names another. */
  'mfa.remove': {
    request: roleUser.extend({ serial: serialNumber.optional() }).strict(),
    response: z.object({ removed: serialNumber, remaining: z.number().int().nonnegative(), message: z.string() })
  }
} as const

export type RootMfaStatus = z.output<typeof rootMfaStatus>
export type MfaEnrollment = z.output<typeof mfaEnrollment>
export type MfaConfirmation = z.output<typeof mfaConfirmation>
export type CodeCheckView = z.output<typeof codeCheck>
