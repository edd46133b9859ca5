import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/main'
import { practiceRoles, type PracticeRoles } from '../../main/profiles/practice-roles'
import { capture } from '../cli-capture'

let account: PracticeRoles
beforeAll(async () => {
  account = await practiceRoles(
    [
      { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', accessKey: true },
      { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true },
      { role: 'billing', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing', consolePassword: true }
    ],
    { label: 'cli-switch' }
  )
})
afterAll(() => account.close())

describe('cairn switch', () => {
  it("makes the role active and writes Cairn's profiles on first use", async () => {
    const { io, out } = capture(account.env)
    expect(await main(['switch', 'ops'], io)).toBe(0)
    expect(out.stdout).toBe(
      `ops is now the active role: AWS_PROFILE=cairn acts as arn:aws:iam::${account.accountId}:user/ops from the next command.\n` +
        `Wrote [profile cairn-billing], [profile cairn-dev], [profile cairn-ops], [profile cairn] to ${account.configFile}.\n`
    )
    expect((await account.profiles().registry.read()).activeRole).toBe('ops')
    expect(readFileSync(account.configFile, 'utf8')).toContain('credential-process --active')
  })

  it('only changes the active role the second time: the file already says --active', async () => {
    const before = readFileSync(account.configFile, 'utf8')
    const { io, out } = capture(account.env)
    expect(await main(['switch', 'dev'], io)).toBe(0)
    expect(out.stdout).toBe(`dev is now the active role: AWS_PROFILE=cairn acts as arn:aws:iam::${account.accountId}:user/dev from the next command.\n`)
    expect(readFileSync(account.configFile, 'utf8')).toBe(before)
  })

  it('refuses a role without an access key, and one it does not know', async () => {
    const billing = capture(account.env)
    expect(await main(['switch', 'billing'], billing.io)).toBe(1)
    expect(billing.out.stderr).toMatch(/^cairn switch: The billing role has no access key/)
    const unknown = capture(account.env)
    expect(await main(['switch', 'finance'], unknown.io)).toBe(1)
    expect(unknown.out.stderr).toBe(`cairn switch: There is no finance role in account ${account.accountId}; Cairn knows billing, dev, ops.\n`)
    expect((await account.profiles().registry.read()).activeRole).toBe('dev')
  })

  it('shows usage without a role', async () => {
    const { io, out } = capture(account.env)
    expect(await main(['switch'], io)).toBe(2)
    expect(out.stderr).toContain('Usage: cairn switch ROLE')
  })
})
