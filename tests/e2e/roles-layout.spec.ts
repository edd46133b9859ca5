import { readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { codeAt, codeForStep, stepAt } from '../../src/main/mfa/totp-codes'
import { isConsoleNavigationAllowed } from '../../src/main/security/console-window-policy'
import { policyArns } from '../../src/main/setup/roles'
import type { PracticeServer } from '../../src/practice'
import { expect, test, type Bridge } from './support/bridge'
import { ask } from './support/cairn-calls'
import { captureScreen, expectAccessible, openAtStep } from './support/screens'

/**
 * The whole journey on a fresh practice account in the roles layout, as a user walks it: only
 * clicks and keys on the screens (page.evaluate never drives). One IAM user signs in, with one
 * MFA device; after enrolment ONE code signs in for the day, and each role's console then opens
 * in one click, as the assumed role with MFA present.
 */

const screen = (page: Page) => page.locator('main#main')
const checkRow = (page: Page, id: string) => page.locator(`li[data-check="${id}"]`)

function practiceOf(bridge: Bridge): PracticeServer {
  const server = bridge.practice.server
  if (!server) throw new Error('the practice account did not start')
  return server
}

async function record(page: Page, name: string, mask: Locator[] = []): Promise<void> {
  await expectAccessible(page)
  await captureScreen(page, name, { mask })
}

/** Now, away from a code change, so the test and the practice account read the same 30-second step. */
async function steadyNow(): Promise<number> {
  const into = Date.now() % 30_000
  if (into < 2000 || into > 26_000) await new Promise((resolve) => setTimeout(resolve, (32_000 - into) % 30_000))
  return Date.now()
}

const seedOf = (shown: string) => shown.replace(/\s/g, '')

/** Follows a console sign-in URL by hand, keeping cookies, as the role's window would; every hop must be one the window allows. */
async function browse(start: string, practiceOrigin: string): Promise<{ status: number; url: string; html: string }> {
  const cookies = new Map<string, string>()
  let url = start
  for (let hop = 0; hop < 5; hop++) {
    expect(isConsoleNavigationAllowed(url, { practiceOrigin }), url).toBe(true)
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1))
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

/** Channels a code reaches main by, after the MFA step: each is one code the user typed. */
const codeChannels = new Set(['profiles.signIn', 'profiles.refreshSession', 'mfa.confirm', 'mfa.resync'])

test('the whole journey in the roles layout: one sign-in, one MFA code a day, every role’s console in one click', async ({ page, bridge }) => {
  test.setTimeout(360_000)
  const server = practiceOf(bridge)
  const accountId = server.accountId
  await bridge.open(page)

  // 1. Welcome, 2. the root user's rehearsal, 3. Connect: as in the guide's journey.
  await page.getByRole('button', { name: 'Start with the practice account' }).click()
  await expect(screen(page)).toHaveAttribute('data-step', 'root')
  await page.getByRole('button', { name: 'Start the rehearsal' }).click()
  await expect(page.getByTestId('root-qr')).toBeVisible()
  await page.getByRole('button', { name: 'Show secret key' }).click()
  const rootSeed = seedOf(await page.getByTestId('root-secret').innerText())
  const rootNow = await steadyNow()
  await page.getByRole('textbox', { name: 'MFA code 1' }).click()
  await page.keyboard.type(codeAt(rootSeed, rootNow - 30_000))
  await page.keyboard.press('Tab')
  await page.keyboard.type(codeAt(rootSeed, rootNow))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('root-check')).toContainText('AccountMFAEnabled = 1')
  await page.getByRole('button', { name: 'Check again' }).click()
  await expect(page.getByTestId('root-check')).toContainText('MFA on')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()
  await expect(screen(page)).toHaveAttribute('data-step', 'connect')
  await page.getByRole('button', { name: 'Connect to the practice account' }).click()
  await expect(page.getByTestId('connection-summary')).toContainText(accountId)
  await page.getByRole('button', { name: 'Continue', exact: true }).click()

  // 4. Security status: the password policy, fixed in place.
  await expect(screen(page)).toHaveAttribute('data-step', 'status')
  await expect(page.getByTestId('status-summary')).toHaveText(/[1-9]\d* failing/, { timeout: 30_000 })
  await checkRow(page, 'password-policy').getByRole('button', { name: 'Set the recommended password policy' }).click()
  await expect(checkRow(page, 'password-policy')).toContainText('Pass')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()

  // 5. Plan: the guide's layout is the default; the user chooses the roles layout, and nothing changes in AWS.
  await expect(screen(page)).toHaveAttribute('data-step', 'plan')
  const diff = page.getByTestId('plan-diff')
  const guide = page.getByRole('radio', { name: 'Three users, as the guide' })
  const roles = page.getByRole('radio', { name: 'One sign-in, three roles' })
  await expect(guide).toBeChecked()
  await expect(roles).not.toBeChecked()
  await expect(diff.getByText('19 to create, 0 already there')).toBeVisible({ timeout: 20_000 })
  const rolesOption = page.locator('[data-layout="roles"]')
  await expect(rolesOption).toContainText('only with your MFA device')
  await expect(rolesOption).toContainText('One code a day')
  await expect(page.locator('[data-layout="users"]')).toContainText('password on the clipboard')
  await roles.check()
  await expect(roles).toBeChecked()
  await expect(page.getByLabel('Sign-in user name')).toHaveValue('me')
  for (const [region, name] of [
    ['Billing', 'billing'],
    ['Development', 'dev'],
    ['Operations', 'ops']
  ] as const) {
    const card = page.getByRole('region', { name: region, exact: true })
    await expect(card.getByLabel('Role name')).toHaveValue(name)
    await expect(card.getByLabel('Maximum session (hours)')).toHaveValue('1')
    await expect(card).toContainText('AWS limits a role assumed from a session')
  }
  // An hour too many: AWS's limit, said next to the field, and Continue waits.
  const devHours = page.getByRole('region', { name: 'Development', exact: true }).getByLabel('Maximum session (hours)')
  await devHours.fill('13')
  await expect(devHours).toHaveAttribute('aria-invalid', 'true', { timeout: 10_000 })
  await expect(page.getByRole('button', { name: 'Continue to Apply' })).toBeDisabled()
  await devHours.fill('1')
  await expect(devHours).toHaveAttribute('aria-invalid', 'false')
  const signInSteps = diff.getByRole('region', { name: 'Your sign-in (me): what changes' })
  await expect(signInSteps).toContainText('User me')
  await expect(signInSteps).toContainText('CairnSignIn on People: may assume the roles, nothing else')
  await expect(diff.getByRole('region', { name: 'Development: what changes' })).toContainText('IAM role dev, trusting only your sign-in with MFA')
  await expect(diff.getByText(/^\d+ to create, 0 already there$/)).toBeVisible({ timeout: 20_000 })
  const toCreate = Number((await diff.locator('.diff-summary strong').innerText()).split(' ')[0])
  expect(toCreate).toBeGreaterThan(6)
  expect(Object.keys(server.state.users)).toEqual([])
  expect(Object.keys(server.state.roles)).toEqual([])
  await record(page, 'roles-06-plan')
  await page.getByRole('button', { name: 'Continue to Apply' }).click()

  // 6. Apply: exactly the setup Plan checked, in the roles layout.
  await expect(screen(page)).toHaveAttribute('data-step', 'apply')
  const rows = page.getByTestId('apply-rows').locator('li')
  await expect(rows).toHaveCount(toCreate)
  await page.getByRole('button', { name: 'Apply', exact: true }).click()
  const applied = page.getByTestId('apply-summary')
  await expect(applied).toHaveAttribute('data-outcome', 'done', { timeout: 60_000 })
  await expect(page.getByTestId('apply-rows').locator('li[data-state="failed"]')).toHaveCount(0)
  await expect(applied).toContainText('an MFA device for your sign-in, me')
  const applyCall = bridge.received.find((r) => r.channel === 'setup.apply')?.payload as { layout?: string; signIn?: { userName: string } }
  expect(applyCall.layout).toBe('roles')
  expect(applyCall.signIn).toEqual({ userName: 'me' })
  await record(page, 'roles-07-apply')
  await page.getByRole('button', { name: /^Continue/ }).click()

  // 7. MFA: one user to protect, the sign-in; the role users of the guide's layout are not there.
  await expect(screen(page)).toHaveAttribute('data-step', 'mfa')
  await expect(page.getByTestId(/^mfa-user-/)).toHaveCount(1)
  const card = page.getByTestId('mfa-user-sign-in')
  await expect(card).toContainText('No MFA yet')
  await expect(card).toContainText('your sign-in, for every role')
  await card.getByRole('button', { name: 'Set up MFA for me' }).click()
  const panel = card.getByTestId('enroll-panel')
  await expect(panel.getByRole('heading', { name: 'Set up MFA for me' })).toBeFocused()
  const qr = panel.getByTestId('mfa-qr')
  await expect(qr).toBeVisible()
  await expect(panel).toContainText(`me@${accountId}`)
  await panel.getByRole('button', { name: 'Show secret key' }).click()
  const seed = seedOf(await panel.getByTestId('mfa-secret').innerText())
  await record(page, 'roles-08-mfa-setup', [qr, panel.getByTestId('mfa-secret')])
  const enrolNow = await steadyNow()
  const usedStep = stepAt(enrolNow)
  await panel.getByRole('textbox', { name: 'MFA code 1' }).click()
  await page.keyboard.type(codeAt(seed, enrolNow - 30_000) + codeAt(seed, enrolNow))
  await page.keyboard.press('Enter')
  await expect(card.getByTestId('mfa-enabled')).toContainText('MFA is on for me')
  await expect(card).toContainText('MFA on')
  await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeEnabled()
  await record(page, 'roles-09-mfa-done')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()
  const codesBefore = bridge.received.filter((r) => codeChannels.has(String(r.channel))).length

  // 8. Billing access, and the root key goes, with consent.
  await expect(screen(page)).toHaveAttribute('data-step', 'billing')
  await page.getByRole('button', { name: 'Do it on the practice account' }).click()
  await expect(page.getByTestId('billing-state')).toContainText('IAM access to billing: On')
  await page.getByLabel(/Delete the root access key Cairn is connected with/).check()
  await page.getByRole('button', { name: 'Delete the temporary root access key' }).click()
  await expect(page.getByTestId('bootstrap-key-deleted')).toContainText('Root access keys now: 0')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()

  // 9. Profiles: not signed in today; the role ARNs; no code asked per role.
  await expect(screen(page)).toHaveAttribute('data-step', 'profiles')
  const roleCard = (role: string) => page.getByTestId(`role-card-${role}`)
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['billing', 'dev', 'ops'])
  await expect(page.getByTestId('sign-in-line')).toContainText('Not signed in today')
  for (const role of ['billing', 'dev', 'ops']) {
    await expect(roleCard(role)).toContainText(`arn:aws:iam::${accountId}:role/${role}`)
    await expect(roleCard(role).getByRole('button', { name: `Refresh session for ${role}` })).toHaveCount(0)
  }
  await record(page, 'roles-10-profiles-not-signed-in')

  // One click on billing's console: the day's sign-in is over, so ONE code signs in, then the console opens.
  await roleCard('billing').getByRole('button', { name: 'Open console as billing' }).click()
  const codeBox = roleCard('billing').getByRole('textbox', { name: 'MFA code for me' })
  await expect(codeBox).toBeFocused()
  await expectAccessible(page)
  const now = await steadyNow()
  // A code is accepted once: after the one the set-up used, the authenticator's next.
  await page.keyboard.type(codeForStep(seed, Math.max(stepAt(now), usedStep + 1)))
  await expect(roleCard('billing').locator('.console-outcome')).toContainText('The console opened in its own window', { timeout: 20_000 })
  await expect(page.getByTestId('sign-in-line')).toContainText(/Signed in as me until \d/)
  await expect(codeBox).toHaveCount(0)

  // dev and ops: one click each, no code.
  for (const role of ['dev', 'ops']) {
    await roleCard(role)
      .getByRole('button', { name: `Open console as ${role}` })
      .click()
    await expect(roleCard(role).locator('.console-outcome')).toContainText('The console opened in its own window')
  }
  expect(bridge.consoleWindows.map((opened) => opened.role)).toEqual(['billing', 'dev', 'ops'])
  expect(bridge.passwordsCopied).toBe(0)
  // Exactly one code typed since the MFA step.
  const codeCalls = bridge.received.filter((r) => codeChannels.has(String(r.channel))).slice(codesBefore)
  expect(codeCalls.map((r) => r.channel)).toEqual(['profiles.signIn'])
  for (const role of ['billing', 'dev', 'ops']) await expect(roleCard(role).getByTestId(`session-${role}`)).toContainText(/ left/)
  await record(page, 'roles-11-profiles-signed-in')

  // Each window's page: the practice console as the assumed role, with MFA present.
  const practiceOrigin = new URL(server.endpoint).origin
  for (const opened of bridge.consoleWindows) {
    expect(new URL(opened.url).origin).toBe(practiceOrigin)
    const console = await browse(opened.url, practiceOrigin)
    expect(console.status).toBe(200)
    expect(console.html).toContain(`<dd id="account">${accountId}</dd>`)
    expect(console.html).toContain(`<dd id="assumed-role">arn:aws:sts::${accountId}:assumed-role/${opened.role}/me</dd>`)
    expect(console.html).toContain('<dd id="mfa">present</dd>')
  }

  // Switching the AWS CLI role stays one click, and writes the profiles.
  await roleCard('ops').getByRole('button', { name: 'Make active (ops)' }).click()
  await expect(roleCard('ops').getByText('Active', { exact: true })).toBeVisible()
  await expect(roleCard('ops').getByRole('status')).toHaveText('ops is now the active role for the AWS CLI.')
  const config = readFileSync(bridge.configFile, 'utf8')
  for (const profile of ['cairn', 'cairn-billing', 'cairn-dev', 'cairn-ops']) expect(config).toContain(`[profile ${profile}]`)
  expect(config).toContain('credential_process')
  expect(config).not.toMatch(/aws_secret_access_key|aws_session_token/)

  // The account as planned: one user in People, three roles with their policies, one MFA device.
  const state = server.state
  expect(Object.keys(state.users)).toEqual(['me'])
  const me = state.users['me']!
  expect(me.groups).toEqual(['people'])
  expect(me.mfaSerials).toHaveLength(1)
  expect(state.virtualMfaDevices[me.mfaSerials[0]!]?.enabledFor).toBe('me')
  expect(Object.keys(state.groups['people']?.inlinePolicies ?? {})).toEqual(['CairnSignIn'])
  const want = { billing: policyArns.billing, dev: policyArns.powerUser, ops: policyArns.systemAdministrator }
  expect(
    Object.values(state.roles)
      .map((r) => r.roleName)
      .sort()
  ).toEqual(['billing', 'dev', 'ops'])
  for (const [name, policy] of Object.entries(want)) {
    const role = state.roles[name]!
    expect(role.attachedPolicyArns).toEqual([policy])
    expect(role.maxSessionDuration).toBe(3600)
    expect(JSON.stringify(role.assumeRolePolicyDocument)).toContain(`arn:aws:iam::${accountId}:user/me`)
  }
})

test('Profiles in the roles layout: “Not signed in today”, a wrong code explained, then one code signs in every role', async ({ page, bridge }) => {
  test.setTimeout(150_000)
  const accountId = practiceOf(bridge).accountId
  // Set up in the roles layout, with the sign-in's MFA device, through window.cairn (the journey test walks the screens).
  await openAtStep(page, bridge, 'profiles')
  await ask(page, 'connect.practice', {})
  const defaults = await ask(page, 'setup.rolesLayoutDefaults', {})
  const { summary } = await ask(page, 'setup.apply', { layout: 'roles', ...defaults })
  expect(summary.outcome).toBe('done')
  const enrollment = await ask(page, 'mfa.enroll', { role: 'sign-in', userName: 'me' })
  const seed = seedOf((await ask(page, 'mfa.showSecret', { enrollmentId: enrollment.enrollmentId })).secretGrouped)
  const enrolNow = await steadyNow()
  const confirmed = await ask(page, 'mfa.confirm', {
    enrollmentId: enrollment.enrollmentId,
    code1: codeAt(seed, enrolNow - 30_000),
    code2: codeAt(seed, enrolNow)
  })
  expect(confirmed.result).toBe('enabled')
  await page.reload()

  const panel = page.getByTestId('sign-in-panel')
  await expect(panel.getByTestId('sign-in-line')).toContainText('Not signed in today')
  await expect(panel).toContainText(`arn:aws:iam::${accountId}:user/me`)
  await expect(page.getByTestId('role-card-dev')).toContainText(`arn:aws:iam::${accountId}:role/dev`)
  await expectAccessible(page)

  // A wrong code: said why, the box empties and keeps the focus.
  const box = panel.getByRole('textbox', { name: 'MFA code for me' })
  await box.click()
  await page.keyboard.type('000000')
  await expect(panel.getByRole('alert')).toBeVisible()
  await expect(box).toHaveValue('')
  await expect(box).toBeFocused()
  await expectAccessible(page)

  // The right one, by keyboard: five digits, then Enter is "Type all 6 digits"; the sixth sends it.
  const now = await steadyNow()
  const code = codeForStep(seed, Math.max(stepAt(now), stepAt(enrolNow) + 1))
  await page.keyboard.type(code.slice(0, 5))
  await page.keyboard.press('Enter')
  await expect(panel).toContainText('Type all 6 digits (5 so far).')
  await page.keyboard.type(code.slice(5))
  await expect(panel.getByTestId('sign-in-line')).toContainText(/Signed in as me until \d/)
  await expect(panel.getByRole('status')).toContainText('every role’s session has started')
  await expect(panel.getByRole('textbox', { name: 'MFA code for me' })).toHaveCount(0)
  for (const role of ['billing', 'dev', 'ops']) await expect(page.getByTestId(`session-${role}`)).toContainText(/ left/)
  const overview = await ask(page, 'profiles.list', {})
  expect(overview.signIn?.session?.state).toBe('valid')
  expect(overview.roles.map((role) => role.session?.state)).toEqual(['valid', 'valid', 'valid'])
  await expectAccessible(page)

  // The console now opens in one click, no code.
  await page.getByTestId('role-card-dev').getByRole('button', { name: 'Open console as dev' }).click()
  await expect(page.getByTestId('role-card-dev').locator('.console-outcome')).toContainText('The console opened in its own window')
  expect(bridge.consoleWindows.map((opened) => opened.role)).toEqual(['dev'])
})

test('Plan in the roles layout, on an account that has the guide’s users: a note by the sign-in, the admin role on request', async ({ page, bridge }) => {
  test.setTimeout(120_000)
  await openAtStep(page, bridge, 'plan')
  await ask(page, 'connect.practice', {})
  const { summary } = await ask(page, 'setup.apply', { roles: await ask(page, 'setup.defaults', {}) })
  expect(summary.outcome).toBe('done')
  await page.reload()
  await expect(screen(page)).toHaveAttribute('data-step', 'plan')
  const diff = page.getByTestId('plan-diff')
  await expect(diff.getByText(/already there/)).toBeVisible({ timeout: 20_000 })

  await page.getByRole('radio', { name: 'One sign-in, three roles' }).check()
  const signIn = page.locator('[data-role="sign-in"]')
  const note = signIn.locator('.field-note')
  await expect(note).toContainText('This account already has the users billing, dev and ops', { timeout: 20_000 })
  await expect(page.getByLabel('Sign-in user name')).toHaveAttribute('aria-describedby', /\s/)
  await expect(page.getByLabel('Sign-in user name')).toHaveAttribute('aria-invalid', 'false')
  await expect(diff.getByRole('region', { name: 'Your sign-in (me): what changes' })).toContainText('Good to know')
  await expect(page.getByRole('button', { name: 'Continue to Apply' })).toBeEnabled()

  // A sign-in name AWS refuses: said by the field, and Continue waits.
  const name = page.getByLabel('Sign-in user name')
  await name.fill('me and you')
  await expect(name).toHaveAttribute('aria-invalid', 'true', { timeout: 10_000 })
  await expect(signIn.locator('.field-error')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Continue to Apply' })).toBeDisabled()
  await name.fill('me')
  await expect(name).toHaveAttribute('aria-invalid', 'false')

  // The admin role, on request, as an IAM role with AdministratorAccess.
  await page.getByLabel(/Also an admin IAM role/).check()
  const admin = page.getByRole('region', { name: 'Administrator', exact: true })
  await expect(admin.getByLabel('Role name')).toHaveValue('admin')
  await expect(admin).toContainText('AdministratorAccess')
  await expect(diff.getByRole('region', { name: 'Administrator: what changes' })).toContainText('IAM role admin', { timeout: 20_000 })
  await expectAccessible(page)

  // Back to the guide's layout: its roles as they were, and nothing changed in AWS.
  await page.getByRole('radio', { name: 'Three users, as the guide' }).check()
  await expect(page.getByRole('region', { name: 'Development', exact: true }).getByLabel('User name')).toHaveValue('dev')
  expect(Object.keys(practiceOf(bridge).state.roles)).toEqual([])
  expect(Object.keys(practiceOf(bridge).state.users).sort()).toEqual(['billing', 'dev', 'ops'])
})
