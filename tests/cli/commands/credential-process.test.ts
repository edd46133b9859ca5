import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliBundle, runCli } from '../cli-bundle'
import { practiceRoles, type PracticeRoles } from '../../main/profiles/practice-roles'

/**
 * `cairn credential-process` as the AWS CLI runs it: the built bundle in a process of its own,
 * the real keychain, the practice account behind a request-counting proxy.
 */
let account: PracticeRoles
let bundle: Awaited<ReturnType<typeof buildCliBundle>>
const scratch = mkdtempSync(join(tmpdir(), 'cairn-credential-process-'))
// Loaded with -r: writes every module the process loaded when it exits.
const recorder = join(scratch, 'record-modules.cjs')
writeFileSync(recorder, "process.on('exit', () => require('fs').writeFileSync(process.env.CAIRN_TEST_MODULES, JSON.stringify(Object.keys(require.cache))))\n")

beforeAll(async () => {
  ;[account, bundle] = await Promise.all([
    practiceRoles(
      [
        { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', requiresMfa: true, accessKey: true, mfa: true },
        { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true },
        { role: 'billing', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing', consolePassword: true }
      ],
      { label: 'credential-process' }
    ),
    buildCliBundle()
  ])
})
afterAll(async () => {
  await account.close()
  bundle.remove()
  rmSync(scratch, { recursive: true, force: true })
})

const credentialProcess = (target: string, env: Record<string, string> = {}, nodeArgs: string[] = []) =>
  runCli(bundle.file, ['credential-process', target], { ...account.env, ...env }, { nodeArgs })

describe('cairn credential-process (the built bundle)', () => {
  it('prints the cached session as process credentials, with no request to AWS and no AWS SDK or zod loaded', async () => {
    const session = await account.profiles().refreshSession({ role: 'dev', code: account.nextCode('dev') })
    const requests = account.proxy.requests.length
    const modulesFile = join(scratch, 'modules.json')
    const run = await credentialProcess('dev', { CAIRN_TEST_MODULES: modulesFile }, ['-r', recorder])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(printed)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'])
    expect(printed['Version']).toBe(1)
    expect(printed['AccessKeyId']).toMatch(/^ASIA/)
    expect(printed['Expiration']).toBe(new Date(session.expiration).toISOString())
    expect(account.proxy.requests.length).toBe(requests)

    const loaded = JSON.parse(readFileSync(modulesFile, 'utf8')) as string[]
    expect(loaded.some((file) => file.includes('/keytar/'))).toBe(true)
    expect(loaded.filter((file) => /[/\\](@aws-sdk|@smithy|@aws-crypto|zod)[/\\]/.test(file))).toEqual([])
  })

  it('follows the active role with --active', async () => {
    await account.profiles().switchRole('dev')
    const run = await credentialProcess('--active')
    expect(run.code).toBe(0)
    const held = await account.store.get({ accountId: account.accountId, role: 'dev' })
    expect((JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId).toBe(held?.session?.accessKeyId)
  })

  it('exits non-zero with one line telling the user to refresh an MFA role that has no valid session', async () => {
    await account.profiles().sessions.forget({ account: { accountId: account.accountId, sessionSeconds: 43_200 }, role: account.registered[0]! })
    const requests = account.proxy.requests.length
    const run = await credentialProcess('dev')
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1)
    expect(run.stderr).toBe(
      'cairn: The dev role has no session yet, and it needs an MFA code to start one. Refresh it: `cairn session dev` or the Refresh session button in Cairn.\n'
    )
    expect(account.proxy.requests.length).toBe(requests)
  })

  it('starts a session without any prompt for a role that needs no MFA, then reuses it', async () => {
    const requests = account.proxy.requests.length
    const first = await credentialProcess('ops')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(account.proxy.requests.length).toBe(requests + 1)
    const second = await credentialProcess('ops')
    expect(second.stdout).toBe(first.stdout)
    expect(account.proxy.requests.length).toBe(requests + 1)
  })

  it('says a role without an access key cannot be used by the AWS CLI', async () => {
    const run = await credentialProcess('billing')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^cairn: The billing role has no access key, so the AWS CLI and SDKs cannot act as it; .*`cairn console billing`.*\n$/)
  })

  it('names the roles it knows when asked for another, and shows usage without a role', async () => {
    const unknown = await credentialProcess('finance')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toBe(`cairn: There is no finance role in account ${account.accountId}; Cairn knows billing, dev, ops.\n`)
    const usage = await runCli(bundle.file, ['credential-process'], account.env)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('Usage: cairn credential-process ROLE')
  })

  it('gives up on a keychain that never answers, instead of hanging the AWS CLI', async () => {
    // A D-Bus "session bus" that accepts the connection and then says nothing, like a stuck keyring.
    const socket = join(scratch, 'silent-bus')
    const connections: Array<import('node:net').Socket> = []
    const silent: Server = createServer((connection) => void connections.push(connection))
    await new Promise<void>((resolve) => silent.listen(socket, resolve))
    try {
      const started = Date.now()
      const run = await credentialProcess('ops', { DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket}`, CAIRN_KEYCHAIN_TIMEOUT_MS: '1500' })
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^cairn: The keychain did not answer within 2 s; it may be locked\. /)
      expect(Date.now() - started).toBeLessThan(10_000)
    } finally {
      for (const connection of connections) connection.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })
})
