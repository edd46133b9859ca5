import { practice } from './commands/practice'

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
  practice: { summary: 'Run the practice AWS account (local IAM + STS) until stopped', run: practice }
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
