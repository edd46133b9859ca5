import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/main/handlers'
import { createDispatcher, type Dispatcher } from '../../src/main/ipc/dispatcher'
import { APP_ORIGIN } from '../../src/main/ipc/trusted-sender'
import { createLogger } from '../../src/main/log/redact'
import { type EmbeddedPractice, totpAt, startPracticeServer, type PracticeServer, type PracticeState } from '../../src/practice'
import { createServices } from '../../src/main/services'
import { loadSearchableKeytar, type KeytarWithSearch } from '../../src/main/vault/secret-store'
import type { ChannelName, JourneyStep, RequestOf, ResponseOf } from '../../src/shared/contract'
import { buildCliBundle, runCli, type CliRun } from '../cli/cli-bundle'
import { testClock } from '../practice/practice-clients'
import { repoRoot } from '../support/build'
import { harvestKeychain, harvestPracticeState } from './harvest-secrets'
import { scanForSecrets, type ScanReport } from './scan-for-secrets'
import { SecretLedger } from './secret-ledger'

/**
 * The whole practice journey through the real dispatcher and handlers, as the app runs it but
 * in a home, data folder and keychain service of its own; then every secret the run produced
 * is looked for, in every encoding it could be stored in, in everything the run left on disk
 * and everything its `cairn` processes printed. Expected: not one hit.
 *
 * Left out, by name, with the reason:
 * - DATA/practice-account.json and its .bak (the previous generation its crash-safe writes
 *   keep): the practice account's own state, which holds its keys, passwords and seeds because
 *   it plays AWS's servers. A self-check below scans them and expects hits, which proves the
 *   scan finds these secrets as they are really stored.
 * - stdout of `cairn credential-process`: the credential_process protocol hands the AWS CLI
 *   the session on stdout; the test checks it is exactly the cached session and nothing else.
 */

const sender = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }
const root = mkdtempSync(path.join(tmpdir(), 'cairn-secrets-at-rest-'))
const home = path.join(root, 'home')
const dataDir = path.join(root, 'data')
const configFile = path.join(home, '.aws', 'config')
const credentialsFile = path.join(home, '.aws', 'credentials')
const practiceStateFile = path.join(dataDir, 'practice-account.json')
const practiceStateFiles = [practiceStateFile, `${practiceStateFile}.bak`]
const logFile = path.join(dataDir, 'cairn.log')
const testArtifacts = path.join(repoRoot, '.test-artifacts')
const vaultService = `Cairn secrets-at-rest ${randomUUID()}`

const ledger = new SecretLedger()
const clock = testClock()
const consoleWindows: Array<{ url: string; role: string }> = []
let passwordsCopied = 0
const cliRuns: Array<{ name: string; run: CliRun; stdoutCarriesSession: boolean }> = []
const answers: string[] = []
const log = createLogger((line) => appendFileSync(logFile, `${line}\n`))

let server: PracticeServer
let practice: EmbeddedPractice
let services: ReturnType<typeof createServices>
let dispatcher: Dispatcher
let keytar: KeytarWithSearch
let bundle: Awaited<ReturnType<typeof buildCliBundle>>
let report: ScanReport
let closed = false

/** Stops what the run started; closing writes the practice account's last change to its file. */
async function closeApp(): Promise<void> {
  if (closed) return
  closed = true
  await services?.mfa.close()
  await practice?.close()
}

async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await dispatcher.dispatch(channel, request, sender)
  answers.push(JSON.stringify(result))
  harvestPracticeState(server.state, ledger)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
  return result.value as ResponseOf<C>
}

async function step(done: JourneyStep, next: JourneyStep): Promise<void> {
  await call('journey.update', { done, current: next })
}

/**
 * Two consecutive codes from an authenticator app on the practice account's clock, never in
 * the second and a half around a code change (the app measures AWS's clock to the second).
 */
async function twoCodes(seed: string): Promise<{ code1: string; code2: string }> {
  const into = clock.now().getTime() % 30_000
  if (into < 1500 || into > 28_500) await new Promise((resolve) => setTimeout(resolve, (31_500 - into) % 30_000))
  const now = clock.now().getTime()
  return { code1: totpAt(seed, now - 30_000), code2: totpAt(seed, now) }
}

/** The next code: AWS accepts each 30-second step once per device, so the clock moves on first. */
function nextCode(seed: string): string {
  clock.advance(30_000)
  return totpAt(seed, clock.now().getTime())
}

const seeds: Record<string, string> = {}
/** dev's role session in the roles layout, as credential-process printed it. */
let rolesLayoutSession = ''
/** The keychain's entries while the guide's users were the roles (moving to the roles layout replaces their sessions). */
const guideSessions = new Map<string, string>()

const cliEnv = (): Record<string, string> => ({
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  HOME: home,
  CAIRN_DATA_DIR: dataDir,
  CAIRN_VAULT_SERVICE: vaultService,
  AWS_CONFIG_FILE: configFile,
  AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
  // The private keyring's D-Bus session, for the child processes.
  ...Object.fromEntries(
    ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : []))
  )
})

async function cairn(args: string[], stdoutCarriesSession = false): Promise<CliRun> {
  const run = await runCli(bundle.file, args, cliEnv())
  cliRuns.push({ name: `cairn ${args.join(' ')}`, run, stdoutCarriesSession })
  harvestPracticeState(server.state, ledger)
  return run
}

beforeAll(async () => {
  mkdirSync(path.join(home, '.aws'), { recursive: true })
  mkdirSync(dataDir, { recursive: true })
  // The user's own settings, which Cairn must back up before its first write.
  writeFileSync(configFile, '# my own settings\n[default]\nregion = eu-west-1\n')
  ;[server, bundle, keytar] = await Promise.all([
    startPracticeServer({ stateFile: practiceStateFile, clock: clock.now, onUnexpectedError: (error) => log.error('practice account', error) }),
    buildCliBundle(),
    loadSearchableKeytar()
  ])
  practice = { server, status: () => ({ running: true, endpoint: server.endpoint, accountId: server.accountId, persisted: true }), close: () => server.close() }
  services = createServices({
    name: 'Cairn',
    version: '0.0.0-test',
    versions: { node: process.versions.node },
    practice,
    dataDir,
    homedir: home,
    awsEnv: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, HOME: home },
    vaultService,
    cairnCommand: [process.execPath, bundle.file],
    applyTuning: { retry: { baseDelayMs: 10, maxDelayMs: 100 }, newKeyVisibleAfterMs: 0 },
    openExternal: async () => undefined,
    openConsoleWindow: (url, target) => void consoleWindows.push({ url, role: target.role }),
    copyPassword: () => void (passwordsCopied += 1),
    log
  })
  dispatcher = createDispatcher({
    handlers: createHandlers(services),
    trustedOrigins: [APP_ORIGIN],
    onInternalError: (channel, error) => log.error(`IPC ${channel} failed`, error)
  })
}, 120_000)

afterAll(async () => {
  await closeApp()
  if (keytar) for (const { account } of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, account)
  bundle?.remove()
  rmSync(root, { recursive: true, force: true })
})

describe('secrets at rest after the full practice journey', () => {
  it('walks the journey: root MFA, connect, status, plan, apply, MFA for every user, profiles, the CLI, and the bootstrap key deleted', async () => {
    await call('journey.update', { account: 'practice' })
    await step('welcome', 'root')

    // Secure the root user, rehearsed on the practice account.
    const rootEnrollment = await call('mfa.practiceRootEnroll', {})
    const rootSeed = (await call('mfa.showSecret', { enrollmentId: rootEnrollment.enrollmentId })).secretGrouped.replace(/ /g, '')
    ledger.add('MFA seed', rootSeed)
    expect(await call('mfa.practiceRootConfirm', { enrollmentId: rootEnrollment.enrollmentId, ...(await twoCodes(rootSeed)) })).toMatchObject({
      result: 'enabled'
    })
    expect(await call('mfa.rootCheck', { account: 'practice' })).toMatchObject({ accountMfaEnabled: true })
    await step('root', 'connect')

    expect(await call('connect.practice', {})).toMatchObject({ isRoot: true, practice: true })
    await step('connect', 'status')

    const checks = await call('audit.scan', {})
    expect(checks.find((check) => check.id === 'password-policy')?.status).toBe('fail')
    expect(await call('audit.fix', { fixId: 'set-password-policy' })).toMatchObject({ status: 'pass' })
    await step('status', 'plan')

    // dev's API calls do not require MFA here, so its console opens with one click (federation).
    const roles = (await call('setup.defaults', {})).map((role) => (role.role === 'dev' ? { ...role, requireMfaForApi: false } : role))
    expect((await call('setup.plan', { roles })).conflicts).toEqual([])
    await step('plan', 'apply')
    const applied = await call('setup.apply', { roles })
    expect(applied.summary).toMatchObject({ outcome: 'done', failures: [] })
    await step('apply', 'mfa')

    for (const role of ['billing', 'dev', 'ops'] as const) {
      const enrollment = await call('mfa.enroll', { role })
      seeds[role] = (await call('mfa.showSecret', { enrollmentId: enrollment.enrollmentId })).secretGrouped.replace(/ /g, '')
      ledger.add('MFA seed', seeds[role])
      expect(await call('mfa.confirm', { enrollmentId: enrollment.enrollmentId, ...(await twoCodes(seeds[role]!)) })).toMatchObject({
        result: 'enabled',
        vaultSaved: true
      })
    }
    await step('mfa', 'billing')
    await step('billing', 'profiles')

    const written = await call('profiles.writeConfig', {})
    expect(written).toMatchObject({ written: true, backup: expect.any(String) })
    expect((await call('profiles.switch', { role: 'ops' })).activeRole).toBe('ops')
    for (const role of ['dev', 'ops'] as const) await call('profiles.refreshSession', { role, code: nextCode(seeds[role]!) })
    expect(await call('profiles.openConsole', { role: 'dev' })).toMatchObject({ kind: 'federated' })
    expect(await call('profiles.openConsole', { role: 'ops' })).toMatchObject({ kind: 'sign-in-page', passwordCopied: true })
    expect(await call('profiles.openConsole', { role: 'billing' })).toMatchObject({ kind: 'sign-in-page', passwordCopied: true })
    // Every role gets its own window: dev's signed in by a federation link, the others on the sign-in page.
    expect(consoleWindows.map((window) => window.role)).toEqual(['dev', 'ops', 'billing'])
    expect(passwordsCopied).toBe(2)
    const signinTokens = consoleWindows.map((window) => new URL(window.url).searchParams.get('SigninToken'))
    expect(signinTokens.map((token) => token !== null)).toEqual([true, false, false])
    for (const token of signinTokens) ledger.add('sign-in token', token)

    // The AWS CLI's side: `cairn` processes with the same home, data folder and keychain.
    const session = await cairn(['session', 'ops', '--code', nextCode(seeds['ops']!)])
    expect(session.code, session.stderr).toBe(0)
    for (const target of ['ops', 'dev', '--active']) {
      const run = await cairn(['credential-process', target], true)
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toBe('')
    }
    for (const { account, password } of await keytar.findCredentials(vaultService)) guideSessions.set(account.split('/')[1]!, password)
    for (const args of [
      ['roles', '--json'],
      ['doctor', '--json'],
      ['switch', 'dev']
    ])
      await cairn(args)

    expect(await call('setup.deleteBootstrapKey', { confirm: true })).toMatchObject({ accountAccessKeysPresent: 0 })
    expect(await call('journey.update', { done: 'profiles' })).toMatchObject({ account: 'practice', current: 'profiles' })

    // Another day: a fresh status check needs a new root key, made through the practice root
    // console (signed in with root's password), deleted again; dev's console opened again.
    expect(await call('connect.practice', {})).toMatchObject({ isRoot: true })
    expect((await call('audit.scan', {})).find((check) => check.id === 'root-mfa')?.status).toBe('pass')
    expect(await call('setup.deleteBootstrapKey', { confirm: true })).toMatchObject({ accountAccessKeysPresent: 0 })
    expect(await call('profiles.openConsole', { role: 'dev' })).toMatchObject({ kind: 'federated' })
    ledger.add('sign-in token', new URL(consoleWindows.at(-1)!.url).searchParams.get('SigninToken'))

    // The same account moves to the roles layout: one sign-in user beside the guide's three,
    // its MFA device, one code for the day, every role's session and console, the CLI as dev.
    expect(await call('connect.practice', {})).toMatchObject({ isRoot: true })
    const rolesLayout = await call('setup.rolesLayoutDefaults', {})
    const moving = await call('setup.plan', { layout: 'roles', ...rolesLayout })
    expect(moving.conflicts.map((c) => c.kind)).toEqual(['moving-from-users'])
    expect((await call('setup.apply', { layout: 'roles', ...rolesLayout })).summary).toMatchObject({ outcome: 'done', failures: [] })
    const signInEnrollment = await call('mfa.enroll', { role: 'sign-in' })
    seeds['sign-in'] = (await call('mfa.showSecret', { enrollmentId: signInEnrollment.enrollmentId })).secretGrouped.replace(/ /g, '')
    ledger.add('MFA seed', seeds['sign-in'])
    expect(await call('mfa.confirm', { enrollmentId: signInEnrollment.enrollmentId, ...(await twoCodes(seeds['sign-in']!)) })).toMatchObject({
      result: 'enabled',
      vaultSaved: true
    })
    expect((await call('profiles.signIn', { code: nextCode(seeds['sign-in']!) })).roles.map((r) => r.role)).toEqual(['billing', 'dev', 'ops'])
    for (const role of ['billing', 'dev', 'ops'] as const) {
      expect(await call('profiles.openConsole', { role })).toMatchObject({ kind: 'federated' })
      ledger.add('sign-in token', new URL(consoleWindows.at(-1)!.url).searchParams.get('SigninToken'))
    }
    expect(await call('profiles.writeConfig', {})).toMatchObject({ profiles: expect.arrayContaining(['cairn-dev']) })
    const asRole = await cairn(['credential-process', 'dev'], true)
    expect(asRole.code, asRole.stderr).toBe(0)
    rolesLayoutSession = (JSON.parse(asRole.stdout) as { SessionToken: string }).SessionToken
    const listed = await cairn(['roles'])
    expect(listed.stdout).toMatch(/[Ss]igned in as me/)
    expect(await call('setup.deleteBootstrapKey', { confirm: true })).toMatchObject({ accountAccessKeysPresent: 0 })
  }, 240_000)

  it('gives the AWS CLI exactly the cached session on credential_process stdout, and no other secret', async () => {
    const held = guideSessions
    const sessionOf = (role: string) => (JSON.parse(held.get(role)!) as { session: { secretAccessKey: string; sessionToken: string } }).session
    const byTarget = { ops: 'ops', dev: 'dev', '--active': 'ops' } as const
    for (const [target, role] of Object.entries(byTarget)) {
      const run = cliRuns.find((entry) => entry.name === `cairn credential-process ${target}`)!
      const printed = JSON.parse(run.run.stdout) as { SecretAccessKey: string; SessionToken: string }
      expect(printed.SecretAccessKey).toBe(sessionOf(role).secretAccessKey)
      expect(printed.SessionToken).toBe(sessionOf(role).sessionToken)
      const others = ledger.values().filter((secret) => secret !== printed.SecretAccessKey && secret !== printed.SessionToken)
      for (const secret of others) expect(run.run.stdout.includes(secret), `credential-process ${target} printed another secret`).toBe(false)
    }
    // In the roles layout: dev's role session, an AssumeRole session of the practice account, and it only.
    const devNow = (await keytar.findCredentials(vaultService)).find(({ account }) => account.endsWith('/dev'))!
    expect((JSON.parse(devNow.password) as { session: { sessionToken: string } }).session.sessionToken).toBe(rolesLayoutSession)
    expect(Object.values(server.state.sessions).find((session) => session.sessionToken === rolesLayoutSession)).toMatchObject({ kind: 'role', roleName: 'dev' })
    const last = cliRuns.filter((entry) => entry.name === 'cairn credential-process dev').at(-1)!
    const printed = JSON.parse(last.run.stdout) as { SecretAccessKey: string; SessionToken: string }
    expect(printed.SessionToken).toBe(rolesLayoutSession)
    const others = ledger.values().filter((secret) => secret !== printed.SecretAccessKey && secret !== printed.SessionToken)
    expect(others.filter((secret) => last.run.stdout.includes(secret))).toEqual([])
  })

  it('finds no secret of the run in the home folder, the AWS config and its backup, the data folder, the log, CLI output or test artefacts', async () => {
    const keychain = await harvestKeychain(keytar, vaultService, ledger)
    await closeApp()
    harvestPracticeState(JSON.parse(readFileSync(practiceStateFile, 'utf8')) as PracticeState, ledger)

    const needles = ledger.needles()
    const streams = cliRuns.flatMap(({ name, run, stdoutCarriesSession }) => [
      ...(stdoutCarriesSession ? [] : [{ name: `${name} (stdout)`, text: run.stdout }]),
      { name: `${name} (stderr)`, text: run.stderr }
    ])
    report = scanForSecrets({ paths: [home, dataDir, testArtifacts], exclude: practiceStateFiles, streams }, needles)

    const counts = ledger.countByKind()
    const inHome = report.scannedFiles.filter((file) => file.startsWith(home))
    const inData = report.scannedFiles.filter((file) => file.startsWith(dataDir))
    console.log(
      [
        'secrets at rest:',
        `  secrets scanned for: ${ledger.size} (${Object.entries(counts)
          .map(([kind, count]) => `${kind} ${count}`)
          .join(', ')})`,
        `  patterns (secret x encoding): ${needles.length}`,
        `  keychain: ${keychain.entries} entries, ${keychain.fields} secret fields`,
        `  files scanned: ${report.files} (home ${inHome.length}, data ${inData.length}, .test-artifacts ${report.files - inHome.length - inData.length}); CLI outputs: ${report.streams}; bytes: ${report.bytes}`,
        `  files: ${[...inHome, ...inData].map((file) => path.relative(root, file)).join(', ')}`,
        `  left out: ${practiceStateFiles.map((file) => path.relative(root, file)).join(' and ')} (the practice account's own state), credential-process stdout x4 (the session it hands the AWS CLI)`,
        `  hits: ${report.hits.length}`
      ].join('\n')
    )
    expect(report.hits).toEqual([])

    // What was scanned is what the run wrote: the config, its backup, the journal, the registry, the log.
    const names = report.scannedFiles.map((file) => path.basename(file))
    expect(names).toContain('config')
    expect(names.some((name) => name.startsWith('config.') && name !== 'config')).toBe(true)
    expect(names).toContain('journey.json')
    expect(names).toContain('cairn.log')
    expect(inData.length).toBeGreaterThanOrEqual(4)
    expect(readFileSync(logFile, 'utf8').split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(4)
    expect(readFileSync(configFile, 'utf8')).toContain('credential_process')
    expect(report.streams).toBeGreaterThanOrEqual(10)

    // The run produced many secrets of every kind, and they were all found where they should be.
    expect(counts).toMatchObject({ 'practice root password': 1, 'sign-in token': 5 })
    expect(counts['access key secret']).toBeGreaterThanOrEqual(4) // root's two bootstrap keys, dev's, ops's
    expect(counts['console password']).toBe(4) // billing, dev, ops and the roles layout's sign-in
    expect(counts['MFA seed']).toBe(5)
    expect(counts['session secret']).toBeGreaterThanOrEqual(5)
    expect(counts['session token']).toBeGreaterThanOrEqual(5)
    expect(ledger.size).toBeGreaterThanOrEqual(24)
    expect(keychain.fields).toBeGreaterThanOrEqual(3 + 2 + 2 * 2)
    // No secret ever went back to the renderer either.
    const everyAnswer = answers.join('\n')
    for (const secret of ledger.values()) expect(everyAnswer.includes(secret)).toBe(false)
  })

  it('can fail: the same scan finds a secret planted in a scanned file, in any encoding, and finds the secrets in the left-out practice state', () => {
    const needles = ledger.needles()
    const [token, password] = [ledger.values().find((value) => value.startsWith('IQoJ'))!, ledger.values().find((value) => /[!@#$%^&*]/.test(value))!]
    expect(token).toBeDefined()
    expect(password).toBeDefined()
    const planted = path.join(dataDir, 'planted.json')
    const elsewhere = path.join(home, '.aws', 'cli', 'cache', 'planted.txt')
    mkdirSync(path.dirname(elsewhere), { recursive: true })
    writeFileSync(planted, JSON.stringify({ note: 'x' + Buffer.from(`{"t":"${token}"}`).toString('base64') }))
    writeFileSync(elsewhere, `url=https://example.com/?p=${encodeURIComponent(password)}&z=1`)
    try {
      const again = scanForSecrets({ paths: [home, dataDir], exclude: practiceStateFiles }, needles)
      expect(new Set(again.hits.map((hit) => hit.source))).toEqual(new Set([planted, elsewhere]))
      expect(again.hits.some((hit) => hit.kind === 'session token' && hit.encoding.startsWith('base64'))).toBe(true)
      expect(again.hits.some((hit) => hit.kind === 'console password' && hit.encoding === 'percent-encoded')).toBe(true)
    } finally {
      rmSync(planted)
      rmSync(elsewhere)
    }
    // The app's logger, handed every secret of the run in an error, writes none of them.
    const kindOf = new Map(ledger.needles().map((needle) => [needle.bytes.toString(), needle.kind]))
    for (const secret of ledger.values()) {
      const shapeless = kindOf.get(secret) === 'console password' || kindOf.get(secret) === 'practice root password'
      log.error(
        'request failed',
        new Error(shapeless ? `CreateLoginProfile refused Password=${secret}` : `refused ${secret}`, { cause: { message: JSON.stringify({ secret }) } })
      )
    }
    expect(scanForSecrets({ paths: [logFile] }, needles).hits).toEqual([])

    // The practice account's state really holds the run's secrets; the scan sees them there.
    const state = scanForSecrets({ paths: practiceStateFiles }, needles)
    expect(new Set(state.hits.map((hit) => hit.kind))).toEqual(
      new Set(['access key secret', 'console password', 'practice root password', 'MFA seed', 'session secret', 'session token'])
    )
    expect(existsSync(practiceStateFile)).toBe(true)
  })
})
