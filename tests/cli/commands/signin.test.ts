import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/main'
import { session } from '../../../src/cli/commands/session'
import { signin } from '../../../src/cli/commands/signin'
import { roles } from '../../../src/cli/commands/roles'
import { consoleCommand } from '../../../src/cli/commands/console'
import { signInId } from '../../../src/shared/domain/words'
import { devOpsBilling, practiceRoles, type PracticeRoles } from '../../main/profiles/practice-roles'
import { practiceRolesLayout, type PracticeRolesLayout } from '../../main/profiles/practice-roles-layout'
import { capture } from '../cli-capture'

/** `cairn signin`, `cairn session` and `cairn roles` in the roles layout: the practice account and the real keychain. */
let account: PracticeRolesLayout
beforeAll(async () => {
  account = await practiceRolesLayout({ label: 'cli-signin' })
})
afterAll(() => account.close())

const lines = (...text: string[]) => Readable.from(text.map((line) => `${line}\n`))
/** "21:04" on this computer's clock. */
const hhmm = (iso: string) => {
  const at = new Date(iso)
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}
const dayExpiration = async () => (await account.store.get({ accountId: account.accountId, role: signInId }))!.session!.expiration

describe('cairn signin', () => {
  it('is listed among the commands', async () => {
    const { io, out } = capture(account.env)
    expect(await main(['--help'], io)).toBe(0)
    expect(out.stdout).toMatch(/\n {2}signin +Sign in for the day with one MFA code, and start every role\n/)
  })

  it('says the person is not signed in in `cairn roles` before the first sign-in', async () => {
    const { io, out } = capture(account.env)
    expect(await roles([], io)).toBe(0)
    expect(out.stdout).toContain('me is not signed in today: `cairn signin`.')
    expect(out.stdout).toMatch(/dev\s+arn:aws:iam::\d{12}:role\/dev\s+none \(starts from your sign-in\)\s+CLI \+ console, MFA/)
  })

  it('signs in with --code and says until when, and which roles are ready', async () => {
    const { io, out } = capture(account.env)
    expect(await signin(['--code', account.nextCode()], io, lines())).toBe(0)
    expect(out.stderr).toBe('')
    expect(out.stdout).toBe(`Signed in as me until ${hhmm(await dayExpiration())}; billing, dev, ops ready.\n`)
    for (const role of ['billing', 'dev', 'ops']) expect((await account.store.get({ accountId: account.accountId, role }))?.session).toBeDefined()
  })

  it('reads the code from standard input when --code is not given', async () => {
    const { io, out } = capture(account.env)
    expect(await signin([], io, lines(account.nextCode()))).toBe(0)
    expect(out.stdout).toMatch(/^Signed in as me until \d\d:\d\d; billing, dev, ops ready\.\n$/)
  })

  it('shows the sign-in and each role session in `cairn roles`', async () => {
    const { io, out } = capture(account.env)
    expect(await roles([], io)).toBe(0)
    expect(out.stdout).toContain(`Signed in as me until ${hhmm(await dayExpiration())} (`)
    expect(out.stdout).toMatch(/^\* dev\s+arn:aws:iam::\d{12}:role\/dev\s+(1 h( \d+ min)?|5\d min) left\s+CLI \+ console, MFA$/m)
    expect(out.stdout).toMatch(/^ {2}ops\s+arn:aws:iam::\d{12}:role\/ops\s+(1 h( \d+ min)?|5\d min) left/m)
    const json = capture(account.env)
    expect(await roles(['--json'], json.io)).toBe(0)
    const overview = JSON.parse(json.out.stdout)
    expect(overview.signIn).toMatchObject({ userName: 'me', arn: `arn:aws:iam::${account.accountId}:user/me`, session: { state: 'valid' } })
  })

  it('`cairn session dev --code N` signs in for the day, the same thing', async () => {
    const before = account.issued('session')
    const { io, out } = capture(account.env)
    expect(await session(['dev', '--code', account.nextCode()], io, lines())).toBe(0)
    expect(out.stdout).toMatch(/^Signed in as me until \d\d:\d\d; billing, dev, ops ready\.\n$/)
    expect(account.issued('session')).toBe(before + 1)
  })

  it('`cairn session ops` while signed in starts a new ops session with no code', async () => {
    const before = account.issued({ role: 'ops' })
    const signIns = account.issued('session')
    const { io, out } = capture(account.env)
    expect(await session(['ops'], io, lines())).toBe(0)
    expect(out.stdout).toMatch(/^New session for ops: valid until \S+ \((1 h( \d+ min)?|5\d min)\)\.\n$/)
    expect(account.issued({ role: 'ops' })).toBe(before + 1)
    expect(account.issued('session')).toBe(signIns)
  })

  it('`cairn console dev` prints a one-click login URL while signed in', async () => {
    const { io, out } = capture(account.env)
    expect(await consoleCommand(['dev'], io)).toBe(0)
    expect(out.stderr).toBe('')
    expect(out.stdout).toMatch(new RegExp(`^${account.proxy.endpoint}/federation\\?Action=login&Destination=.*&SigninToken=\\S+\\n$`))
  })

  it('says a wrong code plainly and exits 1; bad arguments exit 2 with usage', async () => {
    const wrong = capture(account.env)
    const good = account.nextCode()
    expect(await signin(['--code', good === '000000' ? '111111' : '000000'], wrong.io, lines())).toBe(1)
    expect(wrong.out.stderr).toMatch(/^cairn signin: That code was not accepted\./)
    for (const args of [['--code', '12ab56'], ['dev'], ['--serial', 'nope']]) {
      const usage = capture(account.env)
      expect(await signin(args, usage.io, lines()), args.join(' ')).toBe(2)
      expect(usage.out.stderr).toContain('Usage: cairn signin')
    }
    const noCode = capture(account.env)
    expect(await signin([], noCode.io, lines())).toBe(2)
    expect(noCode.out.stderr).toContain('signing in needs an MFA code: pass --code or type it')
  })
})

describe('cairn console in the roles layout once the day is over', () => {
  it('says to sign in; with --code it signs in and prints the URL', async () => {
    const key = { accountId: account.accountId, role: signInId }
    await account.store.update(key, (current) => ({ ...current, session: { ...current!.session!, expiration: new Date(Date.now() - 60_000).toISOString() } }))
    const refused = capture(account.env)
    expect(await consoleCommand(['ops'], refused.io)).toBe(1)
    expect(refused.out.stderr).toMatch(/^cairn console: me's sign-in for the day ended at .*`cairn signin`/)
    const { io, out } = capture(account.env)
    expect(await consoleCommand(['ops', '--code', account.nextCode()], io)).toBe(0)
    expect(out.stdout).toContain('/federation?Action=login&')
  })
})

describe('cairn signin in the guide layout (one IAM user per role)', () => {
  let users: PracticeRoles
  beforeAll(async () => {
    users = await practiceRoles(devOpsBilling, { label: 'cli-signin-users' })
  })
  afterAll(() => users.close())

  it('says there is no sign-in for the day there, before asking for a code', async () => {
    const { io, out } = capture(users.env)
    expect(await signin([], io, lines())).toBe(1)
    expect(out.stderr).toMatch(/^cairn signin: Account \d{12} has one IAM user per role, each with its own session: start one with `cairn session ROLE`/)
    const listed = capture(users.env)
    expect(await roles([], listed.io)).toBe(0)
    expect(listed.out.stdout).not.toMatch(/signed in/i)
  })
})
