import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildCliBundle } from '../cli-bundle'
import { mulberry32 } from '../../../src/practice'
import { readJournal } from '../../../src/main/setup/apply/journal'
import { journalPath } from '../../../src/main/setup/setup-service'
import { defaultShape } from '../../main/setup/apply/default-shape'
import { accountShape } from '../../main/setup/apply/practice-setup'
import { setupCli, type SetupCli } from './setup-cli'

let cli: SetupCli | undefined
afterEach(async () => {
  await cli?.close()
  cli = undefined
})

/** Each access key in the account has its secret in the keychain, and each password matches. */
async function keychainMatchesAccount(c: SetupCli): Promise<boolean> {
  for (const user of Object.values(c.server.state.users)) {
    const secrets = await c.vault.get({ accountId: c.server.accountId, role: user.userName })
    if (user.loginProfile?.password !== secrets?.consolePassword) return false
    if (user.accessKeys.some((k) => k.secretAccessKey !== secrets?.accessKey?.secretAccessKey)) return false
  }
  return true
}

describe('cairn apply (in process)', () => {
  it('refuses to run unasked off a terminal, with exit 2', async () => {
    cli = await setupCli()
    const { code, stderr } = await cli.run(['apply'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/pass --yes/)
    expect(cli.server.state.users).toEqual({})
  })

  it('prints one JSON summary with --json, progress on stderr, and exits 0', async () => {
    cli = await setupCli()
    const { code, stdout, stderr } = await cli.run(['apply', '--yes', '--json'])
    expect(code).toBe(0)
    const summary = JSON.parse(stdout) as { accountId: string; outcome: string; counts: { created: number } }
    expect(summary).toMatchObject({ accountId: cli.server.accountId, outcome: 'done', counts: { created: 17, deferred: 2 } })
    expect(stderr).toMatch(/done {6}user:dev {2}Created user dev\./)
    expect(accountShape(cli.server)).toEqual(defaultShape)
    expect(await keychainMatchesAccount(cli)).toBe(true)
  })

  it('prints progress lines and a summary in words, and a second apply creates nothing', async () => {
    cli = await setupCli()
    const first = await cli.run(['apply', '--yes'])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/running {3}access-key:dev/)
    expect(first.stdout).toMatch(/Done: 17 created, 0 already there, 0 failed, 0 not run, 2 waiting for MFA\./)
    const second = await cli.run(['apply', '--yes'])
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/Done: 0 created, 17 already there/)
  })

  it('sets up the roles layout with --layout roles --sign-in, and refuses --sign-in without it', async () => {
    cli = await setupCli()
    const bad = await cli.run(['plan', '--sign-in', 'me'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/add --layout roles/)
    const planned = await cli.run(['plan', '--layout', 'roles', '--sign-in', 'ana'])
    expect(planned.code).toBe(0)
    expect(planned.stdout).toMatch(/create {3}role:dev/)
    expect(planned.stdout).toMatch(/12 to create, 0 to update, 0 already there, 0 in conflict\./)
    expect(cli.server.state.roles).toEqual({})

    const applied = await cli.run(['apply', '--layout', 'roles', '--sign-in', 'ana', '--yes'])
    expect(applied.code).toBe(0)
    expect(applied.stdout).toMatch(/Done: 12 created, 0 already there, 0 failed, 0 not run, 0 waiting for MFA\./)
    expect(Object.keys(cli.server.state.users)).toEqual(['ana'])
    expect(Object.keys(cli.server.state.roles).sort()).toEqual(['billing', 'dev', 'ops'])
    const secrets = await cli.vault.get({ accountId: cli.server.accountId, role: 'sign-in' })
    expect(secrets?.accessKey?.secretAccessKey).toBe(cli.server.state.users['ana']?.accessKeys[0]?.secretAccessKey)
  })

  it('makes the applied roles the ones cairn roles and cairn switch know', async () => {
    cli = await setupCli()
    expect((await cli.run(['apply', '--yes'])).code).toBe(0)
    const { code, stdout } = await cli.run(['roles', '--json'])
    expect(code).toBe(0)
    const listed = JSON.parse(stdout) as { roles: Array<{ role: string; hasAccessKey: boolean }> }
    expect(listed.roles.map((r) => [r.role, r.hasAccessKey])).toEqual([
      ['billing', false],
      ['dev', true],
      ['ops', true]
    ])
  })

  it('exits 1 naming AWS’s code when a step fails', async () => {
    cli = await setupCli()
    // A bootstrap user that may read IAM but not change it: connect passes, every create is refused.
    const iam = new IAMClient({ endpoint: cli.server.endpoint, region: 'us-east-1', credentials: { ...cli.server.rootCredentials! } })
    await iam.send(new CreateUserCommand({ UserName: 'reader' }))
    await iam.send(new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }))
    const { code, stdout } = await cli.run(['apply', '--yes'], {
      AWS_ACCESS_KEY_ID: AccessKey!.AccessKeyId!,
      AWS_SECRET_ACCESS_KEY: AccessKey!.SecretAccessKey!
    })
    expect(code).toBe(1)
    expect(stdout).toMatch(/group:Finance \(AccessDenied\): The bootstrap credentials may not call CreateGroup/)
  })

  it('exits 2 for an unknown role and for malformed credentials', async () => {
    cli = await setupCli()
    expect((await cli.run(['apply', '--yes', '--roles', 'everyone'])).code).toBe(2)
    const malformed = await cli.run(['apply', '--yes'], { AWS_ACCESS_KEY_ID: 'AKIA-nope' })
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toMatch(/accessKeyId: An access key ID is 20 characters/)
  })
})

describe('cairn apply (as a process), killed at a random step', () => {
  let bundle: string
  let removeBundle = () => undefined as void
  beforeAll(async () => {
    const built = await buildCliBundle()
    bundle = built.file
    removeBundle = built.remove
  })
  afterAll(() => removeBundle())

  for (const seed of [21, 22, 23]) {
    it(`resumes to a clean run’s account and keychain, under throttling, server errors and lag (seed ${seed})`, async () => {
      cli = await setupCli({ faults: { seed, throttleRate: 0.2, serverErrorRate: 0.1, consistencyDelayMs: 300 } })
      // Steps reach "running" or "done" about 35 times in a run; kill after one of them.
      const killAfter = 1 + Math.floor(mulberry32(seed)() * 30)
      const child = spawn(process.execPath, [bundle, 'apply', '--yes', '--json'], { env: { ...process.env, ...cli.env, NODE_PATH: resolve('node_modules') } })
      let seen = 0
      let stderr = ''
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })))
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        seen = (stderr.match(/^ {2}(running|done) /gm) ?? []).length
        if (seen >= killAfter) child.kill('SIGKILL')
      })
      const { signal } = await exited
      expect(signal ?? `exited by itself after ${seen} steps: ${stderr}`).toBe('SIGKILL')
      const journal = await readJournal(journalPath(cli.dataDir, cli.server.accountId))
      if (journal) expect(journal.state).toBe('running')

      const resumed = await cli.run(['apply', '--yes', '--json'])
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0)
      expect(JSON.parse(resumed.stdout)).toMatchObject({ outcome: 'done', failures: [] })
      expect(accountShape(cli.server)).toEqual(defaultShape)
      expect(await keychainMatchesAccount(cli)).toBe(true)
      // A kill during a key's creation makes the resumed apply wait out AWS's 15 s key lag.
    }, 90_000)
  }
})
