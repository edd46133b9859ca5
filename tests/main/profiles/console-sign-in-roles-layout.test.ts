import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consoleSignIn } from '../../../src/main/profiles/console-sign-in'
import type { RegisteredRole } from '../../../src/main/profiles/account-registry'
import { isConsoleNavigationAllowed } from '../../../src/main/security/console-window-policy'
import { CairnError } from '../../../src/shared/errors'
import { practiceRolesLayout, type PracticeRolesLayout } from './practice-roles-layout'

/** The roles layout's console sign-in: a fresh role session from the day's sign-in, then the federation endpoint. */
let account: PracticeRolesLayout

beforeAll(async () => {
  account = await practiceRolesLayout({ label: 'console-roles' })
})
afterAll(() => account.close())

const signIn = (role: string) =>
  consoleSignIn({
    account: { accountId: account.accountId, endpoint: account.server.endpoint, signIn: { userName: account.userName } },
    role: account.registered.find((entry) => entry.role === role) as RegisteredRole,
    vault: account.store,
    now: () => account.clock.now().getTime()
  })

/** Follows redirects by hand, keeping cookies, as the role's window would; every hop must be one the window allows. */
async function browse(start: string): Promise<{ status: number; url: string; html: string }> {
  const practiceOrigin = new URL(account.server.endpoint).origin
  const cookies = new Map<string, string>()
  let url = start
  for (let hop = 0; hop < 5; hop++) {
    expect(isConsoleNavigationAllowed(url, { practiceOrigin }), url).toBe(true)
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1))
    }
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href
      continue
    }
    return { status: response.status, url, html: await response.text() }
  }
  throw new Error('too many redirects')
}

describe('console sign-in in the roles layout', () => {
  it('refuses before the sign-in for the day, with the typed error the app answers with a code prompt', async () => {
    const error = await signIn('dev').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CairnError)
    expect((error as CairnError).code).toBe('SESSION_EXPIRED')
    expect((error as CairnError).name).toBe('SignInNeededError')
  })

  it('opens the console as the assumed role with MFA present, in one click: no password, no code', async () => {
    await account.profiles({ env: account.env }).signIn({ code: account.nextCode() })
    const before = account.issued({ role: 'dev' })
    const result = await signIn('dev')
    if (result.kind !== 'federated') throw new Error(`expected a federated sign-in, got: ${result.why}`)
    // A fresh role session of its own, an hour long.
    expect(account.issued({ role: 'dev' })).toBe(before + 1)
    const hoursLeft = (Date.parse(result.expiresAt) - account.clock.now().getTime()) / 3600_000
    expect(hoursLeft).toBeGreaterThan(0.95)
    expect(hoursLeft).toBeLessThanOrEqual(1)
    expect(result.url).toMatch(new RegExp(`^${account.server.endpoint}/federation\\?Action=login&Destination=`))

    const page = await browse(result.url)
    expect(page.status).toBe(200)
    expect(page.url).toBe(`${account.server.endpoint}/console`)
    expect(page.html).toContain(`<dd id="account">${account.accountId}</dd>`)
    expect(page.html).toContain(`<dd id="assumed-role">arn:aws:sts::${account.accountId}:assumed-role/dev/me</dd>`)
    expect(page.html).toContain('<dd id="mfa">present</dd>')
  })

  it('opens the billing console as the billing role', async () => {
    const result = await signIn('billing')
    if (result.kind !== 'federated') throw new Error('expected a federated sign-in')
    const page = await browse(result.url)
    expect(page.html).toContain(`<dd id="assumed-role">arn:aws:sts::${account.accountId}:assumed-role/billing/me</dd>`)
  })

  it("refuses once the day's session is over", async () => {
    const error = await consoleSignIn({
      account: { accountId: account.accountId, endpoint: account.server.endpoint, signIn: { userName: account.userName } },
      role: account.registered.find((entry) => entry.role === 'ops') as RegisteredRole,
      vault: account.store,
      now: () => account.clock.now().getTime() + 13 * 3600_000
    }).catch((e: unknown) => e)
    expect((error as CairnError).code).toBe('SESSION_EXPIRED')
    expect((error as CairnError).message).toMatch(/^me's sign-in for the day ended at .*`cairn signin`/)
  })
})
