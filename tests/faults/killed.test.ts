import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path, { join } from 'node:path'
import { tmpdir } from 'node:os'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyCairnProfiles } from '../../src/main/profiles/cairn-sections'
import { writeConfigFile } from '../../src/main/profiles/config-file-writer'
import { parseIni } from '../../src/main/profiles/ini-document'
import { startPracticeServer, type PracticeServer } from '../../src/practice'
import { readJournal } from '../../src/main/setup/apply/journal'
import { defaultRoles } from '../../src/main/setup/roles'
import { createConnectService } from '../../src/main/connect/connect-service'
import { createSetupService, journalPath } from '../../src/main/setup/setup-service'
import { keytarSecretStore, loadSearchableKeytar, type KeytarWithSearch, type SecretStore } from '../../src/main/vault/secret-store'
import { buildCliBundle } from '../cli/cli-bundle'
import { loopProfiles } from '../fixtures/faults/loop-profiles'
import { repoRoot } from '../support/build'
import { lostSecrets, setupProblems, signInHolder } from './support/account-check'

/**
 * Fault family 4: Cairn killed (SIGKILL, no chance to clean up) in the middle of an apply and
 * in the middle of writing the AWS config file. The apply runs as the real `cairn apply` in a
 * process of its own against the practice account; after the kill a new service (as after a
 * restart) must find the run resumable and converge. The config writes run in a loop in a
 * child; after each kill the file must be exactly one complete version.
 */

const roles = defaultRoles({ includeAdmin: false })
let cli: Awaited<ReturnType<typeof buildCliBundle>>
let keytar: KeytarWithSearch
let faultsInjected = 0
const scratch = mkdtempSync(join(tmpdir(), 'cairn-fault-killed-'))

beforeAll(async () => {
  ;[cli, keytar] = await Promise.all([buildCliBundle(), loadSearchableKeytar()])
}, 120_000)
afterAll(() => {
  cli?.remove()
  rmSync(scratch, { recursive: true, force: true })
  console.log(`kill faults injected: ${faultsInjected}`)
})

const keyringEnv = () =>
  Object.fromEntries(
    ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME', 'PATH'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : []))
  )

/** Resolves once `pattern` shows in the child's stream, or with null when the child exits first. */
function waitForLine(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<string | null> {
  return new Promise((resolve) => {
    let text = ''
    child[stream]!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = text.split('\n').find((line) => pattern.test(line))
      if (match) resolve(match)
    })
    child.once('exit', () => resolve(null))
  })
}

/** `cairn apply --yes --json` as its own process against the practice account, as root, in its own data folder and keychain service. */
function spawnApply(server: PracticeServer, dataDir: string, service: string, args: string[]): ChildProcess {
  const env = {
    ...keyringEnv(),
    AWS_ACCESS_KEY_ID: server.rootCredentials!.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.rootCredentials!.secretAccessKey,
    AWS_ENDPOINT_URL: server.endpoint,
    CAIRN_DATA_DIR: dataDir,
    CAIRN_VAULT_SERVICE: service,
    HOME: dataDir,
    AWS_CONFIG_FILE: join(dataDir, 'aws-config')
  }
  return spawn(process.execPath, [cli.file, 'apply', ...args, '--yes', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** The setup service a restarted app would have: a new connection, the same data folder and keychain. */
async function restartedSetup(server: PracticeServer, dataDir: string, store: SecretStore) {
  const connect = createConnectService()
  await connect.withKeys({ ...server.rootCredentials!, endpoint: server.endpoint })
  return createSetupService({
    connection: connect.connection,
    dataDir,
    vault: async () => store,
    tuning: { newKeyVisibleAfterMs: 0, retry: { baseDelayMs: 10, maxDelayMs: 100 } }
  })
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))

describe('the app killed during an apply', () => {
  // Where the kill lands: each is the first progress line of that kind the child prints.
  const killPoints: Record<string, RegExp> = {
    'while users are being made': /^\s*running\s+user:/,
    'right after a console password is set': /^\s*done\s+login-profile:/,
    'while CreateAccessKey is in flight': /^\s*running\s+access-key:/,
    'right after an access key is stored': /^\s*done\s+access-key:/
  }
  let server: PracticeServer
  beforeAll(async () => {
    server = await startPracticeServer({ onUnexpectedError: (error) => console.error(error) })
  })
  afterAll(async () => {
    await server.close()
  })

  for (const [where, pattern] of Object.entries(killPoints)) {
    it(`${where}: the journal says resumable, and a restart converges with no duplicate and every secret in the keychain`, async () => {
      // A fresh account each time: the kill must find the apply in its first run.
      await server.close()
      // Every call takes a while, so the kill lands mid-run rather than after it.
      server = await startPracticeServer({ faults: { latencyMs: 40 }, onUnexpectedError: (error) => console.error(error) })
      const dataDir = mkdtempSync(join(scratch, 'apply-'))
      const service = `Cairn fault test ${randomUUID()}`
      const store = keytarSecretStore(keytar, { service })
      try {
        const child = spawnApply(server, dataDir, service, [])
        const line = await waitForLine(child, 'stderr', pattern)
        expect(line, 'the apply finished before the kill point').not.toBeNull()
        child.kill('SIGKILL')
        await exited(child)
        faultsInjected++
        expect(child.signalCode).toBe('SIGKILL')

        const journal = await readJournal(journalPath(dataDir, server.accountId))
        expect(journal?.state).toBe('running')
        expect(journal?.pid).toBe(child.pid)
        // The one gap a kill may leave: a key AWS made whose secret never reached the keychain. The resume closes it.
        const lost = await lostSecrets(server, server.accountId, store, roles)
        expect(lost.filter((problem) => !/access key \S+ has no secret/.test(problem))).toEqual([])

        const restarted = await restartedSetup(server, dataDir, store)
        expect(await restarted.lastRun()).toMatchObject({ runId: journal!.runId, state: 'running', canResume: true })
        const { summary } = await restarted.resume({})
        expect(summary.failures).toEqual([])
        expect(summary).toMatchObject({ outcome: 'done', resumed: true, runId: journal!.runId })
        expect(await setupProblems(server, server.accountId, store, roles)).toEqual([])
        expect(Object.keys(server.state.groups).sort()).toEqual(['developers', 'finance', 'operations'])
        expect((await readJournal(journalPath(dataDir, server.accountId)))?.state).toBe('finished')
        // Applying once more changes nothing.
        expect((await restarted.apply({ roles })).summary.counts).toMatchObject({ created: 0, failed: 0 })
        expect(await setupProblems(server, server.accountId, store, roles)).toEqual([])
        // No journal temp file of the killed process is left where it could be taken for the journal.
        expect(readdirSync(join(dataDir, 'setup')).filter((name) => name.endsWith('.json'))).toEqual([`${server.accountId}.journal.json`])
      } finally {
        for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
      }
    }, 120_000)
  }
})

describe('the app killed during a roles-layout apply', () => {
  const killPoints: Record<string, RegExp> = {
    'while the roles are being made': /^\s*running\s+role:/,
    'while the sign-in user’s CreateAccessKey is in flight': /^\s*running\s+access-key:me/
  }
  const holders = [signInHolder('me')]
  let server: PracticeServer | undefined
  afterAll(async () => {
    await server?.close()
  })

  for (const [where, pattern] of Object.entries(killPoints)) {
    it(`${where}: a restart resumes the same layout and converges, the sign-in's secrets in the keychain`, async () => {
      await server?.close()
      server = await startPracticeServer({ faults: { latencyMs: 40 }, onUnexpectedError: (error) => console.error(error) })
      const dataDir = mkdtempSync(join(scratch, 'roles-'))
      const service = `Cairn fault test ${randomUUID()}`
      const store = keytarSecretStore(keytar, { service })
      try {
        const child = spawnApply(server, dataDir, service, ['--layout', 'roles'])
        const line = await waitForLine(child, 'stderr', pattern)
        expect(line, 'the apply finished before the kill point').not.toBeNull()
        child.kill('SIGKILL')
        await exited(child)
        faultsInjected++

        const journal = await readJournal(journalPath(dataDir, server.accountId))
        expect(journal).toMatchObject({ state: 'running', layout: 'roles', signIn: { userName: 'me' } })
        const lost = await lostSecrets(server, server.accountId, store, holders)
        expect(lost.filter((problem) => !/access key \S+ has no secret/.test(problem))).toEqual([])

        const restarted = await restartedSetup(server, dataDir, store)
        expect(await restarted.lastRun()).toMatchObject({ runId: journal!.runId, layout: 'roles', canResume: true })
        const { summary } = await restarted.resume({})
        expect(summary.failures).toEqual([])
        expect(summary).toMatchObject({ outcome: 'done', resumed: true, runId: journal!.runId })
        expect(await setupProblems(server, server.accountId, store, holders)).toEqual([])
        expect(Object.keys(server.state.roles).sort()).toEqual(['billing', 'dev', 'ops'])
        for (const role of Object.values(server.state.roles)) expect(role.attachedPolicyArns.length).toBe(1)
        expect(Object.keys(server.state.groups)).toEqual(['people'])
      } finally {
        for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
      }
    }, 120_000)
  }
})

describe('the app killed while it writes the AWS config file', () => {
  let loop: string
  beforeAll(async () => {
    const folder = path.join(repoRoot, 'node_modules', '.cache', 'cairn-fault-tests', randomUUID())
    mkdirSync(folder, { recursive: true })
    loop = path.join(folder, 'config-write-loop.cjs')
    await build({
      entryPoints: [path.join(repoRoot, 'tests/fixtures/faults/config-write-loop.ts')],
      outfile: loop,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      packages: 'external',
      logLevel: 'silent'
    })
    return () => rmSync(folder, { recursive: true, force: true })
  }, 60_000)

  it('leaves, after each of 12 kills, exactly one whole version of the file, and the next writer carries on', async () => {
    const dir = mkdtempSync(join(scratch, 'config-'))
    const config = join(dir, 'config')
    const users = '# my settings\n[default]\nregion = eu-north-1\n\n[profile mine]\r\noutput = json\r\n'
    writeFileSync(config, users, { mode: 0o600 })
    const version = (generation: number) => {
      const result = applyCairnProfiles(users, loopProfiles(generation))
      if (!result.ok) throw new Error('conflict')
      return result.text
    }
    let generation = 0
    const kills = 12
    for (let round = 0; round < kills; round++) {
      const child = spawn(process.execPath, [loop], {
        env: { ...keyringEnv(), AWS_CONFIG_FILE: config, FIRST_GENERATION: String(generation) },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let acknowledged = generation - 1
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => {
        const numbers = chunk.toString().split('\n').filter(Boolean).map(Number)
        acknowledged = Math.max(acknowledged, ...numbers)
      })
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      // Let it write for a varying while (it must have written once), then kill it without warning.
      expect(await waitForLine(child, 'stdout', /^\d+$/), stderr).not.toBeNull()
      await new Promise((resolve) => setTimeout(resolve, 5 + ((round * 37) % 120)))
      child.kill('SIGKILL')
      await exited(child)
      faultsInjected++
      expect(child.signalCode, stderr).toBe('SIGKILL')

      const text = readFileSync(config, 'utf8')
      // The last acknowledged write, or the one after it that was renamed into place before its ack was printed.
      const candidates = [acknowledged, acknowledged + 1]
      const which = candidates.find((n) => version(n) === text)
      expect(which, `after kill ${round + 1} the file is no whole version (acknowledged ${acknowledged})`).toBeDefined()
      expect(parseIni(text).problems).toEqual([])
      expect(text.startsWith(users)).toBe(true)
      expect(statSync(config).mode & 0o777).toBe(0o600)
      generation = which! + 1
    }
    // Backups: one, of the user's file as it was, 0600.
    const backups = readdirSync(dir).filter((name) => name.includes('.cairn-backup-'))
    expect(backups).toHaveLength(1)
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(users)
    expect(statSync(join(dir, backups[0]!)).mode & 0o777).toBe(0o600)
    // Whatever temp files the kills stranded (the last kill's too), the next writer clears away.
    const before = readFileSync(config, 'utf8')
    await writeConfigFile(config, version(generation), { expectedOriginal: before })
    expect(readFileSync(config, 'utf8')).toBe(version(generation))
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
    console.log(`config writes: ${kills} kills, ${generation} generations written`)
  }, 120_000)
})
