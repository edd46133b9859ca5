import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { codeAt, codeForStep, stepAt } from '../../src/main/mfa/totp-codes'
import type { PracticeServer } from '../../src/practice'
import { policyArns } from '../../src/main/setup/roles'
import { loadSearchableKeytar, roleSecretsSchema, type RoleSecrets } from '../../src/main/vault/secret-store'
import { repoRoot } from '../support/build'
import { expect, test, type Bridge } from './support/bridge'
import { captureScreen, expectAccessible } from './support/screens'

/**
 * The whole journey on a fresh practice account, as a user walks it: only clicks and keys on
 * the screens (page.evaluate reads, never drives). Every screen is checked with axe and saved
 * in both themes, numbered in journey order. With CAIRN_README_SCREENS=1 it also refreshes the
 * README's pictures in docs/screens/.
 */

const readmeScreens = process.env['CAIRN_README_SCREENS'] === '1'
const readmeDir = path.join(repoRoot, 'docs', 'screens')

const screen = (page: Page) => page.locator('main#main')
const stepper = (page: Page) => page.getByRole('navigation', { name: 'Setup steps' })
const checkRow = (page: Page, id: string) => page.locator(`li[data-check="${id}"]`)

function practiceOf(bridge: Bridge): PracticeServer {
  const server = bridge.practice.server
  if (!server) throw new Error('the practice account did not start')
  return server
}

/** axe in both themes, then the light and dark screenshot of the screen as it is now. */
async function record(page: Page, name: string, mask: Locator[] = []): Promise<void> {
  await expectAccessible(page)
  await captureScreen(page, name, { mask })
}

/** The README's copy: the window a user sees (1100x800, not the full page), small enough to commit. */
async function readmeShot(page: Page, name: string, colorScheme: 'light' | 'dark'): Promise<void> {
  if (!readmeScreens) return
  mkdirSync(readmeDir, { recursive: true })
  const before = page.viewportSize()
  await page.setViewportSize({ width: 1100, height: 800 })
  await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' })
  // The heading has the focus when a screen opens; the picture shows the screen, not a focus ring.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  // From the top of the screen, as it opens.
  await page.mouse.move(550, 400)
  await page.mouse.wheel(0, -100_000)
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)
  await page.screenshot({ path: path.join(readmeDir, `${name}.png`), animations: 'disabled' })
  await page.emulateMedia({ colorScheme: 'light' })
  if (before) await page.setViewportSize(before)
}

/** Now, away from a code change, so the test and the practice account read the same 30-second step. */
async function steadyNow(): Promise<number> {
  const into = Date.now() % 30_000
  if (into < 2000 || into > 26_000) await new Promise((resolve) => setTimeout(resolve, (32_000 - into) % 30_000))
  return Date.now()
}

/** The two consecutive codes an authenticator app shows for `seed` now: the previous one, then the current one. */
async function twoCodes(seed: string): Promise<{ code1: string; code2: string; step: number }> {
  const now = await steadyNow()
  return { code1: codeAt(seed, now - 30_000), code2: codeAt(seed, now), step: stepAt(now) }
}

const seedOf = (shown: string) => shown.replace(/\s/g, '')

/** Every file under `dir`, read as text (a missing folder has none). */
function filesUnder(dir: string): Array<{ file: string; text: string }> {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? filesUnder(file) : [{ file, text: readFileSync(file, 'latin1') }]
  })
}

test('the whole journey on a fresh practice account, from Welcome to Profiles', async ({ page, bridge }) => {
  test.setTimeout(360_000)
  const server = practiceOf(bridge)
  const accountId = server.accountId
  await bridge.open(page)

  // 1. Welcome: the practice account is the default, and labelled as such.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secure your AWS account, calmly.')
  await expect(page.getByRole('radio', { name: /Practice account/ })).toBeChecked()
  await expect(page.getByTestId('practice-status')).toContainText(accountId)
  await expect(page.getByTestId('keychain-status')).toContainText('ready')
  await record(page, '01-welcome')
  await readmeShot(page, 'welcome', 'light')
  await page.getByRole('button', { name: 'Start with the practice account' }).click()

  // 2. Secure the root user: the rehearsal, with codes from the secret key the screen shows.
  await expect(screen(page)).toHaveAttribute('data-step', 'root')
  await expect(page.getByTestId('account-badge')).toContainText('Practice account')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secure the root user')
  await expect(page.getByTestId('root-check')).toContainText('MFA off')
  await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeDisabled()
  await page.getByRole('button', { name: 'Start the rehearsal' }).click()
  const rootQr = page.getByTestId('root-qr')
  await expect(rootQr).toBeVisible()
  await record(page, '02-root-rehearsal', [rootQr])
  await page.getByRole('button', { name: 'Show secret key' }).click()
  const rootSeed = seedOf(await page.getByTestId('root-secret').innerText())
  expect(rootSeed).toMatch(/^[A-Z2-7]{16,}$/)
  const rootCodes = await twoCodes(rootSeed)
  await page.getByRole('textbox', { name: 'MFA code 1' }).click()
  await page.keyboard.type(rootCodes.code1)
  await page.keyboard.press('Tab')
  await page.keyboard.type(rootCodes.code2)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('root-check')).toContainText('AccountMFAEnabled = 1')
  await expect(page.getByTestId('rehearsal')).toHaveCount(0)
  // The seed leaves the page with the set-up.
  expect(await page.content()).not.toContain(rootSeed)
  await page.getByRole('button', { name: 'Check again' }).click()
  await expect(page.getByTestId('root-check')).toContainText('MFA on')
  await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeEnabled()
  await record(page, '03-root-done')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()

  // 3. Connect: the practice account needs no typing.
  await expect(screen(page)).toHaveAttribute('data-step', 'connect')
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused()
  await page.getByRole('button', { name: 'Connect to the practice account' }).click()
  const connected = page.getByTestId('connection-summary')
  await expect(connected).toContainText(accountId)
  await expect(connected).toContainText('The root user')
  await expect(connected).toContainText('Practice account')
  await record(page, '04-connect')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()

  // 4. Security status: red on a new account; root MFA already passes, the password policy is fixed in place.
  await expect(screen(page)).toHaveAttribute('data-step', 'status')
  const summary = page.getByTestId('status-summary')
  await expect(summary).toHaveText(/[1-9]\d* failing/, { timeout: 30_000 })
  await expect(page.getByText('Red is expected on a new account')).toBeVisible()
  await expect(checkRow(page, 'root-mfa')).toContainText('Pass')
  // Cairn's own temporary key is amber, not red: its deletion is a step of its own.
  await expect(checkRow(page, 'root-access-keys')).toContainText('Warning')
  await expect(checkRow(page, 'root-access-keys')).toContainText('deleted in the Billing access step')
  await expect(checkRow(page, 'password-policy')).toContainText('Fail')
  await expect(checkRow(page, 'billing-access')).toContainText('Warning')
  await record(page, '05-status')
  await checkRow(page, 'password-policy').getByRole('button', { name: 'Set the recommended password policy' }).click()
  await expect(checkRow(page, 'password-policy')).toContainText('Pass')
  expect(server.state.passwordPolicy?.MinimumPasswordLength).toBe(14)
  await page.getByRole('button', { name: 'Continue', exact: true }).click()

  // 5. Plan: the suggested roles; a restart here comes back to Plan.
  await expect(screen(page)).toHaveAttribute('data-step', 'plan')
  const diff = page.getByTestId('plan-diff')
  await expect(diff.getByText('19 to create, 0 already there')).toBeVisible({ timeout: 20_000 })
  await page.reload()
  await expect(screen(page)).toHaveAttribute('data-step', 'plan')
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused()
  await expect(stepper(page).locator('[aria-current="step"]')).toContainText('Plan')
  await expect(page.getByRole('region', { name: 'Development', exact: true }).getByLabel('User name')).toHaveValue('dev')
  await expect(diff.getByText('19 to create, 0 already there')).toBeVisible({ timeout: 20_000 })
  expect(Object.keys(server.state.users)).toEqual([])
  await record(page, '06-plan')
  await readmeShot(page, 'plan', 'light')
  await page.getByRole('button', { name: 'Continue to Apply' }).click()

  // 6. Apply: every row ends done (CairnRequireMFA waits for each user's MFA, by design).
  await expect(screen(page)).toHaveAttribute('data-step', 'apply')
  const rows = page.getByTestId('apply-rows').locator('li')
  await expect(rows).toHaveCount(19)
  await page.getByRole('button', { name: 'Apply', exact: true }).click()
  const applied = page.getByTestId('apply-summary')
  await expect(applied).toHaveAttribute('data-outcome', 'done', { timeout: 60_000 })
  await expect(page.getByTestId('apply-rows').locator('li[data-state="done"]')).toHaveCount(17)
  await expect(page.getByTestId('apply-rows').locator('li[data-state="skipped"]')).toHaveCount(2)
  await expect(page.getByTestId('apply-rows').locator('li[data-state="failed"]')).toHaveCount(0)
  await expect(page.getByTestId('apply-bar')).toHaveAttribute('value', '19')
  await record(page, '07-apply')
  await readmeShot(page, 'apply', 'light')
  await page.getByRole('button', { name: /^Continue/ }).click()

  // 7. MFA for each user: every console user gets a device, codes from the secret key shown.
  await expect(screen(page)).toHaveAttribute('data-step', 'mfa')
  const usedStep: Record<string, number> = {}
  let devSeed = ''
  for (const user of ['billing', 'dev', 'ops']) {
    const card = page.getByTestId(`mfa-user-${user}`)
    await expect(card).toContainText('No MFA yet')
    await card.getByRole('button', { name: `Set up MFA for ${user}` }).click()
    const panel = card.getByTestId('enroll-panel')
    await expect(panel.getByRole('heading', { name: `Set up MFA for ${user}` })).toBeFocused()
    const qr = panel.getByTestId('mfa-qr')
    await expect(qr).toBeVisible()
    await expect(panel).toContainText(`${user}@${accountId}`)
    await panel.getByRole('button', { name: 'Show secret key' }).click()
    const seed = seedOf(await panel.getByTestId('mfa-secret').innerText())
    if (user === 'billing') await record(page, '08-mfa-setup', [qr, panel.getByTestId('mfa-secret')])
    const codes = await twoCodes(seed)
    await panel.getByRole('textbox', { name: 'MFA code 1' }).click()
    // Six digits move on to the second box by themselves.
    await page.keyboard.type(codes.code1 + codes.code2)
    await page.keyboard.press('Enter')
    await expect(card.getByTestId('mfa-enabled')).toContainText(`MFA is on for ${user}`)
    await expect(card).toContainText('MFA on')
    usedStep[user] = codes.step
    if (user === 'dev') devSeed = seed
  }
  await expect(page.getByTestId('mfa-qr')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeEnabled()
  await record(page, '09-mfa-done')
  await readmeShot(page, 'mfa-dark', 'dark')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()

  // 8. Billing access: done on the practice account, checked again; then the root key goes, with consent.
  await expect(screen(page)).toHaveAttribute('data-step', 'billing')
  const billingState = page.getByTestId('billing-state')
  await expect(billingState).toContainText('IAM access to billing: Off')
  await page.getByRole('button', { name: 'Do it on the practice account' }).click()
  await expect(billingState).toContainText('IAM access to billing: On')
  await page.getByRole('button', { name: 'Check again' }).click()
  await expect(billingState).toContainText('IAM access to billing: On')
  const deleteKey = page.getByRole('button', { name: 'Delete the temporary root access key' })
  await expect(deleteKey).toBeDisabled()
  await page.getByLabel(/Delete the root access key Cairn is connected with/).check()
  await deleteKey.click()
  await expect(page.getByTestId('bootstrap-key-deleted')).toContainText('Root access keys now: 0')
  expect(server.state.root.accessKeys).toEqual([])
  await record(page, '10-billing')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()
  await expect(screen(page)).toHaveAttribute('data-step', 'profiles')

  // 9. Back to Security status through the stepper: green where the journey fixed it.
  await stepper(page)
    .getByRole('button', { name: /Security status/ })
    .click()
  await expect(screen(page)).toHaveAttribute('data-step', 'status')
  // The root key is gone, so Cairn asks before making a new temporary one to read the account.
  expect(server.state.root.accessKeys).toEqual([])
  await page.getByRole('button', { name: 'Connect with a new temporary root key' }).click()
  await expect(summary).toBeVisible({ timeout: 30_000 })
  for (const id of ['root-mfa', 'password-policy', 'console-users-mfa', 'billing-access', 'permissions-through-groups', 'no-admin-outside-admin-role']) {
    await expect(checkRow(page, id), id).toContainText('Pass')
  }
  // The only amber left for the root is the key this look needed, and one click removes it again.
  await expect(checkRow(page, 'root-access-keys')).toContainText('Warning')
  await record(page, '11-status-after')
  await page.getByTestId('temporary-root-key').getByRole('button', { name: 'Delete the key and disconnect' }).click()
  await expect(page.getByRole('button', { name: 'Connect with a new temporary root key' })).toBeVisible()
  expect(server.state.root.accessKeys).toEqual([])
  await stepper(page)
    .getByRole('button', { name: /Profiles/ })
    .click()

  // 10. Profiles: switch to dev, refresh its session with a code, open its console.
  await expect(screen(page)).toHaveAttribute('data-step', 'profiles')
  const roleCard = (role: string) => page.getByTestId(`role-card-${role}`)
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['billing', 'dev', 'ops'])
  for (const role of ['billing', 'dev', 'ops']) await expect(roleCard(role)).toContainText(`arn:aws:iam::${accountId}:user/${role}`)
  await roleCard('ops').getByRole('button', { name: 'Make active (ops)' }).click()
  await expect(roleCard('ops').getByText('Active', { exact: true })).toBeVisible()
  await roleCard('dev').getByRole('button', { name: 'Make active (dev)' }).click()
  await expect(roleCard('dev').getByText('Active', { exact: true })).toBeVisible()
  await expect(roleCard('ops').getByText('Active', { exact: true })).toHaveCount(0)
  await expect(roleCard('dev').getByRole('status')).toHaveText('dev is now the active role for the AWS CLI.')

  await roleCard('dev').getByRole('button', { name: 'Refresh session for dev' }).click()
  const codeBox = roleCard('dev').getByRole('textbox', { name: 'MFA code for dev' })
  await expect(codeBox).toBeFocused()
  const now = await steadyNow()
  // A code is accepted once: after the one the set-up used, the authenticator's next.
  const sessionStep = Math.max(stepAt(now), (usedStep['dev'] ?? 0) + 1)
  await page.keyboard.type(codeForStep(devSeed, sessionStep))
  await expect(roleCard('dev').getByRole('status')).toContainText('New session for dev started')
  await expect(roleCard('dev').getByTestId('session-dev')).toContainText(/ left/)

  await roleCard('dev').getByRole('button', { name: 'Open console as dev' }).click()
  // dev's calls need MFA, which a federated one-click sign-in cannot carry: the sign-in page, password on the clipboard.
  await expect(roleCard('dev').locator('.console-outcome')).toContainText('Sign in as dev in the window that opened')
  expect(bridge.passwordsCopied).toBe(1)
  expect(bridge.consoleWindows.map((opened) => opened.role)).toEqual(['dev'])
  expect(new URL(bridge.consoleWindows[0]?.url ?? '').origin).toBe(new URL(server.endpoint).origin)
  await record(page, '12-profiles')
  await readmeShot(page, 'profiles', 'light')

  // The account as planned: users in their groups with their policies, each with one enabled MFA device.
  const state = server.state
  const expected = [
    { user: 'billing', group: 'Finance', policy: policyArns.billing, requireMfa: false, accessKey: false },
    { user: 'dev', group: 'Developers', policy: policyArns.powerUser, requireMfa: true, accessKey: true },
    { user: 'ops', group: 'Operations', policy: policyArns.systemAdministrator, requireMfa: true, accessKey: true }
  ]
  expect(
    Object.values(state.users)
      .map((u) => u.userName)
      .sort()
  ).toEqual(['billing', 'dev', 'ops'])
  expect(
    Object.values(state.groups)
      .map((g) => g.groupName)
      .sort()
  ).toEqual(['Developers', 'Finance', 'Operations'])
  for (const want of expected) {
    const user = state.users[want.user]!
    const group = state.groups[want.group.toLowerCase()]!
    expect(user.groups).toEqual([want.group.toLowerCase()])
    expect(user.attachedPolicyArns).toEqual([])
    expect(Object.keys(user.inlinePolicies)).toEqual([])
    expect(user.loginProfile).not.toBeNull()
    expect(user.accessKeys.filter((k) => k.status === 'Active')).toHaveLength(want.accessKey ? 1 : 0)
    expect(group.attachedPolicyArns).toEqual([want.policy])
    expect(Object.keys(group.inlinePolicies)).toEqual(want.requireMfa ? ['CairnRequireMFA'] : [])
    expect(user.mfaSerials).toHaveLength(1)
    expect(state.virtualMfaDevices[user.mfaSerials[0]!]?.enabledFor).toBe(want.user)
  }
  expect(state.root.mfaSerials).toHaveLength(1)
  expect(Object.values(state.virtualMfaDevices).filter((d) => d.enabledFor === null)).toEqual([])
  expect(state.console.iamUserAccessToBilling).toBe(true)

  // The keychain: one entry per role, dev's session among them, each matching what AWS issued.
  const keytar = await loadSearchableKeytar()
  const entries = await keytar.findCredentials(bridge.vaultService)
  const secrets = new Map<string, RoleSecrets>(entries.map((e) => [e.account, roleSecretsSchema.parse(JSON.parse(e.password))]))
  expect([...secrets.keys()].sort()).toEqual([`${accountId}/billing`, `${accountId}/dev`, `${accountId}/ops`])
  for (const want of expected) {
    const held = secrets.get(`${accountId}/${want.user}`)!
    const user = state.users[want.user]!
    expect(held.consolePassword).toBe(user.loginProfile?.password)
    expect(held.accessKey?.accessKeyId).toBe(want.accessKey ? user.accessKeys[0]?.accessKeyId : undefined)
  }
  const devSession = secrets.get(`${accountId}/dev`)?.session
  expect(devSession).toBeDefined()
  expect(Date.parse(devSession!.expiration)).toBeGreaterThan(Date.now())
  expect(state.sessions[devSession!.accessKeyId]).toMatchObject({ principal: 'dev', mfaAuthenticated: true })

  // The AWS CLI profiles ask Cairn for credentials; they hold none themselves.
  const config = readFileSync(bridge.configFile, 'utf8')
  for (const profile of ['cairn', 'cairn-billing', 'cairn-dev', 'cairn-ops']) expect(config).toContain(`[profile ${profile}]`)
  expect(config).toContain('credential_process')

  // No secret in Cairn's data folder or the AWS config: only in the keychain.
  const secretValues = [...secrets.values()].flatMap((held) =>
    [held.consolePassword, held.accessKey?.secretAccessKey, held.session?.secretAccessKey, held.session?.sessionToken].filter((v): v is string => Boolean(v))
  )
  expect(secretValues.length).toBeGreaterThanOrEqual(7)
  const files = [...filesUnder(bridge.dataDir), ...filesUnder(path.dirname(bridge.configFile))]
  expect(files.map((f) => path.basename(f.file))).toContain('journey.json')
  const leaks = files.flatMap(({ file, text }) => secretValues.filter((secret) => text.includes(secret)).map(() => file))
  expect(leaks).toEqual([])
})
