import { z } from 'zod'
import { noRequest } from './no-request'

/**
 * The roles as the developer uses them every day: the active AWS CLI role, sessions, console
 * sign-in and the AWS config file's Cairn profiles. No response ever carries a secret: not a
 * key, not a session, not a password, not a console sign-in URL (it holds a sign-in token).
 */

const roleName = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'a role name such as dev')

const sessionStatus = z.object({
  expiration: z.string(),
  /** valid; expiring: under five minutes left; expired. */
  state: z.enum(['valid', 'expiring', 'expired'])
})

/** An MFA device's serial number, as in mfa.ts. */
const serialNumber = z.string().regex(/^[\w+=/:,.@-]{9,256}$/, 'Use a serial number as AWS shows it (arn:aws:iam::…:mfa/…).')
const mfaCode = z.string().regex(/^\d{6}$/, 'the 6 digits your authenticator app shows')

export const profileRole = z.object({
  role: z.string(),
  userName: z.string(),
  /** Who AWS sees: arn:aws:iam::ACCOUNT:user/NAME, or the IAM role's ARN in the roles layout. */
  arn: z.string(),
  /** The roles layout: the IAM role the sign-in user assumes for this role. */
  roleArn: z.string().optional(),
  /** The config profile that acts as this role. */
  profile: z.string(),
  /** The role AWS_PROFILE=cairn acts as. */
  active: z.boolean(),
  /** [default] acts as this role (opt-in). */
  isDefault: z.boolean(),
  hasAccessKey: z.boolean(),
  requiresMfa: z.boolean(),
  consoleAccess: z.boolean(),
  session: sessionStatus.nullable()
})

/** The roles layout's person, signed in for the day or not; null in the guide's layout. */
export const signInOverview = z
  .object({
    userName: z.string(),
    /** arn:aws:iam::ACCOUNT:user/NAME */
    arn: z.string(),
    /** The day's session (GetSessionToken with MFA); null before the first sign-in. */
    session: sessionStatus.nullable()
  })
  .nullable()

export const profilesOverview = z.object({
  accountId: z.string().nullable(),
  practice: z.boolean(),
  signIn: signInOverview,
  roles: z.array(profileRole),
  activeRole: z.string().nullable(),
  /** What to type in a shell so the AWS CLI follows the active role. */
  shellSnippet: z.string(),
  configFile: z.string(),
  /** `cairn`, `cairn-dev`, …: what [default] acts as; null while it is the user's own. */
  defaultProfile: z.string().nullable(),
  /** Things the user should know: profiles shadowed by the credentials file, a locked keychain. */
  warnings: z.array(z.string())
})

export const profilesWrite = z.object({
  file: z.string(),
  written: z.boolean(),
  backup: z.string().nullable(),
  profiles: z.array(z.string()),
  shadowed: z.array(z.string()),
  conflicts: z.array(z.object({ profile: z.string(), line: z.number(), message: z.string() }))
})

export const consoleOpened = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('federated'), role: z.string(), expiresAt: z.string() }),
  z.object({
    kind: z.literal('sign-in-page'),
    role: z.string(),
    /** The account's sign-in page (no secret in it). */
    url: z.string(),
    userName: z.string(),
    why: z.string(),
    /** The password is on the clipboard, cleared after 30 seconds. */
    passwordCopied: z.boolean()
  })
])

export const profilesChannels = {
  'profiles.list': { request: noRequest, response: profilesOverview },
  /** Makes a role the active one for AWS_PROFILE=cairn in every shell at once. */
  'profiles.switch': { request: z.strictObject({ role: roleName }), response: profilesOverview },
  /** A new session for one role; in the roles layout, the code signs in for the day first. */
  'profiles.refreshSession': {
    request: z.strictObject({ role: roleName, code: mfaCode }),
    response: z.object({ role: z.string(), expiration: z.string() })
  },
  /** The roles layout: one MFA code signs the person in for the day and starts every role's session. */
  'profiles.signIn': {
    request: z.strictObject({ code: mfaCode, serial: serialNumber.optional() }),
    response: z.object({ userName: z.string(), expiration: z.string(), roles: z.array(z.object({ role: z.string(), expiration: z.string() })) })
  },
  'profiles.openConsole': { request: z.strictObject({ role: roleName }), response: consoleOpened },
  'profiles.writeConfig': { request: noRequest, response: profilesWrite },
  /** Opt-in: [default] acts as a role (`active`: whichever is active); null gives [default] back to the user. */
  'profiles.setDefault': { request: z.strictObject({ role: z.union([roleName, z.literal('active')]).nullable() }), response: profilesWrite },
  /** Removes one role's profile, or every Cairn section (uninstall); nothing else in the file changes. */
  'profiles.remove': { request: z.union([z.strictObject({ role: roleName }), z.strictObject({ all: z.literal(true) })]), response: profilesWrite }
} as const

export type ProfilesOverview = z.output<typeof profilesOverview>
export type ProfileRole = z.output<typeof profileRole>
export type SignInOverview = z.output<typeof signInOverview>
export type SignedIn = z.output<(typeof profilesChannels)['profiles.signIn']['response']>
export type ProfilesWriteResult = z.output<typeof profilesWrite>
export type ConsoleOpened = z.output<typeof consoleOpened>
