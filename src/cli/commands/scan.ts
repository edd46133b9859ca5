import { parseArgs } from 'node:util'
import type { CheckResult } from '../../main/audit/run-checks'
import type { CliIo } from '../main'
import { CONNECTION_HELP, connectedServices, connectionOptions, reportError } from '../setup-session'

export const SCAN_USAGE = `Usage: cairn scan [--json] [--admin-group NAME] [--profile NAME] [--endpoint URL]

Checks the account's security: root MFA, root access keys, the password policy, MFA on
console users, unused and old credentials, permissions only through groups, no
administrator access outside the admin role, IAM access to billing. Changes nothing.

Options:
  --json               Print the checks as one JSON array
  --admin-group NAME   The group where AdministratorAccess belongs, if any
  -h, --help           Show this help

${CONNECTION_HELP}`

const mark: Record<CheckResult['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: '????' }

/** `cairn scan`: the security status. Exit 0 once scanned, whatever the checks say. */
export async function scan(argv: string[], io: CliIo): Promise<number> {
  let values: { profile?: string; endpoint?: string; json?: boolean; help?: boolean; 'admin-group'?: string }
  try {
    ;({ values } = parseArgs({ args: argv, options: { ...connectionOptions, 'admin-group': { type: 'string' } }, strict: true, allowPositionals: false }))
  } catch (error) {
    io.stderr.write(`cairn scan: ${(error as Error).message}\n\n${SCAN_USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout.write(SCAN_USAGE)
    return 0
  }
  try {
    const { connect, audit } = await connectedServices(io, values)
    const results = await audit.scan(values['admin-group'] ? { adminGroupName: values['admin-group'] } : {})
    if (values.json) {
      io.stdout.write(`${JSON.stringify(results)}\n`)
      return 0
    }
    const status = connect.status()
    io.stdout.write(`Security status of account ${status.connected ? status.accountId : '?'}\n\n`)
    for (const result of results) {
      io.stdout.write(
        `  ${mark[result.status]}  ${result.title}\n        ${result.evidence}\n${result.fix ? `        Fix: ${result.fix.label} (in the app)\n` : ''}`
      )
    }
    return 0
  } catch (error) {
    return reportError(io, 'scan', error)
  }
}
