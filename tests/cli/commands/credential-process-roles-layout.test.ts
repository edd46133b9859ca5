import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInId } from '../../../src/shared/domain/words'
import { buildCliBundle, runCli } from '../cli-bundle'
import { practiceRolesLayout, type PracticeRolesLayout } from '../../main/profiles/practice-roles-layout'

/**
 * `cairn credential-process` for a role of the roles layout (an IAM role assumed from the day's
 * sign-in), as the AWS CLI runs it: the built bundle in a process of its own, the real keychain,
 * the practice account behind a request-counting proxy.
 */
let account: PracticeRolesLayout
let bundle: Awaited<ReturnType<typeof buildCliBundle>>
const scratch = mkdtempSync(join(tmpdir(), 'cairn-credential-process-roles-'))
const recorder = join(scratch, 'record-modules.cjs')
writeFileSync(recorder, "process.on('exit', () => require('fs').writeFileSync(process.env.CAIRN_TEST_MODULES, JSON.stringify(Object.keys(require.cache))))\n")

beforeAll(async () => {
  ;[account, bundle] = await Promise.all([practiceRolesLayout({ label: 'credential-process-roles' }), buildCliBundle()])
})
afterAll(async () => {
  await account.close()
  bundle.remove()
  rmSync(scratch, { recursive: true, force: true })
})

const credentialProcess = (target: string, env: Record<string, string> = {}, nodeArgs: string[] = []) =>
  runCli(bundle.file, ['credential-process', target], { ...account.env, ...env }, { nodeArgs })

describe('cairn credential-process in the roles layout (the built bundle)', () => {
  it('before the sign-in for the day: one line saying to run `cairn signin`, exit 1, nothing sent to AWS and no SDK loaded', async () => {
    const requests = account.proxy.requests.length
    const modulesFile = join(scratch, 'modules-signed-out.json')
    const run = await credentialProcess('dev', { CAIRN_TEST_MODULES: modulesFile }, ['-r', recorder])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('cairn: me is not signed in for the day yet. Sign in with an MFA code: `cairn signin` or Sign in in Cairn.\n')
    expect(account.proxy.requests.length).toBe(requests)
    const loaded = JSON.parse(readFileSync(modulesFile, 'utf8')) as string[]
    expect(loaded.filter((file) => /[/\\](@aws-sdk|@smithy|zod)[/\\]/.test(file))).toEqual([])
  })

  it("signed in, with no role session yet: prints a new role session started from the day's session", async () => {
    await account
      .profiles()
      .sessions.signIn(
        { accountId: account.accountId, endpoint: account.proxy.endpoint, sessionSeconds: 43_200, signIn: { userName: 'me' } },
        { code: account.nextCode() }
      )
    expect(await account.store.get({ accountId: account.accountId, role: 'dev' })).toBeNull()
    const assumed = account.issued({ role: 'dev' })
    const run = await credentialProcess('dev')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.stdout) as Record<string, string>
    expect(account.issued({ role: 'dev' })).toBe(assumed + 1)
    expect(account.server.state.sessions[printed['AccessKeyId']!]).toMatchObject({
      kind: 'role',
      roleName: 'dev',
      roleSessionName: 'me',
      mfaAuthenticated: true
    })
    expect((await account.store.get({ accountId: account.accountId, role: 'dev' }))?.session?.accessKeyId).toBe(printed['AccessKeyId'])
  })

  it('prints the cached role session with no request to AWS and no AWS SDK or zod loaded', async () => {
    const cached = (await account.store.get({ accountId: account.accountId, role: 'dev' }))!.session!
    const requests = account.proxy.requests.length
    const modulesFile = join(scratch, 'modules.json')
    const run = await credentialProcess('dev', { CAIRN_TEST_MODULES: modulesFile }, ['-r', recorder])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.stdout) as Record<string, unknown>
    expect(printed).toEqual({
      Version: 1,
      AccessKeyId: cached.accessKeyId,
      SecretAccessKey: cached.secretAccessKey,
      SessionToken: cached.sessionToken,
      Expiration: new Date(cached.expiration).toISOString()
    })
    expect(account.proxy.requests.length).toBe(requests)
    const loaded = JSON.parse(readFileSync(modulesFile, 'utf8')) as string[]
    expect(loaded.some((file) => file.includes('/keytar/'))).toBe(true)
    expect(loaded.filter((file) => /[/\\](@aws-sdk|@smithy|@aws-crypto|zod)[/\\]/.test(file))).toEqual([])
  })

  it('follows the active role (--active) in the roles layout', async () => {
    const run = await credentialProcess('--active')
    expect(run.code).toBe(0)
    expect((JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId).toBe(
      (await account.store.get({ accountId: account.accountId, role: 'dev' }))!.session!.accessKeyId
    )
  })

  it('makes one AssumeRole for 10 AWS CLI calls at once, each its own process', async () => {
    await account.store.update({ accountId: account.accountId, role: 'billing' }, () => ({}))
    const assumed = account.issued({ role: 'billing' })
    const runs = await Promise.all(Array.from({ length: 10 }, () => credentialProcess('billing')))
    expect(runs.map((run) => run.code)).toEqual(Array(10).fill(0))
    expect(new Set(runs.map((run) => (JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId)).size).toBe(1)
    expect(account.issued({ role: 'billing' })).toBe(assumed + 1)
  })

  it("once the day's session is over: one line saying to run `cairn signin`, exit 1", async () => {
    const key = { accountId: account.accountId, role: signInId }
    const day = (await account.store.get(key))!.session!
    const ended = new Date(Date.now() - 60_000).toISOString()
    await account.store.update(key, (current) => ({ ...current, session: { ...day, expiration: ended } }))
    await account.store.update({ accountId: account.accountId, role: 'ops' }, () => ({}))
    const requests = account.proxy.requests.length
    const run = await credentialProcess('ops')
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`cairn: me's sign-in for the day ended at ${ended}. Sign in with an MFA code: \`cairn signin\` or Sign in in Cairn.\n`)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(account.proxy.requests.length).toBe(requests)
  })
})
