import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import type { TemporarySession } from '../../src/practice'
import { spawn } from 'node:child_process'
import { buildCliBundle, type CliRun } from '../cli/cli-bundle'
import { practiceRoles, type PracticeRoles } from '../main/profiles/practice-roles'
import { callerOf } from './support/account-check'

/**
 * Fault family 3: 100 `cairn credential-process` processes at once (the AWS CLI in many shells,
 * a build tool fanning out) while the app writes a new session for the same role to the
 * keychain. Each must print a complete session the practice account issued (never the key of
 * one and the token of another), and the keychain entry must stay readable.
 */

const PROCESSES = 100
/** A cold start loads the AWS SDK and calls STS in every process: fewer of them, for the suite's time. */
const COLD = 20
let account: PracticeRoles
let bundle: Awaited<ReturnType<typeof buildCliBundle>>

beforeAll(async () => {
  ;[account, bundle] = await Promise.all([
    practiceRoles(
      [
        { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', requiresMfa: true, accessKey: true, mfa: true },
        { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true }
      ],
      { label: 'fault-credential-process' }
    ),
    buildCliBundle()
  ])
}, 120_000)
afterAll(async () => {
  await account?.close()
  bundle?.remove()
})

interface Printed {
  Version: number
  AccessKeyId: string
  SecretAccessKey: string
  SessionToken: string
  Expiration: string
}

/** Parses one run's output as process credentials, or says why it is not. */
function printed(run: CliRun): Printed | string {
  if (run.stdout === '' && run.code === 0) return 'exit 0 with no output'
  if (run.code !== 0) return `exit ${run.code}: ${run.stderr.trim()}`
  try {
    const value = JSON.parse(run.stdout) as Printed
    return Object.keys(value).join() === 'Version,AccessKeyId,SecretAccessKey,SessionToken,Expiration' && value.Version === 1
      ? value
      : `unexpected shape: ${Object.keys(value).join()}`
  } catch {
    return `not JSON: ${JSON.stringify(run.stdout.slice(0, 300))} ${JSON.stringify(run.stderr.slice(0, 300))}`
  }
}

/** The session the account issued under this key id, when key, secret and token are all its own. */
function issuedAs(credentials: Printed, principal: string): TemporarySession | string {
  const issued = Object.values(account.server.state.sessions).find((session) => session.accessKeyId === credentials.AccessKeyId)
  if (!issued) return `${credentials.AccessKeyId} was never issued`
  if (issued.principal !== principal) return `${credentials.AccessKeyId} belongs to ${issued.principal}`
  if (issued.secretAccessKey !== credentials.SecretAccessKey || issued.sessionToken !== credentials.SessionToken)
    return `${credentials.AccessKeyId} is printed with another session's secret or token`
  return issued
}

/**
 * Starts the processes all at once (the bundle as bin/cairn.js runs it). No time limit per
 * process: on a loaded machine the keyring daemon answers 100 new clients slowly, and slow
 * is not wrong; the test's own timeout bounds the whole.
 */
const startAll = (role: string, count = PROCESSES): Array<Promise<CliRun>> =>
  Array.from(
    { length: count },
    () =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [bundle.file, 'credential-process', role], { env: account.env, stdio: ['ignore', 'pipe', 'pipe'] })
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
        child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr: signal ? `${stderr}(killed by ${signal})` : stderr }))
      })
  )

describe(`${PROCESSES} concurrent credential-process calls`, () => {
  it('during repeated app-side session refreshes: every one prints a whole session the account issued (old or new), and the entry stays readable', async () => {
    const key = { accountId: account.accountId, role: 'dev' }
    const profiles = account.profiles()
    await profiles.refreshSession({ role: 'dev', code: account.nextCode('dev') })
    // Every session the app wrote, by key id, with the expiry it wrote.
    const written = new Map<string, string>()
    const record = async () => {
      const session = (await account.store.get(key))!.session!
      written.set(session.accessKeyId, new Date(session.expiration).toISOString())
    }
    await record()

    let running = PROCESSES
    const runs = startAll('dev').map((run) => run.finally(() => running--))
    // The app refreshes again and again until the last process is done, so the writes overlap the reads.
    while (running > 0) {
      await profiles.refreshSession({ role: 'dev', code: account.nextCode('dev') })
      await record()
      // About as often as a person could press Refresh; back to back would only starve the keyring daemon.
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const results = (await Promise.all(runs)).map(printed)

    const failures = results.filter((result): result is string => typeof result === 'string')
    expect(failures).toEqual([])
    const sessions = results as Printed[]
    expect(sessions.map((credentials) => issuedAs(credentials, 'dev')).filter((r): r is string => typeof r === 'string')).toEqual([])
    // Each printed session is one the app wrote to the keychain.
    expect(sessions.filter((credentials) => written.get(credentials.AccessKeyId) !== credentials.Expiration)).toEqual([])
    expect(written.size).toBeGreaterThan(1)

    const entry = await account.store.get(key)
    expect(entry?.accessKey?.accessKeyId).toBe(account.keys['dev']!.accessKeyId)
    expect(entry?.mfaSerial).toMatch(/^arn:aws:iam::\d{12}:mfa\/dev$/)
    expect(entry?.session?.accessKeyId).toBe([...written.keys()].at(-1))
    // AWS takes every distinct session printed as dev.
    for (const accessKeyId of new Set(sessions.map((s) => s.AccessKeyId))) {
      const one = sessions.find((s) => s.AccessKeyId === accessKeyId)!
      expect(await callerOf(account.server.endpoint, { accessKeyId, secretAccessKey: one.SecretAccessKey, sessionToken: one.SessionToken })).toMatch(
        /:user\/dev$/
      )
    }
    console.log(
      `credential-process: ${PROCESSES} processes, ${written.size} sessions written meanwhile, ${new Set(sessions.map((s) => s.AccessKeyId)).size} distinct printed`
    )
  }, 180_000)

  it(`${COLD} at once for a role without MFA and no session yet: one of them starts the session, all print it, and the entry keeps its access key`, async () => {
    const key = { accountId: account.accountId, role: 'ops' }
    await account.profiles().sessions.forget({ account: { accountId: account.accountId, sessionSeconds: 43_200 }, role: account.registered[1]! })
    expect((await account.store.get(key))?.session).toBeUndefined()

    const results = (await Promise.all(startAll('ops', COLD))).map(printed)
    expect(results.filter((result): result is string => typeof result === 'string')).toEqual([])
    const sessions = results as Printed[]
    expect(sessions.map((credentials) => issuedAs(credentials, 'ops')).filter((r): r is string => typeof r === 'string')).toEqual([])

    const entry = await account.store.get(key)
    expect(entry?.accessKey).toEqual(
      expect.objectContaining({ accessKeyId: account.keys['ops']!.accessKeyId, secretAccessKey: account.keys['ops']!.secretAccessKey })
    )
    expect(sessions.map((s) => s.AccessKeyId)).toContain(entry?.session?.accessKeyId)
    const distinct = new Set(sessions.map((s) => s.AccessKeyId)).size
    console.log(`credential-process (ops, cold): ${COLD} processes started ${distinct} sessions`)
    // The session lock in Cairn's data folder: the first starts it, the others wait and read it.
    expect(distinct).toBe(1)
    expect(readdirSync(path.join(account.dataDir, 'locks'))).toEqual([])
  }, 180_000)
})
