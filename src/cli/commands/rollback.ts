import { parseArgs } from 'node:util'
import type { CliIo } from '../main'
import { CONNECTION_HELP, confirm, connectedServices, connectionOptions, interactive, printProgress, reportError } from '../setup-session'

export const ROLLBACK_USAGE = `Usage: cairn rollback [--yes] [--json] [--profile NAME] [--endpoint URL]

Deletes exactly what the last \`cairn apply\` (or the app's Apply) created in this account,
newest first, and the passwords and keys it put in the keychain. What was there before
stays.

Options:
  --yes          Do not ask first (required when not on a terminal)
  --json         Print one JSON summary on stdout (progress goes to stderr)
  -h, --help     Show this help

${CONNECTION_HELP}`

/** `cairn rollback`: undo the last apply. */
export async function rollback(argv: string[], io: CliIo): Promise<number> {
  let values: { profile?: string; endpoint?: string; json?: boolean; help?: boolean; yes?: boolean }
  try {
    ;({ values } = parseArgs({ args: argv, options: { ...connectionOptions, yes: { type: 'boolean', short: 'y' } }, strict: true, allowPositionals: false }))
  } catch (error) {
    io.stderr.write(`cairn rollback: ${(error as Error).message}\n\n${ROLLBACK_USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout.write(ROLLBACK_USAGE)
    return 0
  }
  if (!values.yes && !interactive(io)) {
    io.stderr.write('cairn rollback: not on a terminal, so there is nobody to ask; pass --yes to roll back without asking.\n')
    return 2
  }
  try {
    const { connect, setup } = await connectedServices(io, values)
    const status = connect.status()
    const accountId = status.connected ? status.accountId : ''
    if (!values.yes && !(await confirm(io, `Delete what the last apply created in account ${accountId}?`))) {
      io.stderr.write('cairn rollback: nothing was changed.\n')
      return 0
    }
    const progress = values.json ? io.stderr : io.stdout
    const { operationId, summary } = await setup.rollback({}, printProgress(progress))
    if (values.json) io.stdout.write(`${JSON.stringify({ accountId, operationId, ...summary })}\n`)
    else if (summary.outcome === 'nothing') io.stdout.write('Nothing to roll back: no apply is recorded for this account, or it was rolled back already.\n')
    else {
      io.stdout.write(
        `\n${summary.outcome === 'done' ? 'Rolled back' : 'Rolled back in part'}: ${summary.steps.filter((s) => s.outcome === 'done').length} undone, ${summary.failures.length} failed.\n`
      )
      for (const failure of summary.failures) io.stdout.write(`  ${failure.stepId} (${failure.code}): ${failure.message}\n`)
    }
    return summary.outcome === 'failed' ? 1 : 0
  } catch (error) {
    return reportError(io, 'rollback', error)
  }
}
