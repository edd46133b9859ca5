import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliBundle, runCli } from '../../cli/cli-bundle'
import { practiceRoles, type PracticeRoles } from './practice-roles'

/**
 * The profiles Cairn writes, used by the real AWS CLI v2 (Debian's /usr/bin/aws): it runs
 * `cairn credential-process` (the built bundle) and calls the practice account with the result.
 * HOME and both AWS files point into a temp dir; the real ~/.aws is never read.
 */
let account: PracticeRoles
let bundle: Awaited<ReturnType<typeof buildCliBundle>>

const usersOwnConfig = [
  '# My own AWS settings; Cairn must leave every byte of this alone.',
  '[default]',
  'region = eu-west-1',
  'output = json',
  '',
  '[profile work]   ; the client account',
  'region = eu-central-1',
  'role_arn = arn:aws:iam::123456789012:role/Admin',
  'source_profile = default',
  '',
  '; a comment at the end',
  ''
].join('\n')

function aws(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/aws',
      ['--endpoint-url', account.server.endpoint, '--output', 'json', ...args],
      { env: { ...account.env, AWS_MAX_ATTEMPTS: '1', AWS_PAGER: '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    )
  })
}

const arnOf = (result: { stdout: string }) => (JSON.parse(result.stdout) as { Arn: string }).Arn
const userArn = (name: string) => `arn:aws:iam::${account.accountId}:user/${name}`

beforeAll(async () => {
  bundle = await buildCliBundle()
  account = await practiceRoles(
    [
      { role: 'billing', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing', consolePassword: true },
      { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', requiresMfa: true, accessKey: true, mfa: true, consolePassword: true },
      {
        role: 'ops',
        policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator',
        requiresMfa: true,
        accessKey: true,
        mfa: true,
        consolePassword: true
      }
    ],
    { label: 'aws-cli', cairnCommand: [process.execPath, bundle.file] }
  )
  writeFileSync(account.configFile, usersOwnConfig)
})
afterAll(async () => {
  await account.close()
  bundle.remove()
})

describe('Cairn profiles with the real AWS CLI v2', { timeout: 120_000 }, () => {
  it("adds Cairn's sections after the user's own, which stay byte for byte", async () => {
    const write = await account.profiles().writeConfig()
    expect(write.written).toBe(true)
    expect(write.profiles).toEqual(['cairn-billing', 'cairn-dev', 'cairn-ops', 'cairn'])
    const text = readFileSync(account.configFile, 'utf8')
    expect(text.startsWith(usersOwnConfig)).toBe(true)
    expect(text).toContain(`[profile cairn-dev]\ncredential_process = ${process.execPath} ${bundle.file} credential-process dev\nregion = us-east-1\n`)
    expect(text).toContain(`[profile cairn]\ncredential_process = ${process.execPath} ${bundle.file} credential-process --active\n`)
    expect(text).not.toMatch(/aws_secret_access_key|ASIA|AKIA/)
  })

  it("answers get-caller-identity --profile cairn-dev with the dev user's ARN, once dev has a session", async () => {
    await account.profiles().refreshSession({ role: 'dev', code: account.nextCode('dev') })
    const result = await aws(['sts', 'get-caller-identity', '--profile', 'cairn-dev'])
    expect(result.stderr).toBe('')
    expect(arnOf(result)).toBe(userArn('dev'))
  })

  it('passes on the one-line "refresh this role" message when a role has no session', async () => {
    const result = await aws(['sts', 'get-caller-identity', '--profile', 'cairn-ops'])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('The ops role has no session yet, and it needs an MFA code to start one. Refresh it: `cairn session ops`')
  })

  it('acts as ops under --profile cairn once `cairn switch ops` ran', async () => {
    const session = await runCli(bundle.file, ['session', 'ops', '--code', account.nextCode('ops')], account.env)
    expect(session.stderr).toBe('')
    expect(session.stdout).toMatch(/^New session for ops: valid until /)
    expect(arnOf(await aws(['sts', 'get-caller-identity', '--profile', 'cairn']))).toBe(userArn('dev'))

    const switched = await runCli(bundle.file, ['switch', 'ops'], account.env)
    expect(switched.stderr).toBe('')
    expect(switched.stdout).toContain(`ops is now the active role: AWS_PROFILE=cairn acts as ${userArn('ops')}`)
    expect(arnOf(await aws(['sts', 'get-caller-identity', '--profile', 'cairn']))).toBe(userArn('ops'))
    expect(arnOf(await aws(['sts', 'get-caller-identity'], { AWS_PROFILE: 'cairn' }))).toBe(userArn('ops'))
  })

  it('refuses to make billing (no access key) the active role, and says so', async () => {
    const switched = await runCli(bundle.file, ['switch', 'billing'], account.env)
    expect(switched.code).toBe(1)
    expect(switched.stderr).toMatch(/^cairn switch: The billing role has no access key, so the AWS CLI and SDKs cannot act as it/)
    expect(arnOf(await aws(['sts', 'get-caller-identity', '--profile', 'cairn']))).toBe(userArn('ops'))
    const direct = await aws(['sts', 'get-caller-identity', '--profile', 'cairn-billing'])
    expect(direct.code).not.toBe(0)
    expect(direct.stderr).toContain('The billing role has no access key')
  })

  it('makes [default] follow the active role only when asked, and gives the user theirs back', async () => {
    const before = readFileSync(account.configFile, 'utf8')
    await account.profiles().setDefault({ role: 'active' })
    expect(arnOf(await aws(['sts', 'get-caller-identity']))).toBe(userArn('ops'))
    await account.profiles().setDefault({ role: null })
    expect(readFileSync(account.configFile, 'utf8')).toBe(before)
  })

  it('warns when the credentials file shadows a Cairn profile', async () => {
    writeFileSync(account.credentialsFile, '[cairn-dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n')
    try {
      const overview = await account.profiles().list()
      expect(overview.warnings.join('\n')).toContain(`${account.credentialsFile} also defines [cairn-dev]`)
      expect((await account.profiles().writeConfig()).shadowed).toEqual(['cairn-dev'])
    } finally {
      writeFileSync(account.credentialsFile, '')
    }
  })

  it("removes only Cairn's sections on uninstall: the file is the user's again, byte for byte", async () => {
    const removedOne = await account.profiles().remove({ role: 'billing' })
    expect(removedOne.profiles).toEqual(['cairn-dev', 'cairn-ops', 'cairn'])
    expect(readFileSync(account.configFile, 'utf8')).not.toContain('cairn-billing')
    const removed = await account.profiles().remove({ all: true })
    expect(removed.written).toBe(true)
    expect(readFileSync(account.configFile, 'utf8')).toBe(usersOwnConfig)
  })
})
