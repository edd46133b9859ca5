import { KEYCHAIN_STUCK } from '../../cli/exit-codes'
import type { CliIo } from '../../cli/main'
import { CLI_MARKER, engineSwitchIn } from './cli-mode-args'

/**
 * Runs `cairn ARGS` inside the app's main process, as bin/cairn.js runs it under Node: the
 * same commands (src/cli/main.ts), and credential-process through its own small module, so
 * the path the AWS CLI takes before every call loads neither the other commands nor the AWS
 * SDK. Resolves to the exit code; the caller ends the process (finishCliMode).
 */
export async function runCliMode(args: readonly string[], io: CliIo): Promise<number> {
  const engineSwitch = engineSwitchIn(args)
  if (engineSwitch !== null) {
    io.stderr.write(
      `cairn: ${engineSwitch} is a switch of the browser engine inside Cairn, not an option of the cairn command; ` +
        `the command line runs without it. Usage: Cairn ${CLI_MARKER} <command> [options]\n`
    )
    return 2
  }
  const [command, ...rest] = args
  if (command === 'credential-process') {
    const { credentialProcess } = await import('../../cli/commands/credential-process')
    return credentialProcess(rest, io)
  }
  const { main } = await import('../../cli/main')
  return main([...args], io)
}

export interface CliModeExit {
  stdout: { write(text: string, callback: () => void): unknown }
  stderr: { write(text: string, callback: () => void): unknown }
  /** Electron's app.exit. */
  exit(code: number): void
  /** Ends the process at once, waiting for nothing. */
  kill(): void
}

/**
 * Ends the command-line process once what it printed has drained, so a piped --json line is
 * never cut off. A keychain call that never answered is still running on a worker thread that
 * an orderly exit would wait for forever, so that case ends the process outright (its message
 * is already written).
 */
export function finishCliMode(code: number, how: CliModeExit): void {
  if (code === KEYCHAIN_STUCK) how.stderr.write('', () => how.kill())
  else how.stdout.write('', () => how.exit(code))
}

/** A command that threw instead of answering: its message, exit code 1. */
export function cliModeCrash(error: unknown, stderr: CliIo['stderr']): number {
  stderr.write(`cairn: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  return 1
}
