import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { resolveRole } from '../../main/profiles/profiles-service'
import { CONSOLE_ONLY_NOTE, deviceKind, looksLikeSessionSerial } from '../../main/mfa/serial-kinds'
import { timeLeft } from '../../main/sessions/session-freshness'
import type { CliIo } from '../main'
import { cliProfiles, endpointOption, rememberEndpointOverride, reportFailure } from '../profiles-context'
import { describeSignedIn } from './signin'

export const SESSION_USAGE = `Usage: cairn session ROLE [--code 123456] [--serial SERIAL] [--duration SECONDS] [--endpoint URL]

Starts a new session for ROLE (STS GetSessionToken with the role's own key) and keeps it in
the keychain, where credential_process finds it. Where the roles are IAM roles you assume, the
code signs you in for the day instead, and starts every role's session (as \`cairn signin\`). A role that needs MFA takes a code from your
authenticator app: --code, or typed at the prompt (one line on standard input when it is not a
terminal).

Options:
  --code CODE        The 6-digit code your authenticator app shows for this role's user
  --serial SERIAL    The MFA device the code is from, when Cairn did not set it up (one enabled
                     in the AWS console): arn:aws:iam::ACCOUNT:mfa/NAME, as the console shows it.
                     Cairn remembers it once AWS accepts the code. (Or \`cairn mfa use ROLE\`,
                     with bootstrap credentials, lists the user's devices and records one.)
  --duration SECONDS How long the session lasts: 900 to 129600 (default 43200, 12 hours)
  --endpoint URL     The account's IAM/STS endpoint (the practice account's), remembered for it
                     (or AWS_ENDPOINT_URL)
  -h, --help         Show this help
`

export interface CodeInput extends NodeJS.ReadableStream {
  isTTY?: boolean
}

/** One line from standard input, with a prompt when a person is typing. */
export async function readCode(input: CodeInput, io: CliIo, prompt: string): Promise<string | null> {
  if (input.isTTY === true) io.stdout.write(prompt)
  const rl = createInterface({ input, terminal: false })
  try {
    for await (const line of rl) return line.replace(/\s/g, '')
    return null
  } finally {
    rl.close()
  }
}

/** `cairn session ROLE`: a new (MFA-backed) session for the AWS CLI. */
export async function session(argv: string[], io: CliIo, input: CodeInput = process.stdin): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: { code: { type: 'string' }, serial: { type: 'string' }, duration: { type: 'string' }, ...endpointOption, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true
    })
  } catch (error) {
    io.stderr.write(`cairn session: ${(error as Error).message}\n\n${SESSION_USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout.write(SESSION_USAGE)
    return 0
  }
  const [role, ...extra] = positionals
  const usage = (problem: string) => {
    io.stderr.write(`cairn session: ${problem}\n\n${SESSION_USAGE}`)
    return 2
  }
  if (role === undefined) return usage('say which role, for example dev')
  if (extra.length > 0) return usage(`unexpected '${extra[0]}'`)
  if (values.code !== undefined && !/^\d{6}$/.test(values.code)) return usage('--code takes the 6 digits your authenticator app shows')
  if (values.serial !== undefined && !looksLikeSessionSerial(values.serial))
    return usage(
      deviceKind(values.serial) === 'security-key'
        ? `--serial names a passkey or security key. ${CONSOLE_ONLY_NOTE}`
        : '--serial takes an MFA serial number: arn:aws:iam::ACCOUNT:mfa/NAME'
    )
  const duration = values.duration === undefined ? undefined : Number(values.duration)
  if (duration !== undefined && !(Number.isInteger(duration) && duration >= 900 && duration <= 129_600))
    return usage('--duration is a number of seconds from 900 to 129600')

  try {
    const profiles = cliProfiles(io)
    await rememberEndpointOverride(profiles, values.endpoint, io.env)
    const { account, role: target } = resolveRole(await profiles.registry.read(), role)
    let code = values.code
    // The roles layout, signed in for the day: a new role session needs no code.
    const signedIn =
      target.roleArn !== undefined && code === undefined && values.serial === undefined && (await profiles.sessions.signInStatus(account))?.state === 'valid'
    if (code === undefined && !signedIn && (target.requiresMfa || values.serial !== undefined)) {
      const typed = await readCode(input, io, `MFA code for ${target.role} (IAM user ${target.userName}): `)
      if (typed === null || !/^\d{6}$/.test(typed))
        return usage(typed === null ? `${target.role} needs an MFA code: pass --code or type it` : 'an MFA code is 6 digits')
      code = typed
    }
    if (target.roleArn !== undefined && code !== undefined) {
      // The roles layout: a role's session starts from the day's sign-in, and the code is that sign-in's.
      const signedIn = await profiles.signIn({
        code,
        ...(values.serial !== undefined ? { serial: values.serial } : {}),
        ...(duration !== undefined ? { durationSeconds: duration } : {})
      })
      if (values.serial !== undefined) io.stdout.write(`Cairn remembers ${values.serial} as the MFA device of ${signedIn.userName}.\n`)
      io.stdout.write(describeSignedIn(signedIn))
      return 0
    }
    const started = await profiles.refreshSession({
      role,
      ...(code !== undefined ? { code } : {}),
      ...(values.serial !== undefined ? { serial: values.serial } : {}),
      ...(duration !== undefined ? { durationSeconds: duration } : {})
    })
    if (values.serial !== undefined) io.stdout.write(`Cairn remembers ${values.serial} as the MFA device of ${started.role}.\n`)
    io.stdout.write(`New session for ${started.role}: valid until ${started.expiration} (${timeLeft(started.expiration, Date.now())}).\n`)
    return 0
  } catch (error) {
    if (error instanceof RangeError) return usage(error.message)
    return reportFailure(io, 'session', error)
  }
}
