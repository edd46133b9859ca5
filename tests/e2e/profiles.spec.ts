import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './support/bridge'
import { ask, codeAt, steadyNow } from './support/cairn-calls'
import { captureScreen, expectAccessible, openAtStep } from './support/screens'

/**
 * The Profiles screen against the real handlers: the practice account is set up in the test
 * through window.cairn (connect, defaults, apply, MFA) exactly as the earlier screens do it.
 */

/** Connects as the practice root user and applies the default roles (billing, dev, ops); dev may skip CairnRequireMFA. */
async function applyDefaultRoles(page: Page, options: { devRequiresMfa: boolean } = { devRequiresMfa: true }): Promise<string> {
  const { accountId } = await ask(page, 'connect.practice', {})
  const roles = (await ask(page, 'setup.defaults', {})).map((role) => (role.role === 'dev' ? { ...role, requireMfaForApi: options.devRequiresMfa } : role))
  const { summary } = await ask(page, 'setup.apply', { roles })
  expect(summary.outcome).toBe('done')
  return accountId
}

/** Turns on dev's MFA the way the MFA screen does (secret key, two consecutive codes); returns the seed. */
async function enrollDevMfa(page: Page): Promise<string> {
  const enrollment = await ask(page, 'mfa.enroll', { role: 'dev' })
  const seed = (await ask(page, 'mfa.showSecret', { enrollmentId: enrollment.enrollmentId })).secretGrouped.replace(/ /g, '')
  const now = await steadyNow()
  const confirmed = await ask(page, 'mfa.confirm', { enrollmentId: enrollment.enrollmentId, code1: codeAt(seed, now - 30_000), code2: codeAt(seed, now) })
  expect(confirmed.result).toBe('enabled')
  return seed
}

/** A code no step near now accepts. */
function wrongCode(seed: string): string {
  const now = Date.now()
  const near = new Set([-2, -1, 0, 1, 2, 3].map((step) => codeAt(seed, now + step * 30_000)))
  let code = 123456
  while (near.has(String(code).padStart(6, '0'))) code++
  return String(code).padStart(6, '0')
}

/** Opens the screen before setup (the empty state), sets the account up, and reads the screen again. */
async function openProfilesAfterSetup(page: Page, bridge: Parameters<typeof openAtStep>[1], options?: { devRequiresMfa: boolean }): Promise<string> {
  await openAtStep(page, bridge, 'profiles')
  await expect(page.getByTestId('no-roles')).toBeVisible()
  const accountId = await applyDefaultRoles(page, options)
  await page.reload()
  await expect(page.getByTestId('role-card-dev')).toBeVisible()
  return accountId
}

/** Presses Tab until `target` has the focus: proof it is reachable without a mouse. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

const card = (page: Page, role: string) => page.getByTestId(`role-card-${role}`)

/** The settings the daily view keeps folded away: the shell line, [default], removing the profiles. */
async function openSettings(page: Page): Promise<void> {
  const settings = page.getByTestId('profiles-settings')
  if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click()
  await expect(settings).toHaveAttribute('open', '')
}

test.describe('Profiles screen', () => {
  // Each test applies the roles (and may enrol MFA) on its own practice account first.
  test.describe.configure({ timeout: 120_000 })

  test('before setup, points back to Plan and Apply', async ({ page, bridge }) => {
    await openAtStep(page, bridge, 'profiles')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profiles')
    await expect(page.getByTestId('no-roles')).toContainText('No roles yet')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Go to Plan' }).click()
    await expect(page.locator('main#main')).toHaveAttribute('data-step', 'plan')
  })

  test('shows each role as AWS sees it; Make active moves the badge, and the profiles reach the AWS config file', async ({ page, bridge }) => {
    const accountId = await openProfilesAfterSetup(page, bridge)
    await expect(page.getByRole('heading', { level: 3 })).toHaveText(['billing', 'dev', 'ops'])
    for (const role of ['billing', 'dev', 'ops']) {
      await expect(card(page, role)).toContainText(`arn:aws:iam::${accountId}:user/${role}`)
      await expect(card(page, role)).toContainText(`cairn-${role}`)
    }
    // Apply made dev the active role; billing has no access key and says why it cannot be the CLI's role.
    await expect(card(page, 'dev').getByText('Active', { exact: true })).toBeVisible()
    await expect(card(page, 'billing')).toContainText('Cannot be the AWS CLI role: billing has no access key')
    await expect(card(page, 'billing').getByRole('button', { name: /Make active/ })).toHaveCount(0)
    await expect(card(page, 'dev').getByTestId('session-dev')).toContainText('No session yet')
    await expect(card(page, 'billing').getByTestId('session-billing')).toContainText('Console only')

    // Nothing is in the AWS config file yet, and the screen says so.
    expect(existsSync(bridge.configFile)).toBe(false)
    await expect(page.locator('.notice-warn').filter({ hasText: 'lacks Cairn' })).toBeVisible()
    await openSettings(page)
    await page.getByRole('button', { name: 'Write AWS CLI profiles' }).click()
    const report = page.getByTestId('write-report')
    await expect(report).toContainText(`Wrote ${bridge.configFile}`)
    await expect(report).toContainText('[profile cairn-billing], [profile cairn-dev], [profile cairn-ops], [profile cairn]')
    const config = readFileSync(bridge.configFile, 'utf8')
    for (const profile of ['cairn', 'cairn-billing', 'cairn-dev', 'cairn-ops']) expect(config).toContain(`[profile ${profile}]`)
    expect(config).toContain('credential_process')
    expect(config).not.toMatch(/aws_secret_access_key|aws_session_token/)
    await expect(page.locator('.notice-warn').filter({ hasText: 'lacks Cairn' })).toHaveCount(0)

    await card(page, 'ops').getByRole('button', { name: 'Make active (ops)' }).click()
    await expect(card(page, 'ops').getByText('Active', { exact: true })).toBeVisible()
    await expect(card(page, 'dev').getByText('Active', { exact: true })).toHaveCount(0)
    await expect(card(page, 'ops').getByRole('status')).toHaveText('ops is now the active role for the AWS CLI.')
    await expect(page.locator('.lede')).toContainText('The AWS CLI acts as ops.')
    expect((await ask(page, 'profiles.list', {})).activeRole).toBe('ops')

    await card(page, 'dev').getByRole('button', { name: 'Make active (dev)' }).click()
    await expect(card(page, 'dev').getByText('Active', { exact: true })).toBeVisible()
    await expect(card(page, 'ops').getByText('Active', { exact: true })).toHaveCount(0)

    await captureScreen(page, 'profiles')
    await expectAccessible(page)
  })

  test('refreshes an MFA session from one code box, by keyboard alone; a wrong code is explained', async ({ page, bridge }) => {
    await openProfilesAfterSetup(page, bridge)
    const seed = await enrollDevMfa(page)

    const refresh = card(page, 'dev').getByRole('button', { name: 'Refresh session for dev' })
    await tabTo(page, refresh)
    await page.keyboard.press('Enter')
    const box = card(page, 'dev').getByRole('textbox', { name: 'MFA code for dev' })
    await expect(box).toBeFocused()
    await expect(box).toHaveAttribute('inputmode', 'numeric')
    await expect(box).toHaveAttribute('autocomplete', 'one-time-code')

    // Escape closes the prompt and gives the focus back to the button.
    await page.keyboard.press('Escape')
    await expect(box).toHaveCount(0)
    await expect(refresh).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(box).toBeFocused()

    // Six digits send themselves.
    await page.keyboard.type(wrongCode(seed))
    const problem = card(page, 'dev').getByRole('alert')
    await expect(problem).toContainText('That code did not work')
    await expect(problem).toContainText('Wait for the next code in your authenticator app')
    await expect(problem).toContainText('MFA_CODE_WRONG')
    await expect(box).toHaveValue('')
    await expect(box).toBeFocused()
    await expect(box).toHaveAttribute('aria-invalid', 'true')

    // Fewer than six and Enter: the box says what is missing, nothing is sent.
    await page.keyboard.type('12')
    await page.keyboard.press('Enter')
    await expect(card(page, 'dev')).toContainText('Type all 6 digits (2 so far).')
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Backspace')

    // The device's last code is used up; the next one is within AWS's window.
    await page.keyboard.type(codeAt(seed, (await steadyNow()) + 30_000))
    await expect(card(page, 'dev').getByRole('status')).toContainText('New session for dev started')
    await expect(box).toHaveCount(0)
    await expect(refresh).toBeFocused()
    await expect(card(page, 'dev').getByTestId('session-dev')).toContainText(/(12 h|11 h 59 min) left/)
    const dev = (await ask(page, 'profiles.list', {})).roles.find((role) => role.role === 'dev')
    expect(dev?.session?.state).toBe('valid')

    // Make active by keyboard too: the focus lands on the card's heading, not on nothing.
    const makeOpsActive = card(page, 'ops').getByRole('button', { name: 'Make active (ops)' })
    await tabTo(page, makeOpsActive)
    await page.keyboard.press('Enter')
    await expect(card(page, 'ops').getByRole('heading', { name: 'ops' })).toBeFocused()
    await expect(card(page, 'ops').getByText('Active', { exact: true })).toBeVisible()
    await expectAccessible(page)
  })

  test('opens the console in a window of its own: one click where AWS allows it, else the sign-in page with the password on the clipboard', async ({
    page,
    bridge
  }) => {
    // dev without CairnRequireMFA can sign in in one click (federated); ops needs MFA; billing has no key.
    await openProfilesAfterSetup(page, bridge, { devRequiresMfa: false })
    await expect(card(page, 'dev').getByTestId('session-dev')).toContainText('Starts when used')

    await card(page, 'dev').getByRole('button', { name: 'Open console as dev' }).click()
    await expect(card(page, 'dev')).toContainText('The console opened in its own window')
    await expect(card(page, 'dev')).toContainText('Signed in as dev until')
    expect(bridge.consoleWindows.map((window) => window.role)).toEqual(['dev'])
    expect(bridge.passwordsCopied).toBe(0)

    await card(page, 'billing').getByRole('button', { name: 'Open console as billing' }).click()
    const billing = card(page, 'billing').locator('.console-outcome')
    await expect(billing).toContainText('Sign in as billing in the window that opened')
    await expect(billing).toContainText('User name: billing')
    await expect(billing).toContainText('The password is on your clipboard for 30 seconds')
    await expect(billing).toContainText('Why not one click: billing has no access key')
    expect(bridge.consoleWindows.map((window) => window.role)).toEqual(['dev', 'billing'])
    expect(bridge.passwordsCopied).toBe(1)
    // The screen never holds the password or a sign-in token.
    expect(await page.locator('main').innerText()).not.toMatch(/SigninToken|Cairn-[0-9a-f-]{36}/)

    await card(page, 'ops').getByRole('button', { name: 'Open console as ops' }).click()
    await expect(card(page, 'ops').locator('.console-outcome')).toContainText('allows nothing without MFA')
    expect(bridge.consoleWindows.map((window) => window.role)).toEqual(['dev', 'billing', 'ops'])
    expect(bridge.passwordsCopied).toBe(2)
  })

  test('copies the shell line, lets [default] follow the active role, and removes Cairn’s profiles only after confirming', async ({ page, bridge }) => {
    // The user's own config file, which must come back byte for byte.
    const own = '# my settings\n[default]\nregion = eu-west-1\n\n[profile work]\nregion = us-east-2\n'
    mkdirSync(path.dirname(bridge.configFile), { recursive: true })
    writeFileSync(bridge.configFile, own)
    await openProfilesAfterSetup(page, bridge)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: bridge.origin })

    await openSettings(page)
    await expect(page.getByTestId('shell-snippet')).toHaveText('export AWS_PROFILE=cairn')
    await expect(page.getByTestId('config-file')).toHaveText(bridge.configFile)
    await page.getByRole('button', { name: 'Copy the command' }).click()
    await expect(page.locator('.shell-snippet [role="status"]')).toHaveText('Copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('export AWS_PROFILE=cairn')

    const follow = page.getByRole('checkbox', { name: 'Make [default] follow the active role' })
    await expect(follow).not.toBeChecked()
    await follow.click()
    await expect(follow).toBeChecked()
    const report = page.locator('#default-profile ~ [role="status"]').getByTestId('write-report')
    await expect(report).toContainText('kept at')
    await expect(card(page, 'dev').getByText('[default]', { exact: true })).toBeVisible()
    const backup = (await report.locator('.notice-ok .mono').innerText()).trim()
    expect(readFileSync(backup, 'utf8')).toBe(own)
    const withDefault = readFileSync(bridge.configFile, 'utf8')
    expect(withDefault).toContain('[profile cairn]')
    expect(withDefault).toContain('[profile work]')

    // Keep them: nothing changes.
    const removeButton = page.getByRole('button', { name: 'Remove Cairn’s profiles…' })
    await removeButton.click()
    const confirm = page.getByRole('group', { name: /^Remove \[profile cairn-billing\]/ })
    await expect(confirm.getByRole('button', { name: 'Keep them' })).toBeFocused()
    await confirm.getByRole('button', { name: 'Keep them' }).click()
    await expect(confirm).toHaveCount(0)
    await expect(removeButton).toBeFocused()
    expect(readFileSync(bridge.configFile, 'utf8')).toBe(withDefault)

    await removeButton.click()
    await confirm.getByRole('button', { name: 'Remove them' }).click()
    await expect(page.getByText(`Removed Cairn’s profiles from ${bridge.configFile}`)).toBeVisible()
    expect(readFileSync(bridge.configFile, 'utf8')).toBe(own)
    await expect(follow).not.toBeChecked()
    await expect(card(page, 'dev').getByText('[default]', { exact: true })).toHaveCount(0)
  })
})
