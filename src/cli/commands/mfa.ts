import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { connect } from '../../main/connect/connect'
import { createMfaService, type MfaService } from '../../main/mfa/mfa-service'
import { keytarSecretStore, loadSearchableKeytar } from '../../main/vault/secret-store'
import { CONSOLE_ONLY_NOTE, deviceKind, looksLikeSessionSerial } from '../../main/mfa/serial-kinds'
import { CairnError } from '../../shared/errors'
import type { CliIo } from '../main'
import { bootstrapCredentials, CONNECTION_HELP, reportError } from '../setup-session'
import { stepOwners, type StepOwner } from '../../shared/domain/words'
import { defaultDataDir } from '../../main/app-info/data-dir'
import { appliedMfaIdentities } from '../../main/setup/applied-roles'

export const MFA_USAGE = `Usage: cairn mfa enroll ROLE [--user NAME] [--show-secret] [--replace]
       cairn mfa use ROLE [--user NAME] [--serial SERIAL]
       cairn mfa remove ROLE [--user NAME] [--serial SERIAL]

Sets up a virtual MFA device (an authenticator app) for the IAM user of ROLE (billing, dev,
ops or admin; the user of the same name unless --user says otherwise), or removes it. In the
roles layout, ROLE is sign-in: the one user who assumes the roles.

use lists the user's MFA devices (ListMFADevices) and records one Cairn did not set up (one
enabled in the AWS console, say) as the device the role's sessions use: the one --serial
names, or the only one that can. Passkeys and security keys work only at console sign-in, not
for API sessions; add an authenticator app as a second device (AWS allows up to 8 per user).

enroll draws a QR code to scan, then reads two consecutive codes: typed at the prompts, or one
per line from standard input when it is not a terminal. Cairn checks them before AWS does and
says what is wrong (same code twice, too slow, a clock that is off, another entry scanned).
The secret key is never written anywhere; the device's serial number goes to the keychain.

Options:
  --user NAME        The IAM user, when it is not named like the role
  --show-secret      Also print the secret key (plain Base32, on its own line) for apps that cannot scan
  --replace          enroll: remove the device Cairn uses now, once the new one works
  --serial SERIAL    use: this device; remove: this device rather than the one Cairn uses
  -h, --help         Show this help

${CONNECTION_HELP}`

const roles = stepOwners
type Role = StepOwner
const MAX_ATTEMPTS = 5

/** Standard input as the command reads it; a terminal gets prompts, a pipe is read line by line. */
export interface CodeInput extends NodeJS.ReadableStream {
  isTTY?: boolean
}

interface Parsed {
  action: 'enroll' | 'use' | 'remove'
  role: Role
  user?: string
  showSecret: boolean
  replace: boolean
  serial?: string
  profile?: string
  endpoint?: string
}

function parse(argv: string[]): Parsed | 'help' | string {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        user: { type: 'string' },
        'show-secret': { type: 'boolean' },
        replace: { type: 'boolean' },
        serial: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        profile: { type: 'string' },
        endpoint: { type: 'string' }
      },
      strict: true,
      allowPositionals: true
    })
  } catch (error) {
    return (error as Error).message
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  const [action, role, ...extra] = positionals
  if (action !== 'enroll' && action !== 'use' && action !== 'remove') return action === undefined ? 'say enroll, use or remove' : `unknown action '${action}'`
  if (!roles.includes(role as Role))
    return role === undefined
      ? 'say which role: billing, dev, ops, admin, or sign-in (the roles layout)'
      : `'${role}' is not a role; use billing, dev, ops, admin, or sign-in (the roles layout)`
  if (extra.length > 0) return `unexpected '${extra[0]}'`
  if (values.user !== undefined && !/^[\w+=,.@-]{1,64}$/.test(values.user)) return `'${values.user}' is not an IAM user name`
  if (action !== 'enroll' && (values['show-secret'] || values.replace)) return '--show-secret and --replace go with enroll'
  if (action === 'enroll' && values.serial !== undefined) return '--serial goes with use or remove'
  if (action === 'use' && values.serial !== undefined && !looksLikeSessionSerial(values.serial))
    return deviceKind(values.serial) === 'security-key'
      ? `--serial names a passkey or security key. ${CONSOLE_ONLY_NOTE}`
      : '--serial takes an MFA serial number: arn:aws:iam::ACCOUNT:mfa/NAME'
  return {
    action,
    role: role as Role,
    showSecret: values['show-secret'] ?? false,
    replace: values.replace ?? false,
    ...(values.user !== undefined ? { user: values.user } : {}),
    ...(values.serial !== undefined ? { serial: values.serial } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {})
  }
}

/** Reads codes one line at a time, prompting only when a person is typing. */
function codeReader(input: CodeInput, io: CliIo) {
  const terminal = input.isTTY === true
  const rl = createInterface({ input, terminal: false })
  const lines = rl[Symbol.asyncIterator]()
  return {
    async read(prompt: string): Promise<string | null> {
      for (;;) {
        if (terminal) io.stdout.write(prompt)
        const next = await lines.next()
        if (next.done) return null
        const code = next.value.replace(/\s/g, '')
        if (/^\d{6}$/.test(code)) return code
        io.stderr.write(`"${prompt.replace(/: $/, '')}" needs the 6 digits your authenticator app shows.\n`)
      }
    },
    close: () => rl.close()
  }
}

async function enroll(mfa: MfaService, parsed: Parsed, io: CliIo, input: CodeInput): Promise<number> {
  const who = { role: parsed.role, ...(parsed.user ? { userName: parsed.user } : {}) }
  // Devices a crashed earlier run left behind; a failure here must not stop the enrolment.
  await mfa.cleanUpAbandoned().catch(() => [])
  let replaces: string | undefined
  if (parsed.replace) {
    const { userName, devices } = await mfa.devices(who)
    const current = devices.find((d) => d.usedByCairn) ?? (devices.length === 1 ? devices[0] : undefined)
    if (!current)
      throw new CairnError(
        'CONFLICT',
        `${userName} has ${devices.length} MFA devices and none is recorded as Cairn's; remove the one to replace with \`cairn mfa remove ${parsed.role} --serial SERIAL\`.`
      )
    replaces = current.serial
  }
  const enrollment = await mfa.enroll({ ...who, ...(replaces ? { replaces } : {}) })
  const reader = codeReader(input, io)
  try {
    io.stdout.write(`Scan this QR code with your authenticator app; the entry is named "AWS: ${enrollment.label}".\n\n`)
    io.stdout.write(await mfa.terminalQr(enrollment))
    if (parsed.showSecret) {
      io.stdout.write(`\nSecret key (Base32), for apps that cannot scan:\n${mfa.showSecret(enrollment).secretGrouped.replace(/ /g, '')}\n`)
    } else {
      io.stdout.write('\nCannot scan? Run again with --show-secret to print the secret key.\n')
    }
    io.stdout.write('\nEnter the code the app shows now, then wait for it to change and enter the next one.\n')
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const code1 = await reader.read('MFA code 1: ')
      const code2 = code1 === null ? null : await reader.read('MFA code 2: ')
      if (code1 === null || code2 === null) {
        io.stderr.write('cairn mfa: no more codes on standard input; cancelled, and the unused device is deleted.\n')
        return 1
      }
      const outcome = await mfa.confirm({ enrollmentId: enrollment.enrollmentId, code1, code2 })
      if (outcome.result === 'enabled') {
        io.stdout.write(`${outcome.message}\nDevice serial number: ${outcome.serial}\n`)
        return 0
      }
      io.stdout.write(`${outcome.message}\n`)
    }
    io.stderr.write(`cairn mfa: ${MAX_ATTEMPTS} tries without a valid pair of codes; cancelled, and the unused device is deleted.\n`)
    return 1
  } finally {
    reader.close()
  }
}

const KIND_WORDS = { virtual: 'virtual device', 'hardware-totp': 'hardware token', 'security-key': 'passkey or security key: console sign-in only' } as const

/** Lists the user's devices, then records the one named (or the only one that can back sessions). */
async function use(mfa: MfaService, parsed: Parsed, io: CliIo): Promise<number> {
  const who = { role: parsed.role, ...(parsed.user ? { userName: parsed.user } : {}) }
  const { userName, devices } = await mfa.devices(who)
  io.stdout.write(devices.length === 0 ? `${userName} has no MFA device.\n` : `${userName}'s MFA devices:\n`)
  for (const d of devices) io.stdout.write(`  ${d.serial} (${KIND_WORDS[d.kind]}${d.usedByCairn ? '; Cairn uses this one' : ''})\n`)
  const used = await mfa.useDevice({ ...who, ...(parsed.serial ? { serial: parsed.serial } : {}) })
  io.stdout.write(`${used.message}\n`)
  return 0
}

/** `cairn mfa enroll|use|remove ROLE`: the MFA step of the app, in a terminal. */
export async function mfa(argv: string[], io: CliIo, input: CodeInput = process.stdin): Promise<number> {
  const parsed = parse(argv)
  if (parsed === 'help') {
    io.stdout.write(MFA_USAGE)
    return 0
  }
  if (typeof parsed === 'string') {
    io.stderr.write(`cairn mfa: ${parsed}\n\n${MFA_USAGE}`)
    return 2
  }
  let service: MfaService | undefined
  // Ctrl+C at a prompt: delete the unused device before going, rather than leave it for next time.
  const cancel = () => {
    io.stderr.write('\ncairn mfa: cancelled; the unused device is deleted.\n')
    void (service?.close() ?? Promise.resolve()).finally(() => process.exit(130))
  }
  process.once('SIGINT', cancel)
  try {
    const credentials = await bootstrapCredentials(io, parsed)
    const connection = await connect(credentials)
    const vaultService = io.env['CAIRN_VAULT_SERVICE'] ?? 'Cairn'
    const vault = loadSearchableKeytar().then((keytar) => keytarSecretStore(keytar, { service: vaultService }))
    vault.catch(() => undefined)
    service = createMfaService({
      iam: () => connection.clients('read').iam,
      vault: () => vault,
      // The users the last apply made (the roles layout's sign-in among them), as the app knows them.
      roles: () => appliedMfaIdentities(defaultDataDir(io.env), connection.info.accountId)
    })
    if (parsed.action === 'enroll') return await enroll(service, parsed, io, input)
    if (parsed.action === 'use') return await use(service, parsed, io)
    const removed = await service.remove({
      role: parsed.role,
      ...(parsed.user ? { userName: parsed.user } : {}),
      ...(parsed.serial ? { serial: parsed.serial } : {})
    })
    io.stdout.write(`${removed.message}\n`)
    return 0
  } catch (error) {
    if (!(error instanceof CairnError)) throw error
    return reportError(io, 'mfa', error)
  } finally {
    process.off('SIGINT', cancel)
    // Whatever happened, an unfinished set-up's device is deleted and its secret forgotten.
    await service?.close()
  }
}
