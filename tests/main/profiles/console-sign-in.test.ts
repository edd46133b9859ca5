import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consoleEndpoints, consoleSignIn, federatedUserName, type ConsoleSignIn } from '../../../src/main/profiles/console-sign-in'
import type { RegisteredRole } from '../../../src/main/profiles/account-registry'
import { isConsoleNavigationAllowed } from '../../../src/main/security/console-window-policy'
import { CairnError } from '../../../src/shared/errors'
import { practiceRoles, type PracticeRoles } from './practice-roles'

/** One-click console sign-in end to end against the practice account's federation endpoints. */
let account: PracticeRoles

beforeAll(async () => {
  account = await practiceRoles(
    [
      { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true, consolePassword: true, federation: true },
      { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', requiresMfa: true, accessKey: true, consolePassword: true, mfa: true },
      { role: 'data', policyArn: 'arn:aws:iam::aws:policy/job-function/DataScientist', accessKey: true, consolePassword: true },
      { role: 'billing', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing', consolePassword: true },
      { role: 'audit', policyArn: 'arn:aws:iam::aws:policy/SecurityAudit', requiresMfa: true, accessKey: true }
    ],
    { label: 'console' }
  )
})
afterAll(() => account.close())

const signIn = (role: string): Promise<ConsoleSignIn> =>
  consoleSignIn({
    account: { accountId: account.accountId, endpoint: account.server.endpoint },
    role: account.registered.find((entry) => entry.role === role) as RegisteredRole,
    vault: account.store
  })

/** Follows redirects by hand, keeping cookies, as the role's window would; every hop must be one the window allows. */
async function browse(start: string): Promise<{ status: number; url: string; html: string; hops: string[] }> {
  const practiceOrigin = new URL(account.server.endpoint).origin
  const cookies = new Map<string, string>()
  const hops: string[] = []
  let url = start
  for (let hop = 0; hop < 5; hop++) {
    hops.push(url)
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
    return { status: response.status, url, html: await response.text(), hops }
  }
  throw new Error('too many redirects')
}

describe('console sign-in on the practice account', () => {
  it('signs ops in with one click: the login URL lands on the console page as that identity', async () => {
    const result = await signIn('ops')
    if (result.kind !== 'federated') throw new Error(`expected a federated sign-in, got: ${result.why}`)
    expect(result.url).toMatch(
      new RegExp(`^${account.server.endpoint}/federation\\?Action=login&Destination=${encodeURIComponent(`${account.server.endpoint}/console`)}&SigninToken=`)
    )
    const hoursLeft = (Date.parse(result.expiresAt) - account.clock.now().getTime()) / 3600_000
    expect(hoursLeft).toBeGreaterThan(11.9)

    const page = await browse(result.url)
    expect(page.status).toBe(200)
    expect(page.url).toBe(`${account.server.endpoint}/console`)
    expect(page.html).toContain(`<dd id="account">${account.accountId}</dd>`)
    expect(page.html).toContain('<dd id="federated-user">cairn-ops</dd>')
    expect(page.html).toContain('<dd id="principal">IAM user ops</dd>')
  })

  it("gives the federated session the user's own permissions, never more", async () => {
    const result = await signIn('ops')
    if (result.kind !== 'federated') throw new Error('expected a federated sign-in')
    const session = Object.values(account.server.state.sessions).find((candidate) => candidate.kind === 'federation' && candidate.federatedName === 'cairn-ops')
    expect(session?.sessionPolicy).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })
    // SystemAdministrator does not include billing; the allow-all session policy does not add it.
    const page = await browse(result.url)
    expect(page.html).toContain('not available: no permission for aws-portal:ViewBilling')
  })

  it('sends a role that requires MFA to the sign-in page, with its user name, password and why', async () => {
    const result = await signIn('dev')
    expect(result).toMatchObject({ kind: 'sign-in-page', url: `${account.server.endpoint}/console`, userName: 'dev', accountId: account.accountId })
    if (result.kind !== 'sign-in-page') throw new Error('unreachable')
    expect(result.why).toMatch(/allows nothing without MFA, and a one-click \(federated\) sign-in cannot carry MFA/)
    expect(result.password).toBe((await account.store.get({ accountId: account.accountId, role: 'dev' }))?.consolePassword)
  })

  it('sends a user without an access key to the sign-in page', async () => {
    const result = await signIn('billing')
    expect(result.kind).toBe('sign-in-page')
    if (result.kind !== 'sign-in-page') throw new Error('unreachable')
    expect(result.why).toBe('billing has no access key, which one-click sign-in needs: sign in with the user name and password instead.')
  })

  it('falls back to the sign-in page when AWS refuses GetFederationToken, and says so', async () => {
    const result = await signIn('data')
    expect(result.kind).toBe('sign-in-page')
    if (result.kind !== 'sign-in-page') throw new Error('unreachable')
    expect(result.why).toMatch(/its policies do not allow sts:GetFederationToken/)
  })

  it('explains when a role can reach the console neither way', async () => {
    const error = await signIn('audit').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CairnError)
    expect((error as CairnError).message).toMatch(/audit has no console password either/)
  })

  it("uses AWS's own endpoints and the account's sign-in page outside the practice account", () => {
    expect(consoleEndpoints({ accountId: '111122223333' })).toEqual({
      federation: 'https://signin.aws.amazon.com/federation',
      destination: 'https://console.aws.amazon.com/',
      signInPage: 'https://111122223333.signin.aws.amazon.com/console'
    })
    expect(federatedUserName('dev')).toBe('cairn-dev')
    expect(federatedUserName('a-very-long-role-name-that-goes-on')).toHaveLength(32)
  })
})
