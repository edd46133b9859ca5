import { parseArgs } from 'node:util'
import type { CliIo } from '../main'
import {
  CONNECTION_HELP,
  confirm,
  connectedServices,
  connectionOptions,
  interactive,
  printProgress,
  reportError,
  LAYOUT_HELP,
  setupFrom
} from '../setup-session'
import { describePlan } from './plan'

export const APPLY_USAGE = `Usage: cairn apply [--roles billing,dev,ops,admin] [--layout users|roles] [--sign-in NAME] [--yes] [--json] [--profile NAME] [--endpoint URL]

Sets the roles up: groups with their policies, users in them, console passwords and
access keys, independent steps in parallel. Every password and secret key goes to the
OS keychain. Applying again changes nothing; an apply that was stopped resumes.

Options:
  --roles LIST   Which roles to set up (default: billing,dev,ops)
${LAYOUT_HELP}
  --yes          Do not ask first (required when not on a terminal)
  --json         Print one JSON summary on stdout (progress goes to stderr)
  -h, --help     Show this help

Exit codes: 0 done, 1 a step failed or could not run, 2 bad usage or input.

${CONNECTION_HELP}`

/** `cairn apply`: runs the plan, printing each step as it changes. */
export async function apply(argv: string[], io: CliIo): Promise<number> {
  let values: { profile?: string; endpoint?: string; json?: boolean; help?: boolean; roles?: string; layout?: string; 'sign-in'?: string; yes?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        ...connectionOptions,
        roles: { type: 'string' },
        layout: { type: 'string' },
        'sign-in': { type: 'string' },
        yes: { type: 'boolean', short: 'y' }
      },
      strict: true,
      allowPositionals: false
    }))
  } catch (error) {
    io.stderr.write(`cairn apply: ${(error as Error).message}\n\n${APPLY_USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout.write(APPLY_USAGE)
    return 0
  }
  if (!values.yes && !interactive(io)) {
    io.stderr.write('cairn apply: not on a terminal, so there is nobody to ask; pass --yes to apply without asking.\n')
    return 2
  }
  try {
    const wanted = setupFrom(values)
    const { connect, setup } = await connectedServices(io, values)
    const status = connect.status()
    const accountId = status.connected ? status.accountId : ''
    if (!values.yes) {
      const planned = await setup.plan(wanted)
      io.stdout.write(describePlan(planned))
      if (!(await confirm(io, `Apply this to account ${accountId}?`))) {
        io.stderr.write('cairn apply: nothing was changed.\n')
        return 0
      }
    }
    const progress = values.json ? io.stderr : io.stdout
    const { operationId, summary } = await setup.apply(wanted, printProgress(progress))
    if (values.json) io.stdout.write(`${JSON.stringify({ accountId, operationId, ...summary })}\n`)
    else {
      const { created, existed, failed, skipped, deferred } = summary.counts
      io.stdout.write(
        `\n${summary.outcome === 'done' ? 'Done' : summary.outcome === 'blocked' ? 'Done, except what conflicts' : 'Stopped by a failure'}: ${created} created, ${existed} already there, ${failed} failed, ${skipped} not run, ${deferred} waiting for MFA.\n`
      )
      for (const failure of summary.failures) io.stdout.write(`  ${failure.stepId} (${failure.code}): ${failure.message}\n`)
      for (const conflict of summary.conflicts.filter((c) => c.blocking)) io.stdout.write(`  conflict: ${conflict.message}\n`)
    }
    return summary.outcome === 'done' ? 0 : 1
  } catch (error) {
    return reportError(io, 'apply', error)
  }
}
