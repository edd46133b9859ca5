import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupCli, type SetupCli } from './setup-cli'

let cli: SetupCli
beforeAll(async () => {
  cli = await setupCli()
})
afterAll(() => cli.close())

describe('cairn plan', () => {
  it('shows every step to create for the default roles, changing nothing', async () => {
    const { code, stdout } = await cli.run(['plan'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/create {3}group:Finance/)
    expect(stdout).toMatch(/later {4}inline-policy:Developers:CairnRequireMFA/)
    expect(stdout).toContain('19 to create, 0 to update, 0 already there, 0 in conflict.')
    expect(cli.server.state.users).toEqual({})
  })

  it('plans the roles asked for with --roles, as JSON', async () => {
    const { code, stdout } = await cli.run(['plan', '--roles', 'billing,admin', '--json'])
    expect(code).toBe(0)
    const plan = JSON.parse(stdout) as { steps: Array<{ id: string }> }
    expect(plan.steps.map((s) => s.id)).toContain('group:Administrators')
    expect(plan.steps.map((s) => s.id)).not.toContain('group:Developers')
  })

  it('refuses a role it does not know with exit 2', async () => {
    const { code, stderr } = await cli.run(['plan', '--roles', 'billing,root'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/not root/)
  })

  it('reads the bootstrap key from a --profile of the AWS files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-profile-'))
    try {
      const root = cli.server.rootCredentials!
      writeFileSync(join(dir, 'credentials'), `[setup]\naws_access_key_id = ${root.accessKeyId}\naws_secret_access_key = ${root.secretAccessKey}\n`)
      writeFileSync(join(dir, 'config'), '')
      const { code, stdout } = await cli.run(['plan', '--profile', 'setup', '--json'], {
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_CONFIG_FILE: join(dir, 'config')
      })
      expect(code).toBe(0)
      expect(JSON.parse(stdout)).toHaveProperty('summary')
      const missing = await cli.run(['plan', '--profile', 'nope'], {
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_CONFIG_FILE: join(dir, 'config')
      })
      expect(missing.code).toBe(2)
      expect(missing.stderr).toMatch(/profile "nope" gave no credentials/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
