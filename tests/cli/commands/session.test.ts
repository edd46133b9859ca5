import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { session } from '../../../src/cli/commands/session'
import { devOpsBilling, practiceRoles, type PracticeRoles } from '../../main/profiles/practice-roles'
import { totpAt } from '../../../src/practice'
import { iamClient } from '../../practice/practice-clients'
import { enableDeviceInConsole } from '../../support/console-mfa-device'
import { capture } from '../cli-capture'

let account: PracticeRoles
beforeAll(async () => {
  account = await practiceRoles(
    [...devOpsBilling, { role: 'analyst', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', requiresMfa: true, accessKey: true }],
    { label: 'cli-session' }
  )
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

describe('cairn session --serial: a device enabled in the AWS console, which Cairn did not set up', () => {
  let phone = ''
  let seed = ''
  beforeAll(async () => {
    ;({ serial: phone, seed } = await enableDeviceInConsole(iamClient(account.server, account.server.root), 'analyst', () => account.clock.now().getTime()))
  })
  const nextCode = () => {
    account.clock.advance(30_000)
    return totpAt(seed, account.clock.now().getTime())
  }

  it('without --serial, says both ways to name the device', async () => {
    const { io, out } = capture(account.env)
    expect(await session(['analyst', '--code', nextCode()], io, lines())).toBe(1)
    expect(out.stderr).toContain('cairn session: Cairn does not know the MFA device of analyst.')
    expect(out.stderr).toContain('the MFA step in Cairn')
    expect(out.stderr).toContain('`cairn session analyst --serial arn:aws:iam::ACCOUNT:mfa/NAME`')
    expect(out.stderr).toContain('`cairn mfa use analyst`')
  })

  it('refuses what is not an MFA serial, and a passkey, with usage', async () => {
    for (const serial of ['my-phone', `arn:aws:iam::${account.accountId}:u2f/user/analyst/fidosecuritykey-ABC`]) {
      const { io, out } = capture(account.env)
      expect(await session(['analyst', '--code', '123456', '--serial', serial], io, lines())).toBe(2)
      expect(out.stderr).toContain('Usage: cairn session ROLE')
    }
  })

  it('uses the serial, and remembers it once AWS has accepted the code', async () => {
    const { io, out } = capture(account.env)
    expect(await session(['analyst', '--code', nextCode(), '--serial', phone], io, lines())).toBe(0)
    expect(out.stdout).toContain(`Cairn remembers ${phone} as the MFA device of analyst.\nNew session for analyst: valid until`)
    expect((await account.store.get({ accountId: account.accountId, role: 'analyst' }))?.mfaSerial).toBe(phone)
    const again = capture(account.env)
    expect(await session(['analyst', '--code', nextCode()], again.io, lines())).toBe(0)
  })
})
