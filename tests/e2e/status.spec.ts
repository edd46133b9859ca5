import type { Page } from '@playwright/test'
import { expect, test } from './support/bridge'
import { captureScreen, expectAccessible, openAtStep } from './support/screens'

const checkRow = (page: Page, title: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) })

test('the security status shows what is red and why, fixes the password policy in place, and scans again', async ({ page, bridge }) => {
  // A real scan (credential report included) and axe in both themes, more than once.
  test.setTimeout(180_000)
  await openAtStep(page, bridge, 'status')
  await expect(page.getByRole('heading', { level: 1, name: 'Security status' })).toBeVisible()
  const summary = page.getByTestId('status-summary')
  await expect(summary).toHaveText('7 pass, 2 warnings, 3 failing', { timeout: 20_000 })

  const rootMfa = checkRow(page, 'The root user signs in with MFA')
  await expect(rootMfa).toContainText('Fail')
  await expect(rootMfa).toContainText('The root user has no MFA device')
  await expect(rootMfa).toContainText('Secure the root user')
  const billing = checkRow(page, 'IAM users can see billing')
  await expect(billing).toContainText('Warning')
  await expect(billing).toContainText('IAM access to billing is off')
  await expect(page.getByText('Red is expected on a new account')).toBeVisible()

  await expectAccessible(page)
  await captureScreen(page, 'status')

  const password = checkRow(page, 'A strong password policy')
  await expect(password).toContainText('Fail')
  await expect(password).toContainText('The account has no password policy')
  await password.getByRole('button', { name: 'Set the recommended password policy' }).click()
  await expect(password).toContainText('Pass')
  await expect(password.getByRole('button')).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: 'A strong password policy now passes' })).toBeAttached()
  await expect(summary).toHaveText('8 pass, 2 warnings, 2 failing')
  // The account really changed: the practice account holds the policy now.
  expect(bridge.practice.server?.state.passwordPolicy?.MinimumPasswordLength).toBe(14)

  await page.getByRole('button', { name: 'Scan again' }).click()
  await expect.poll(() => bridge.received.filter((r) => r.channel === 'audit.scan').length).toBe(2)
  await expect(page.getByRole('status').filter({ hasText: 'Scan finished: 8 pass, 2 warnings, 2 failing.' })).toBeAttached({ timeout: 20_000 })
  await expect(page.getByRole('button', { name: 'Scan again' })).toBeEnabled()
  await expect(checkRow(page, 'A strong password policy')).toContainText('Pass')
  await expect(summary).toHaveText('8 pass, 2 warnings, 2 failing')
})
