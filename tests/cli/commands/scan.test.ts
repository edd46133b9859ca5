import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupCli, type SetupCli } from './setup-cli'

let cli: SetupCli
beforeAll(async () => {
  cli = await setupCli()
})
afterAll(() => cli.close())

describe('cairn scan', () => {
  it('prints the checks as JSON with --json, a new account failing root MFA, root keys and the password policy', async () => {
    const { code, stdout } = await cli.run(['scan', '--json'])
    expect(code).toBe(0)
    const checks = JSON.parse(stdout) as Array<{ id: string; status: string }>
    expect(checks).toHaveLength(12)
    expect(Object.fromEntries(checks.map((c) => [c.id, c.status]))).toMatchObject({ 'root-mfa': 'fail', 'root-access-keys': 'warn', 'password-policy': 'fail' })
  })

  it('explains each check in words without --json', async () => {
    const { code, stdout } = await cli.run(['scan'])
    expect(code).toBe(0)
    expect(stdout).toContain(`Security status of account ${cli.server.accountId}`)
    expect(stdout).toMatch(/WARN {2}The root user has no access keys/)
  })

  it('exits 2 with what to do when there are no credentials or they are wrong', async () => {
    const none = await cli.run(['scan'], { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined })
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile/)
    const wrong = await cli.run(['scan'], { AWS_SECRET_ACCESS_KEY: 'A'.repeat(40) })
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/secret access key does not belong/)
  })

  it('exits 1 when the endpoint cannot be reached', async () => {
    const { code, stderr } = await cli.run(['scan', '--endpoint', 'http://127.0.0.1:9'])
    expect(code).toBe(1)
    expect(stderr).toMatch(/could not reach the endpoint/)
  })

  it('refuses unknown options with usage and exit 2', async () => {
    const { code, stderr } = await cli.run(['scan', '--bogus'])
    expect(code).toBe(2)
    expect(stderr).toContain('Usage: cairn scan')
  })
})
