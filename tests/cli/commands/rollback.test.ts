import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupCli, type SetupCli } from './setup-cli'

let cli: SetupCli
beforeAll(async () => {
  cli = await setupCli()
})
afterAll(() => cli.close())

describe('cairn rollback', () => {
  it('refuses to run unasked off a terminal', async () => {
    const { code, stderr } = await cli.run(['rollback'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/pass --yes/)
  })

  it('says there is nothing to roll back before any apply', async () => {
    const { code, stdout } = await cli.run(['rollback', '--yes'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/Nothing to roll back/)
  })

  it('deletes what the last apply created and empties the keychain entries it wrote', async () => {
    expect((await cli.run(['apply', '--yes'])).code).toBe(0)
    const { code, stdout } = await cli.run(['rollback', '--yes', '--json'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ accountId: cli.server.accountId, outcome: 'done', failures: [] })
    expect(cli.server.state.users).toEqual({})
    expect(cli.server.state.groups).toEqual({})
    expect(await cli.vault.list(cli.server.accountId)).toEqual([])
  })
})
