import { parseArgs } from 'node:util'
import type { ProfilesOverview } from '../../shared/channels/profiles'
import { clockTime, timeLeft } from '../../main/sessions/session-freshness'
import type { CliIo } from '../main'
import { cliProfiles, reportFailure } from '../profiles-context'

export const ROLES_USAGE = `Usage: cairn roles [--json]

Lists the roles of the current account: the IAM user each one signs in as (or the IAM role
it assumes, with when your sign-in for the day ends), which one is active for
AWS_PROFILE=cairn (marked *), how long its session lasts, and what it can do.

Options:
  --json       Print the list as one JSON object
  -h, --help   Show this help
`

function sessionText(role: ProfilesOverview['roles'][number], nowMs: number): string {
  if (!role.hasAccessKey) return '-'
  if (role.roleArn !== undefined) {
    if (!role.session || role.session.state === 'expired') return 'none (starts from your sign-in)'
    return `${timeLeft(role.session.expiration, nowMs)} left`
  }
  if (!role.session) return role.requiresMfa ? 'none (needs MFA)' : 'none (started on first use)'
  if (role.session.state === 'expired') return 'expired'
  return `${timeLeft(role.session.expiration, nowMs)} left`
}

function accessText(role: ProfilesOverview['roles'][number]): string {
  const where = role.hasAccessKey ? (role.consoleAccess ? 'CLI + console' : 'CLI') : 'console only'
  return role.requiresMfa ? `${where}, MFA` : where
}

/** "Signed in as me until 21:04 (11 h 58 min left)", or how to sign in. */
function signInText(signIn: NonNullable<ProfilesOverview['signIn']>, nowMs: number): string {
  const { session } = signIn
  if (!session || session.state === 'expired') return `${signIn.userName} is not signed in today: \`cairn signin\`.`
  return `Signed in as ${signIn.userName} until ${clockTime(session.expiration)} (${timeLeft(session.expiration, nowMs)} left).`
}

export function describeRoles(overview: ProfilesOverview, nowMs: number): string {
  if (overview.accountId === null || overview.roles.length === 0) return 'Cairn has no roles on this computer yet. Finish setup in Cairn (Plan, then Apply).\n'
  const rows = overview.roles.map((role) => [role.active ? '*' : ' ', role.role, role.arn, sessionText(role, nowMs), accessText(role)] as const)
  const widths = [1, 4, 8, 7].map((min, i) => Math.max(min, ...rows.map((row) => row[i + 1]!.length)))
  const line = (cells: readonly string[]) =>
    `${cells[0]} ${cells
      .slice(1, -1)
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')}  ${cells.at(-1)}`.trimEnd()
  const lines = [
    `Account ${overview.accountId}${overview.practice ? ' (practice account)' : ''}`,
    ...(overview.signIn ? [signInText(overview.signIn, nowMs)] : []),
    '',
    line([' ', 'ROLE', 'IDENTITY', 'SESSION', 'USE']),
    ...rows.map(line),
    '',
    overview.activeRole ? `* active: ${overview.activeRole}. In a shell: ${overview.shellSnippet}` : 'No active role yet: `cairn switch ROLE` picks one.'
  ]
  if (overview.defaultProfile) lines.push(`[default] acts as profile ${overview.defaultProfile}.`)
  for (const warning of overview.warnings) lines.push(`Note: ${warning}`)
  return `${lines.join('\n')}\n`
}

/** `cairn roles`: the roles, the active one, and their sessions. */
export async function roles(argv: string[], io: CliIo): Promise<number> {
  let values: { json?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false
    }))
  } catch (error) {
    io.stderr.write(`cairn roles: ${(error as Error).message}\n\n${ROLES_USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout.write(ROLES_USAGE)
    return 0
  }
  try {
    const overview = await cliProfiles(io).list()
    io.stdout.write(values.json ? `${JSON.stringify(overview)}\n` : describeRoles(overview, Date.now()))
    return 0
  } catch (error) {
    return reportFailure(io, 'roles', error)
  }
}
