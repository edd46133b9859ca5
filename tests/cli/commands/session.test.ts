import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { session } from '../../../src/cli/commands/session'
import { devOpsBilling, practiceRoles, type PracticeRoles } from '../../main/profiles/practice-roles'
import { capture } from '../cli-capture'

let account: PracticeRoles
beforeAll(async () => {
  account = await practiceRoles(devOpsBilling, { label: 'cli-session' })
})
afterAll(() => account.close())

const lines = (...text: string[]) => Readable.from(text.map((line) => `${line}\n`))

describe('cairn session', () => {
  it('starts an MFA-backed session with --code', async () => {
    const { io, out } = capture(account.env)
    expect(await session(['dev', '--code', account.nextCode('dev')], io, lines())).toBe(0)
    expect(out.stdout).toMatch(/^New session for dev: valid until \S+ \((11 h \d+ min|12 h)\)\.\n$/)
    expect((await account.store.get({ accountId: account.accountId, role: 'dev' }))?.session).toBeDefined()
  })

  it('reads the code from standard input when --code is not given', async () => {
    const { io, out } = capture(account.env)
    expect(await session(['dev'], io, lines(account.nextCode('dev')))).toBe(0)
    expect(out.stdout).toMatch(/^New session for dev/)
  })

  it('says a wrong code plainly and exits 1', async () => {
    const { io, out } = capture(account.env)
    const wrong = account.nextCode('dev') === '000000' ? '111111' : '000000'
    expect(await session(['dev', '--code', wrong], io, lines())).toBe(1)
    expect(out.stderr).toMatch(/^cairn session: That code was not accepted\. Wait for the next code in your authenticator app and try again\./)
  })

  it('needs no code for a role without MFA, and honours --duration', async () => {
    const { io, out } = capture(account.env)
    expect(await session(['ops', '--duration', '900'], io, lines())).toBe(0)
    expect(out.stdout).toMatch(/until (\S+) \(1\d min\)\.\n$/)
  })

  it('remembers --endpoint for the account, so credential_process needs no flag', async () => {
    const { io } = capture(account.env)
    expect(await session(['ops', '--endpoint', account.server.endpoint], io, lines())).toBe(0)
    expect((await account.profiles().registry.read()).accounts[0]?.endpoint).toBe(account.server.endpoint)
    const { io: back } = capture(account.env)
    expect(await session(['ops', '--endpoint', `${account.proxy.endpoint}/`], back, lines())).toBe(0)
    expect((await account.profiles().registry.read()).accounts[0]?.endpoint).toBe(account.proxy.endpoint)
  })

  it('refuses a role without an access key, and bad arguments with usage', async () => {
    const refused = capture(account.env)
    expect(await session(['billing'], refused.io, lines())).toBe(1)
    expect(refused.out.stderr).toMatch(/^cairn session: The billing role has no access key/)
    for (const args of [[], ['dev', '--code', '12ab56'], ['dev', '--duration', '60'], ['dev', 'ops'], ['dev', '--endpoint', 'not a url']]) {
      const usage = capture(account.env)
      expect(await session(args, usage.io, lines()), args.join(' ')).toBe(2)
      expect(usage.out.stderr).toContain('Usage: cairn session ROLE')
    }
    const noCode = capture(account.env)
    expect(await session(['dev'], noCode.io, lines())).toBe(2)
    expect(noCode.out.stderr).toContain('dev needs an MFA code: pass --code or type it')
  })
})
