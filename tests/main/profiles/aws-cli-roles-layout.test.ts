import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliBundle } from '../../cli/cli-bundle'
import { practiceRolesLayout, type PracticeRolesLayout } from './practice-roles-layout'

/**
 * The roles layout with the real AWS CLI v2 (Debian's /usr/bin/aws): the profiles Cairn writes
 * run `cairn credential-process` (the built bundle), which hands out each role's session,
 * started from the day's sign-in. HOME and both AWS files point into a temp dir.
 */
let account: PracticeRolesLayout
let bundle: Awaited<ReturnType<typeof buildCliBundle>>

function aws(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/aws',
      ['--endpoint-url', account.server.endpoint, '--output', 'json', ...args],
      { env: { ...account.env, AWS_MAX_ATTEMPTS: '1', AWS_PAGER: '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    )
  })
}

beforeAll(async () => {
  bundle = await buildCliBundle()
  account = await practiceRolesLayout({ label: 'aws-cli-roles', cairnCommand: [process.execPath, bundle.file] })
})
afterAll(async () => {
  await account.close()
  bundle.remove()
})

describe('the roles layout with the real AWS CLI v2', { timeout: 120_000 }, () => {
  it('writes a profile per role, with no secret in the file', async () => {
    const write = await account.profiles().writeConfig()
    expect(write.written).toBe(true)
    expect(write.profiles).toEqual(['cairn-billing', 'cairn-dev', 'cairn-ops', 'cairn'])
    const text = readFileSync(account.configFile, 'utf8')
    expect(text).toContain(`[profile cairn-dev]\ncredential_process = ${process.execPath} ${bundle.file} credential-process dev\n`)
    expect(text).not.toMatch(/aws_secret_access_key|ASIA|AKIA/)
  })

  it('fails with the line telling to run `cairn signin` before the sign-in for the day', async () => {
    const result = await aws(['sts', 'get-caller-identity', '--profile', 'cairn-dev'])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('me is not signed in for the day yet. Sign in with an MFA code: `cairn signin`')
  })

  it("answers get-caller-identity --profile cairn-dev with dev's assumed-role ARN once signed in", async () => {
    await account.profiles().signIn({ code: account.nextCode() })
    const dev = await aws(['sts', 'get-caller-identity', '--profile', 'cairn-dev'])
    expect(dev.stderr).toBe('')
    expect(dev.code).toBe(0)
    expect(JSON.parse(dev.stdout).Arn).toBe(`arn:aws:sts::${account.accountId}:assumed-role/dev/me`)
    const ops = await aws(['sts', 'get-caller-identity', '--profile', 'cairn-ops'])
    expect(JSON.parse(ops.stdout).Arn).toBe(`arn:aws:sts::${account.accountId}:assumed-role/ops/me`)
    // [profile cairn] follows the active role, dev.
    const active = await aws(['sts', 'get-caller-identity', '--profile', 'cairn'])
    expect(JSON.parse(active.stdout).Arn).toBe(`arn:aws:sts::${account.accountId}:assumed-role/dev/me`)
  })

  it("acts with the role's permissions: dev (PowerUserAccess) may list the IAM roles, billing may not", async () => {
    const dev = await aws(['iam', 'list-roles', '--profile', 'cairn-dev'])
    expect(dev.stderr).toBe('')
    expect(JSON.parse(dev.stdout).Roles.map((role: { RoleName: string }) => role.RoleName)).toEqual(expect.arrayContaining(['billing', 'dev', 'ops']))
    const billing = await aws(['iam', 'list-roles', '--profile', 'cairn-billing'])
    expect(billing.code).not.toBe(0)
    expect(billing.stderr).toMatch(/AccessDenied/)
  })

  it("starts a role's session again from the day's session when it is gone, with no code", async () => {
    await account.store.update({ accountId: account.accountId, role: 'dev' }, () => ({}))
    const assumed = account.issued({ role: 'dev' })
    const dev = await aws(['sts', 'get-caller-identity', '--profile', 'cairn-dev'])
    expect(dev.code).toBe(0)
    expect(JSON.parse(dev.stdout).Arn).toBe(`arn:aws:sts::${account.accountId}:assumed-role/dev/me`)
    expect(account.issued({ role: 'dev' })).toBe(assumed + 1)
  })
})
