/**
 * The roles layout's day, at 100 ms of latency per request: the practice account's latency knob
 * for IAM and STS, and the same 100 ms added here before each request to its federation endpoint
 * and console page (the knob covers only the AWS API):
 * - the day's sign-in as Cairn does it: one MFA code for GetSessionToken, then every role's
 *   session with AssumeRole from that session, in parallel;
 * - the alternative it was measured against: AssumeRole with an MFA code for each role directly
 *   (longer sessions, up to the role's maximum, but one code per role, and AWS takes each code
 *   once, so the person waits for the authenticator's next code between roles);
 * - a role's session restarted after it ran out (role chaining caps it at an hour): no code;
 * - a role's console, from the click to the signed-in console page.
 * Round trips on the critical path are counted from the recorded requests (a request that starts
 * after another one's answer is one more trip); wall times are medians of ROUNDS rounds, printed
 * as ratios of the latency. Nothing asserts on them.
 */
import { performance } from 'node:perf_hooks'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand } from '@aws-sdk/client-iam'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { connect } from '../src/main/connect/connect'
import { recordAppliedRoles } from '../src/main/profiles/record-applied-roles'
import { createProfilesService } from '../src/main/profiles/profiles-service'
import { applySetup } from '../src/main/setup/apply/apply-setup'
import { defaultIamRoles } from '../src/main/setup/roles-layout'
import type { SetupSpec } from '../src/main/setup/setup-layout'
import { journalPath } from '../src/main/setup/setup-service'
import { defaultStsClient, type StsClientFactory } from '../src/main/sessions/get-session-token'
import { memoryVault } from './support/memory-vault'
import { startPracticeServer, totpAt } from '../src/practice'

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100)
const ROUNDS = 5

interface Request {
  what: string
  startedAt: number
  endedAt: number
}

/** The longest chain of requests each sent after the one before it was answered. */
function criticalPath(requests: readonly Request[]): number {
  const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt)
  const depth = new Map<Request, number>()
  for (const request of sorted) {
    const before = sorted.filter((other) => other !== request && other.endedAt <= request.startedAt)
    depth.set(request, 1 + Math.max(0, ...before.map((other) => depth.get(other) ?? 0)))
  }
  return Math.max(0, ...depth.values())
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

interface Measured {
  ms: number[]
  trips: number[]
  requests: number[]
}
const measured = (): Measured => ({ ms: [], trips: [], requests: [] })

async function round(results: Record<'signIn' | 'direct' | 'restart' | 'console', Measured>): Promise<void> {
  // The account's clock moves 30 s per MFA code; Cairn's own moves an hour on as well. The SDK
  // signs with the real time, which AWS would refuse if the account's clock were an hour away.
  let offset = 0
  let later = 0
  const clock = () => new Date(Date.now() + offset)
  const server = await startPracticeServer({ clock, onUnexpectedError: (error) => console.error(error) })
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-bench-sign-in-'))
  try {
    const connection = await connect(
      { accessKeyId: server.rootCredentials!.accessKeyId, secretAccessKey: server.rootCredentials!.secretAccessKey, endpoint: server.endpoint },
      { practice: true }
    )
    const accountId = connection.info.accountId
    const vault = memoryVault()
    const setup: SetupSpec = { layout: 'roles', signIn: { userName: 'me' }, roles: defaultIamRoles({ includeAdmin: false }) }
    const applied = await applySetup({
      accountId,
      clients: connection.clients('apply'),
      readClients: connection.clients('read'),
      endpoint: server.endpoint,
      vault,
      journalPath: journalPath(dataDir, accountId),
      setup,
      newKeyVisibleAfterMs: 0
    })
    if (applied.outcome !== 'done') throw new Error(`apply did not finish: ${JSON.stringify(applied.failures)}`)

    // The MFA step, as the app does it: a virtual device for the sign-in user, its serial in the keychain.
    const iam = connection.clients('read').iam
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'me-phone' }))).VirtualMFADevice!
    const seed = Buffer.from(device.Base32StringSeed!).toString('ascii')
    const at = clock().getTime()
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'me',
        SerialNumber: device.SerialNumber!,
        AuthenticationCode1: totpAt(seed, at - 30_000),
        AuthenticationCode2: totpAt(seed, at)
      })
    )
    await vault.update({ accountId, role: 'sign-in' }, (current) => ({ ...current, mfaSerial: device.SerialNumber! }))
    /** The authenticator's next code: AWS takes each 30-second code once per device. */
    const nextCode = () => {
      offset += 30_000
      return totpAt(seed, clock().getTime())
    }

    let requests: Request[] = []
    const record = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
      const request: Request = { what, startedAt: performance.now(), endedAt: 0 }
      requests.push(request)
      try {
        return await work()
      } finally {
        request.endedAt = performance.now()
      }
    }
    const sts: StsClientFactory = (key, options) => {
      const client = defaultStsClient(key, options)
      client.middlewareStack.add((next, context) => (args) => record(context.commandName ?? 'sts', () => next(args)), { step: 'initialize', name: 'bench' })
      return client
    }
    const recordedFetch: typeof fetch = (input, init) =>
      record(`fetch ${new URL(String(input)).pathname}`, async () => {
        await new Promise((resolve) => setTimeout(resolve, LATENCY_MS))
        return fetch(input, init)
      })
    let opened: string | null = null
    const profiles = createProfilesService({
      dataDir,
      vault: async () => vault,
      cairnCommand: null,
      env: {},
      homedir: dataDir,
      now: () => clock().getTime() + later,
      sts,
      fetch: recordedFetch,
      openConsoleWindow: (url) => void (opened = url)
    })
    await recordAppliedRoles(profiles, { setup, accountId, partition: 'aws', endpoint: server.endpoint, practice: true, vault })
    server.setFaults({ latencyMs: LATENCY_MS })

    const measure = async (into: Measured, work: () => Promise<unknown>) => {
      requests = []
      const started = performance.now()
      await work()
      into.ms.push(performance.now() - started)
      into.trips.push(criticalPath(requests))
      into.requests.push(requests.length)
    }

    // Cairn's way: one code, then every role from the day's session.
    const code = nextCode()
    await measure(results.signIn, () => profiles.signIn({ code }))

    // The alternative: each role assumed with its own code, from the sign-in's long-term key.
    const key = (await vault.get({ accountId, role: 'sign-in' }))!.accessKey!
    const direct = sts({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }, { endpoint: server.endpoint, maxAttempts: 1 }) as STSClient
    await measure(results.direct, async () => {
      // The person reads each code as the authenticator shows it (the wait is not measured here).
      for (const spec of setup.roles) {
        await direct.send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${accountId}:role/${spec.roleName}`,
            RoleSessionName: 'me',
            SerialNumber: device.SerialNumber!,
            TokenCode: nextCode(),
            DurationSeconds: spec.maxSessionHours * 3600
          })
        )
      }
    })
    direct.destroy()

    // An hour on: the role sessions have run out, the day's session has not.
    later += 61 * 60_000
    await measure(results.restart, () => profiles.credentials('dev'))

    // The console: the click, then the browser following the login link to the console page.
    await measure(results.console, async () => {
      const answer = await profiles.openConsole({ role: 'ops' })
      if (answer.kind !== 'federated' || opened === null) throw new Error(`the console did not open signed in: ${JSON.stringify(answer)}`)
      // What the console window does: the login link sets the console's cookie and redirects to the console.
      const login = await recordedFetch(opened, { redirect: 'manual' })
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const page = await recordedFetch(new URL(login.headers.get('location') ?? '/', opened), { headers: { cookie } })
      const text = await page.text()
      if (!text.includes('assumed-role/ops/') || !/id="mfa">present/.test(text)) throw new Error('the console page does not show the ops role with MFA')
    })
  } finally {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const results = { signIn: measured(), direct: measured(), restart: measured(), console: measured() }
  for (let i = 0; i < ROUNDS; i++) await round(results)
  const roles = defaultIamRoles({ includeAdmin: false }).length
  const row = (name: string, m: Measured, codes: string) =>
    console.log(
      `${name.padEnd(52)} ${String(median(m.trips)).padStart(5)} ${String(median(m.requests)).padStart(8)} ${(median(m.ms) / LATENCY_MS).toFixed(1).padStart(10)}  ${codes}`
    )
  console.log(`The roles layout's day: ${ROUNDS} rounds on a fresh practice account each, ${LATENCY_MS} ms per request, ${roles} roles; medians.`)
  console.log('')
  console.log(`${'what'.padEnd(52)} ${'trips'.padStart(5)} ${'requests'.padStart(8)} ${'wall/lat'.padStart(10)}  MFA codes`)
  row("sign-in: one code, then every role's session", results.signIn, '1')
  row('alternative: AssumeRole with a code per role', results.direct, `${roles} (the next code every 30 s: ${(roles - 1) * 30} s or more of waiting)`)
  row("a role's session again after an hour, from the day's", results.restart, '0')
  row("a role's console: click to signed-in console page", results.console, '0')
  console.log('')
  console.log(
    `trips: the critical path, in requests each sent after the previous one's answer (measured). wall/lat: wall time in units of the latency; the alternative's leaves out the person's wait for codes.`
  )
  console.log(
    `Chosen: one code a day (${median(results.signIn.trips)} trips for ${roles} roles) over a code per role (${median(results.direct.trips)} trips, ${roles} codes): role sessions then last at most an hour, and each restart is ${median(results.restart.trips)} trip with no code.`
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
