import { mfa } from './commands/mfa'
import { practice } from './commands/practice'
import { scan } from './commands/scan'
import { plan } from './commands/plan'
import { apply } from './commands/apply'
import { rollback } from './commands/rollback'
import { roles } from './commands/roles'
import { switchRole } from './commands/switch'
import { session } from './commands/session'
import { signin } from './commands/signin'
import { consoleCommand } from './commands/console'
import { doctor } from './commands/doctor'
import { credentialProcess } from './commands/credential-process'

/** What a command needs from its process, so tests can run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  env: Readonly<Record<string, string | undefined>>
  /** Ends a long-running command (in tests); the process entry uses SIGINT/SIGTERM instead. */
  signal?: AbortSignal
}

export interface Command {
  summary: string
  run(args: string[], io: CliIo): Promise<number>
}

/** Every command, one entry each; each lives in src/cli/commands/<name>.ts. */
const commands: Readonly<Record<string, Command>> = {
  practice: { summary: 'Run the practice AWS account (local IAM + STS) until stopped', run: practice },
  scan: { summary: "Check the account's security status (changes nothing)", run: scan },
  plan: { summary: 'Show what apply would create, and any conflicts (changes nothing)', run: plan },
  apply: { summary: 'Set up the billing, dev and ops roles; resumes a stopped apply', run: apply },
  rollback: { summary: 'Delete exactly what the last apply created', run: rollback },
  mfa: { summary: "Set up (enroll) or remove an IAM user's virtual MFA device", run: mfa },
  roles: { summary: 'List the roles, the active one and their sessions', run: roles },
  switch: { summary: 'Make a role the active one for AWS_PROFILE=cairn', run: switchRole },
  signin: { summary: 'Sign in for the day with one MFA code, and start every role', run: (args, io) => signin(args, io) },
  session: { summary: 'Start a new (MFA-backed) session for a role', run: (args, io) => session(args, io) },
  console: { summary: 'Sign a role in to the AWS console (print or --open the URL)', run: (args, io) => consoleCommand(args, io) },
  doctor: { summary: 'Check the keychain, the roles and the AWS config file', run: (args, io) => doctor(args, io) },
  'credential-process': { summary: "Print a role's credentials for the AWS CLI (its profiles call this)", run: credentialProcess }
}

const USAGE = `Usage: cairn <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(20)} ${command.summary}`)
  .join('\n')}

Run "cairn <command> --help" for a command's options.
`

/** The `cairn` command line. Resolves to the process exit code: 0 ok, 1 failure, 2 bad usage. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  if (command !== undefined && Object.prototype.hasOwnProperty.call(commands, command)) return commands[command]!.run(rest, io)
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(USAGE)
    return 0
  }
  io.stderr.write(command === undefined ? USAGE : `cairn: unknown command '${command}'\n\n${USAGE}`)
  return 2
}
