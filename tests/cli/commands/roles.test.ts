import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/main'
import { countingProxy, practiceRoles, type PracticeRoles } from '../../main/profiles/practice-roles'
import { capture } from '../cli-capture'
import { setupCli } from './setup-cli'

let account: PracticeRoles
beforeAll(async () => {
  account = await practiceRoles(
    [
      { role: 'billing', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing', consolePassword: true },
      { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', requiresMfa: true, accessKey: true, mfa: true, consolePassword: true },
      { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true }
    ],
    { label: 'cli-roles' }
  )
  await account.profiles().refreshSession({ role: 'dev', code: account.nextCode('dev') })
})
afterAll(() => account.close())

describe('cairn roles', () => {
  it('shows each role, its identity, the active one, its session and what it can do', async () => {
    const { io, out } = capture(account.env)
    expect(await main(['roles'], io)).toBe(0)
    const lines = out.stdout.split('\n')
    expect(lines[0]).toBe(`Account ${account.accountId} (practice account)`)
    expect(lines[2]).toMatch(/^ {2}ROLE +IDENTITY +SESSION +USE$/)
    expect(lines[3]).toMatch(new RegExp(`^  billing +arn:aws:iam::${account.accountId}:user/billing +- +console only$`))
    expect(lines[4]).toMatch(new RegExp(`^\\* dev +arn:aws:iam::${account.accountId}:user/dev +1[12] h( \\d+ min)? left +CLI \\+ console, MFA$`))
    expect(lines[5]).toMatch(/^ {2}ops +\S+ +none \(started on first use\) +CLI$/)
    expect(out.stdout).toContain('* active: dev. In a shell: export AWS_PROFILE=cairn')
  })

  it('prints the same as one JSON object with --json', async () => {
    const { io, out } = capture(account.env)
    expect(await main(['roles', '--json'], io)).toBe(0)
    const overview = JSON.parse(out.stdout) as { roles: Array<{ role: string; session: { state: string } | null }>; activeRole: string }
    expect(overview.activeRole).toBe('dev')
    expect(overview.roles.map((role) => [role.role, role.session?.state ?? null])).toEqual([
      ['billing', null],
      ['dev', 'valid'],
      ['ops', null]
    ])
  })

  it('says there are no roles yet on a computer without any', async () => {
    const { io, out } = capture({ ...account.env, CAIRN_DATA_DIR: `${account.dataDir}/nothing-here` })
    expect(await main(['roles'], io)).toBe(0)
    expect(out.stdout).toBe('Cairn has no roles on this computer yet. Finish setup in Cairn (Plan, then Apply).\n')
  })

  it('refuses unknown options with usage', async () => {
    const { io, out } = capture(account.env)
    expect(await main(['roles', '--yaml'], io)).toBe(2)
    expect(out.stderr).toContain('Usage: cairn roles [--json]')
  })
})

describe('which account cairn roles calls the practice account', () => {
  it('the practice account, reached through an endpoint override, once cairn apply set it up', async () => {
    const cli = await setupCli()
    try {
      expect((await cli.run(['apply', '--yes'])).code).toBe(0)
      const listed = await cli.run(['roles'])
      expect(listed.stdout.split('\n')[0]).toBe(`Account ${cli.server.accountId} (practice account)`)
      expect(JSON.parse((await cli.run(['roles', '--json'])).stdout)).toMatchObject({ practice: true })
    } finally {
      await cli.close()
    }
  })

  it('not another IAM service reached through an endpoint override on this computer', async () => {
    const cli = await setupCli()
    // Speaks IAM and STS as the practice account does, and nothing else of it.
    const other = await countingProxy(cli.server.endpoint, { awsApiOnly: true })
    try {
      expect((await cli.run(['apply', '--yes'], { AWS_ENDPOINT_URL: other.endpoint })).code).toBe(0)
      const listed = await cli.run(['roles'])
      expect(listed.stdout.split('\n')[0]).toBe(`Account ${cli.server.accountId}`)
      expect(JSON.parse((await cli.run(['roles', '--json'])).stdout)).toMatchObject({ practice: false })
    } finally {
      await other.close()
      await cli.close()
    }
  })
})
