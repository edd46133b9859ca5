import { parseArgs } from 'node:util'
import type { SignedIn } from '../../shared/channels/profiles'
import { CONSOLE_ONLY_NOTE, deviceKind, looksLikeSessionSerial } from '../../main/mfa/serial-kinds'
import { signInAccount } from '../../main/profiles/profiles-service'
import { clockTime } from '../../main/sessions/session-freshness'
import type { CliIo } from '../main'
import { cliProfiles, endpointOption, rememberEndpointOverride, reportFailure } from '../profiles-context'
import { readCode, type CodeInput } from './session'

export const SIGNIN_USAGE = `Usage: cairn signin [--code 123456] [--serial SERIAL] [--endpoint URL]

Signs you in for the day: one MFA code starts your IAM user's session (STS GetSessionToken, 12
hours unless the account says otherwise), kept in the keychain, and with it a session for each
role (STS AssumeRole, an hour each). Cairn starts a role's session again by itself when it runs
out, with no code, until the day's session ends. The code comes from --code, or is typed at the
prompt (one line on standard input when it is not a terminal).

Options:
  --code CODE        The 6-digit code your authenticator app shows for your IAM user
  --serial SERIAL    The MFA device the code is from, when Cairn did not set it up:
                     arn:aws:iam::ACCOUNT:mfa/NAME. Cairn remembers it once AWS accepts the code.
  --endpoint URL     The account's IAM/STS endpoint (the practice account's), remembered for it
                     (or AWS_ENDPOINT_URL)
  -h, --help         Show this help
`

/** "Signed in as me until 21:04; billing, dev, ops ready." */
export function describeSignedIn(signedIn: SignedIn): string {
  const ready = signedIn.roles.length > 0 ? `; ${signedIn.roles.map((role) => role.role).join(', ')} ready` : ''
  return `Signed in as ${signedIn.userName} until ${clockTime(signedIn.expiration)}${ready}.\n`
}

/** Checks --code and --serial as `cairn session` does; the problem, or null. */
export function codeProblem(values: { code?: string | undefined; serial?: string | undefined }): string | null {
  if (values.code !== undefined && !/^\d{6}$/.test(values.code)) return '--code takes the 6 digits your authenticator app shows'
  if (values.serial !== undefined && !looksLikeSessionSerial(values.serial))
    return deviceKind(values.serial) === 'security-key'
      ? `--serial names a passkey or security key. ${CONSOLE_ONLY_NOTE}`
      : '--serial takes an MFA serial number: arn:aws:iam::ACCOUNT:mfa/NAME'
  return null
}

/** `cairn signin`: one MFA code for the day, and every role's session with it. */
export async function signin(argv: string[], io: CliIo, input: CodeInput = process.stdin): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: { code: { type: 'string' }, serial: { type: 'string' }, ...endpointOption, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false
    })
  } catch (error) {
    io.stderr.write(`cairn signin: ${(error as Error).message}\n\n${SIGNIN_USAGE}`)
    return 2
  }
  const { values } = parsed
  if (values.help) {
    io.stdout.write(SIGNIN_USAGE)
    return 0
  }
  const usage = (problem: string) => {
    io.stderr.write(`cairn signin: ${problem}\n\n${SIGNIN_USAGE}`)
    return 2
  }
  const problem = codeProblem(values)
  if (problem) return usage(problem)
  try {
    const profiles = cliProfiles(io)
    await rememberEndpointOverride(profiles, values.endpoint, io.env)
    // Not the roles layout: say so before asking for a code.
    const { userName } = signInAccount(await profiles.registry.read()).signIn
    let code = values.code
    if (code === undefined) {
      const typed = await readCode(input, io, `MFA code for IAM user ${userName}: `)
      if (typed === null || !/^\d{6}$/.test(typed))
        return usage(typed === null ? 'signing in needs an MFA code: pass --code or type it' : 'an MFA code is 6 digits')
      code = typed
    }
    const signedIn = await profiles.signIn({ code, ...(values.serial !== undefined ? { serial: values.serial } : {}) })
    if (values.serial !== undefined) io.stdout.write(`Cairn remembers ${values.serial} as the MFA device of ${signedIn.userName}.\n`)
    io.stdout.write(describeSignedIn(signedIn))
    return 0
  } catch (error) {
    if (error instanceof RangeError) return usage(error.message)
    return reportFailure(io, 'signin', error)
  }
}
