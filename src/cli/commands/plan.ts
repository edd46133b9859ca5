import { parseArgs } from 'node:util'
import type { Plan } from '../../main/setup/plan'
import type { CliIo } from '../main'
import { CONNECTION_HELP, connectedServices, connectionOptions, reportError, LAYOUT_HELP, setupFrom } from '../setup-session'

export const PLAN_USAGE = `Usage: cairn plan [--roles billing,dev,ops,admin] [--layout users|roles] [--sign-in NAME] [--json] [--profile NAME] [--endpoint URL]

Shows what \`cairn apply\` would do: each step against the account, as exists, create,
update or conflict, and the conflicts explained. Changes nothing.

Options:
  --roles LIST   Which roles to set up (default: billing,dev,ops)
${LAYOUT_HELP}
  --json         Print the plan as JSON
  -h, --help     Show this help

${CONNECTION_HELP}`

export function describePlan(plan: Plan): string {
  const lines = plan.steps.map((step) => {
    const status = step.deferredUntilMfa ? 'later' : step.status
    return `  ${status.padEnd(8)} ${step.id}${step.reason ? `\n           ${step.reason}` : ''}`
  })
  const conflicts = plan.conflicts.map((c) => `  ${c.blocking ? 'BLOCKING' : 'note    '} ${c.message}`)
  const { create, update, exists, conflict } = plan.summary
  return `${lines.join('\n')}\n${conflicts.length ? `\nConflicts:\n${conflicts.join('\n')}\n` : ''}\n${create} to create, ${update} to update, ${exists} already there, ${conflict} in conflict.\n`
}

/** `cairn plan`: the diff between the roles and the account. */
export async function plan(argv: string[], io: CliIo): Promise<number> {
  let values: { profile?: string; endpoint?: string; json?: boolean; help?: boolean; roles?: string }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: { ...connectionOptions, roles: { type: 'string' }, layout: { type: 'string' }, 'sign-in': { type: 'string' } },
      strict: true,
      allowPositionals: false
    }))
  } catch (error) {
    io.stderr.write(`cairn plan: ${(error as Error).message}\n\n${PLAN_USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout.write(PLAN_USAGE)
    return 0
  }
  try {
    const wanted = setupFrom(values)
    const { setup } = await connectedServices(io, values)
    const result = await setup.plan(wanted)
    io.stdout.write(values.json ? `${JSON.stringify(result)}\n` : describePlan(result))
    return 0
  } catch (error) {
    return reportError(io, 'plan', error)
  }
}
