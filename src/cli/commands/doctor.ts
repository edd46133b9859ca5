import { homedir } from 'node:os'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../../main/app-info/data-dir'
import { doctorChecks, type DoctorCheck } from '../../main/profiles/doctor'
import { loadKeytar, probeKeychain, type KeytarLike } from '../../main/vault/keychain-probe'
import { KEYCHAIN_STUCK } from '../exit-codes'
import type { CliIo } from '../main'

export const DOCTOR_USAGE = `Usage: cairn doctor [--json]

Checks what Cairn needs on this computer: a reachable, unlocked keychain (and on Linux, which
package to install when there is none), the roles Cairn knows, and whether Cairn's sections of
your AWS config file are intact and point at a cairn that exists. Changes nothing.
Exits 1 when something is broken.

Options:
  --json       Print the checks as JSON
  -h, --help   Show this help
`

const marks: Record<DoctorCheck['status'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' }

/** `cairn doctor`: keychain, roles, AWS config files. */
export async function doctor(argv: string[], io: CliIo, probe?: Parameters<typeof doctorChecks>[0]['probe']): Promise<number> {
  let values: { json?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false
    }))
  } catch (error) {
    io.stderr.write(`cairn doctor: ${(error as Error).message}\n\n${DOCTOR_USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout.write(DOCTOR_USAGE)
    return 0
  }
  const home = (process.platform === 'win32' ? io.env['USERPROFILE'] : io.env['HOME']) || homedir()
  // Counts keychain calls still running: one stuck on a locked keyring means Node cannot exit normally.
  let pending = 0
  const track = <T>(call: Promise<T>) => {
    pending++
    return call.finally(() => pending--)
  }
  const load = async (): Promise<KeytarLike> => {
    const keytar = await loadKeytar()
    return {
      setPassword: (...args) => track(keytar.setPassword(...args)),
      getPassword: (...args) => track(keytar.getPassword(...args)),
      deletePassword: (...args) => track(keytar.deletePassword(...args))
    }
  }
  const checks = await doctorChecks({
    platform: process.platform,
    env: io.env,
    homedir: home,
    dataDir: defaultDataDir(io.env),
    probe: probe ?? (() => probeKeychain({ platform: process.platform, load }))
  })
  if (values.json) io.stdout.write(`${JSON.stringify(checks)}\n`)
  else io.stdout.write(checks.map((check) => `${marks[check.status]}  ${check.title}: ${check.detail}`).join('\n') + '\n')
  if (pending > 0) return KEYCHAIN_STUCK
  return checks.some((check) => check.status === 'fail') ? 1 : 0
}
