/**
 * `cairn credential-process ROLE` on its everyday path: a cached session that is still valid,
 * read from the real OS keychain, printed without any network call. The AWS CLI runs it before
 * every command of a Cairn profile, so it should cost little more than starting Node at all.
 *
 * Measured as wall time of whole processes (spawn to exit), median of RUNS runs, interleaved
 * with a bare `node -e 0` in the same run so machine load hits both alike. Two more rows say
 * where the difference goes: Node loading keytar and reading one entry (the keychain alone),
 * and Node compiling the whole cairn bundle without running it (one file for every command,
 * so the fast path still pays for parsing the rest). Target: the
 * credential process within 1.5x the bare Node start. Needs a reachable, unlocked keychain
 * (on Linux: run inside a D-Bus session with gnome-keyring, as `npm test` does).
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { writeRegistry } from '../src/main/profiles/account-registry'
import * as keytarModule from 'keytar'

/** A made-up key id of AWS's shape, built at run time so no key-shaped literal sits in the source. */
const benchKeyId = (prefix: 'AKIA' | 'ASIA') => `${prefix}${'BENCH'.padEnd(16, '0')}`

const RUNS = 30
const WARMUP = 3
const TARGET_RATIO = 1.5
const root = process.cwd()

interface Row {
  name: string
  times: number[]
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function timed(args: string[], env: NodeJS.ProcessEnv, check?: (stdout: string) => void): number {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
  const elapsed = performance.now() - started
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  check?.(result.stdout)
  return elapsed
}

async function main(): Promise<void> {
  const keytar = keytarModule
  try {
    await keytar.findCredentials('Cairn (bench check)')
  } catch (error) {
    console.log(`Skipped: no usable keychain here (${(error as Error).message}). On Linux run inside dbus-run-session with gnome-keyring unlocked.`)
    return
  }

  const folder = path.join(root, 'node_modules', '.cache', 'cairn-bench', randomUUID())
  mkdirSync(folder, { recursive: true })
  const bundle = path.join(root, 'out/cli/credential-process.cjs')
  const launcher = path.join(root, 'bin/cairn.js')
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cairn-bench-data-'))
  const service = `Cairn bench ${randomUUID()}`
  const accountId = '111122223333'
  try {
    // Measure what the AWS CLI really runs: bin/cairn.js over the bundles `npm run build` makes.
    const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' })
    if (built.status !== 0) throw new Error('scripts/build-cli.mjs failed')
    await writeRegistry(path.join(dataDir, 'accounts.json'), {
      version: 1,
      accounts: [
        {
          accountId,
          region: 'us-east-1',
          sessionSeconds: 43_200,
          roles: [{ role: 'dev', userName: 'dev', requiresMfa: true, hasAccessKey: true, consoleAccess: true }]
        }
      ],
      currentAccountId: accountId,
      activeRole: 'dev',
      defaultProfile: null
    })
    // What the vault holds after `cairn session dev`: the long-term key, the MFA serial and a valid session.
    await keytar.setPassword(
      service,
      `${accountId}/dev`,
      JSON.stringify({
        accessKey: { accessKeyId: benchKeyId('AKIA'), secretAccessKey: 'benchSecretKeyForCredentialProcess000000', createdAt: new Date().toISOString() },
        mfaSerial: `arn:aws:iam::${accountId}:mfa/dev`,
        session: {
          accessKeyId: benchKeyId('ASIA'),
          secretAccessKey: 'benchSessionSecretForCredentialProcess00',
          sessionToken: `IQoJb3JpZ2luX2VjE${'x'.repeat(400)}`,
          expiration: new Date(Date.now() + 12 * 3600_000).toISOString()
        }
      })
    )
    const keychainOnly = path.join(folder, 'keychain-only.cjs')
    writeFileSync(keychainOnly, `require('keytar').getPassword(${JSON.stringify(service)}, '${accountId}/dev').then((v) => { if (!v) process.exit(1) })\n`)

    // The bundle with an exit in front: V8 still parses all of it before running the first line.
    const parseOnly = path.join(folder, 'parse-only.cjs')
    writeFileSync(parseOnly, `process.exit(0);\n${readFileSync(bundle, 'utf8')}`)

    const env = { ...process.env, CAIRN_DATA_DIR: dataDir, CAIRN_VAULT_SERVICE: service, NODE_PATH: path.join(root, 'node_modules') }
    const checkJson = (stdout: string) => {
      const printed = JSON.parse(stdout) as { Version?: number; AccessKeyId?: string }
      if (printed.Version !== 1 || printed.AccessKeyId !== benchKeyId('ASIA')) throw new Error(`unexpected output: ${stdout}`)
    }
    const rows: Row[] = [
      { name: 'node -e 0 (bare Node start)', times: [] },
      { name: 'cairn credential-process dev', times: [] },
      { name: 'node + keytar + one keychain read', times: [] },
      { name: 'node parsing the credential-process bundle only', times: [] }
    ]
    const runs: Array<() => number> = [
      () => timed(['-e', '0'], env),
      () => timed([launcher, 'credential-process', 'dev'], env, checkJson),
      () => timed([keychainOnly], env),
      () => timed([parseOnly], env)
    ]
    for (let i = 0; i < WARMUP; i++) for (const run of runs) run()
    for (let i = 0; i < RUNS; i++) runs.forEach((run, index) => rows[index]!.times.push(run()))

    console.log(
      `credential_process on the cached path: ${RUNS} runs each, interleaved, after ${WARMUP} warm-up runs; Node ${process.version}, ${process.platform}`
    )
    console.log('')
    console.log(`${'process'.padEnd(36)} ${'median ms'.padStart(10)} ${'p90 ms'.padStart(8)} ${'min ms'.padStart(8)}`)
    for (const row of rows) {
      console.log(
        `${row.name.padEnd(36)} ${percentile(row.times, 50).toFixed(1).padStart(10)} ${percentile(row.times, 90).toFixed(1).padStart(8)} ${Math.min(
          ...row.times
        )
          .toFixed(1)
          .padStart(8)}`
      )
    }
    const bare = percentile(rows[0]!.times, 50)
    const cairn = percentile(rows[1]!.times, 50)
    const keychain = percentile(rows[2]!.times, 50)
    const parse = percentile(rows[3]!.times, 50)
    const ratio = cairn / bare
    console.log('')
    console.log(`cairn credential-process / bare node: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x): ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`)
    console.log(
      `of the ${(cairn - bare).toFixed(1)} ms over bare Node: keytar + one keychain read (D-Bus) ${(keychain - bare).toFixed(1)} ms, parsing the ${Math.round(
        readFileSync(bundle).length / 1024
      )} KB bundle ${(parse - bare).toFixed(1)} ms, the rest ${(cairn - keychain - (parse - bare)).toFixed(1)} ms`
    )
  } finally {
    await keytar.deletePassword(service, `${accountId}/dev`).catch(() => undefined)
    rmSync(folder, { recursive: true, force: true })
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
