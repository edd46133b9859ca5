import { parseArgs } from 'node:util'
import type { ProfilesWrite } from '../../main/profiles/write-profiles'
import type { CliIo } from '../main'
import { cliProfiles, endpointOption, rememberEndpointOverride, reportFailure } from '../profiles-context'

export const SWITCH_USAGE = `Usage: cairn switch ROLE [--endpoint URL]

Makes ROLE the active role: every shell with AWS_PROFILE=cairn (and [default], if you made it
follow the active role) acts as ROLE from its next AWS command. No restart, no new variables.
Writes Cairn's profiles into your AWS config file if they are not there yet.

Options:
  --endpoint URL   The account's IAM/STS endpoint (the practice account's), remembered for it
                   (or AWS_ENDPOINT_URL)
  -h, --help       Show this help
`

/** What a config write did, for the terminal; conflicts make it a failure. */
export function describeWrite(write: ProfilesWrite): { text: string; ok: boolean } {
  const lines: string[] = []
  if (write.conflicts.length > 0) {
    for (const conflict of write.conflicts) lines.push(`${write.file}:${conflict.line}: ${conflict.message}`)
    lines.push(`Cairn left ${write.file} unchanged.`)
  } else if (write.written) {
    lines.push(`Wrote ${write.profiles.map((name) => `[profile ${name}]`).join(', ')} to ${write.file}.`)
    if (write.backup) lines.push(`Your file as it was is saved as ${write.backup}.`)
  }
  for (const name of write.shadowed) {
    lines.push(`Warning: your AWS credentials file also defines [${name}]; the AWS CLI uses those keys instead of Cairn's. Remove that section.`)
  }
  return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', ok: write.conflicts.length === 0 }
}

/** `cairn switch ROLE`: the active role for AWS_PROFILE=cairn. */
export async function switchRole(argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: { ...endpointOption, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true })
  } catch (error) {
    io.stderr.write(`cairn switch: ${(error as Error).message}\n\n${SWITCH_USAGE}`)
    return 2
  }
  if (parsed.values.help) {
    io.stdout.write(SWITCH_USAGE)
    return 0
  }
  const [role, ...extra] = parsed.positionals
  if (role === undefined || extra.length > 0) {
    io.stderr.write(`cairn switch: ${role === undefined ? 'say which role, for example dev' : `unexpected '${extra[0]}'`}\n\n${SWITCH_USAGE}`)
    return 2
  }
  try {
    const profiles = cliProfiles(io)
    await rememberEndpointOverride(profiles, parsed.values.endpoint, io.env)
    const { overview, write } = await profiles.switchRole(role)
    const arn = overview.roles.find((entry) => entry.active)?.arn ?? role
    const report = describeWrite(write)
    io.stdout.write(`${role} is now the active role: AWS_PROFILE=cairn acts as ${arn} from the next command.\n`)
    ;(report.ok ? io.stdout : io.stderr).write(report.text)
    return report.ok ? 0 : 1
  } catch (error) {
    if (error instanceof RangeError) {
      io.stderr.write(`cairn switch: ${error.message}\n`)
      return 2
    }
    return reportFailure(io, 'switch', error)
  }
}
