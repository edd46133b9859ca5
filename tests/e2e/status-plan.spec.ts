import { CreateGroupCommand, IAMClient } from '@aws-sdk/client-iam'
import type { Page } from '@playwright/test'
import { awsManagedPolicies } from '../../src/practice'
import { expect, test } from './support/bridge'
import { captureScreen, expectAccessible, openAtStep } from './support/screens'

/** The practice account's job-function policies, in the picker's order (by name). */
const jobFunctions = awsManagedPolicies
  .filter((p) => p.path === '/job-function/')
  .map((p) => p.policyName)
  .sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
const roleCard = (page: Page, label: string) => page.getByRole('region', { name: label, exact: true })

test('the plan starts from the suggested roles, says AWS’s rules as you type, and lists what Apply will create', async ({ page, bridge }) => {
  // A real scan (credential report included) and axe in both themes, more than once.
  test.setTimeout(180_000)
  await openAtStep(page, bridge, 'plan')
  await expect(page.getByRole('heading', { level: 1, name: 'Plan' })).toBeVisible()

  const billing = roleCard(page, 'Billing')
  const dev = roleCard(page, 'Development')
  const ops = roleCard(page, 'Operations')
  await expect(billing.getByLabel('User name')).toHaveValue('billing')
  await expect(billing.getByLabel('Group name')).toHaveValue('Finance')
  await expect(billing.getByRole('list', { name: 'Policies for Billing', exact: true })).toHaveText('Billing×')
  await expect(dev.getByLabel('Group name')).toHaveValue('Developers')
  await expect(dev.getByRole('list', { name: 'Policies for Development', exact: true })).toContainText('PowerUserAccess')
  await expect(ops.getByLabel('Group name')).toHaveValue('Operations')
  await expect(ops.getByRole('list', { name: 'Policies for Operations', exact: true })).toContainText('SystemAdministrator')
  await expect(dev.getByLabel('Programmatic access key')).toBeChecked()
  await expect(billing.getByLabel('Programmatic access key')).not.toBeChecked()

  const diff = page.getByTestId('plan-diff')
  await expect(diff.getByText('19 to create, 0 already there')).toBeVisible()
  await expect(diff.getByRole('listitem').filter({ hasText: 'Group Finance' })).toContainText('Will create')
  await expect(diff.getByRole('listitem').filter({ hasText: 'PowerUserAccess attached to Developers' })).toContainText('Will create')
  await expect(diff.getByRole('listitem').filter({ hasText: 'CairnRequireMFA on Developers' })).toContainText('After MFA')
  const next = page.getByRole('button', { name: 'Continue to Apply' })
  await expect(next).toBeEnabled()
  await expectAccessible(page)
  await captureScreen(page, 'plan')

  // AWS's rule, next to the field, while typing; nothing is sent to AWS to change anything.
  const devUser = dev.getByLabel('User name')
  await devUser.fill('dev team')
  await expect(dev.getByText('Needs a change: Use only letters, digits and + = , . @ _ - in the user name; "dev team" has a space.')).toBeVisible()
  await expect(devUser).toHaveAttribute('aria-invalid', 'true')
  await expect(next).toBeDisabled()
  await expect(page.getByText('Fix the fields marked “Needs a change” first.')).toBeVisible()
  await expectAccessible(page)
  await devUser.fill('dev')
  await expect(dev.getByText(/Needs a change/)).toHaveCount(0)
  await expect(devUser).toHaveAttribute('aria-invalid', 'false')
  await expect(next).toBeEnabled()
  expect(Object.keys(bridge.practice.server?.state.users ?? {})).toEqual([])
  expect(bridge.received.filter((r) => r.channel === 'setup.apply')).toHaveLength(0)

  // The picker, by keyboard only: job-function policies first, PowerUserAccess found by name.
  await ops.getByLabel('Group name').focus()
  await page.keyboard.press('Tab')
  await expect(ops.getByRole('button', { name: 'Remove SystemAdministrator' })).toBeFocused()
  await page.keyboard.press('Tab')
  const choose = ops.getByRole('button', { name: 'Choose policies' })
  await expect(choose).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(ops.getByRole('button', { name: 'Close the policy list' })).toHaveAttribute('aria-expanded', 'true')
  const list = ops.getByRole('list', { name: 'AWS managed policies for Operations' })
  await expect(ops.getByRole('radio', { name: 'AWS managed — job function' })).toBeChecked()
  await expect(list.getByRole('checkbox')).toHaveCount(jobFunctions.length)
  await expect(list.getByRole('listitem').first()).toContainText(jobFunctions[0]!)
  await expect(list.getByRole('checkbox', { name: /^SystemAdministrator/ })).toBeChecked()
  await expect(ops.getByText(/PowerUserAccess, AdministratorAccess and ReadOnlyAccess are AWS managed too but not job-function policies/)).toBeVisible()

  await page.keyboard.press('Tab')
  await expect(ops.getByRole('radio', { name: 'AWS managed — job function' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(ops.getByRole('searchbox', { name: 'Search by name' })).toBeFocused()
  await page.keyboard.type('poweruseraccess')
  await expect(ops.getByText('No job-function policy is called that; 1 other AWS managed policy is.')).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(ops.getByRole('button', { name: 'Show all AWS managed' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(ops.getByRole('radio', { name: 'All AWS managed' })).toBeChecked()
  const powerUser = list.getByRole('checkbox', { name: /^PowerUserAccess/ })
  await expect(list.getByRole('checkbox')).toHaveCount(1)
  await powerUser.focus()
  await page.keyboard.press('Space')
  await expect(powerUser).toBeChecked()
  await expect(ops.getByRole('list', { name: 'Policies for Operations', exact: true })).toContainText('PowerUserAccess')
  await expect(diff.getByRole('listitem').filter({ hasText: 'PowerUserAccess attached to Operations' })).toContainText('Will create')
  await expectAccessible(page)

  // Removed again from its chip, by keyboard.
  await ops.getByRole('button', { name: 'Remove PowerUserAccess' }).focus()
  await page.keyboard.press('Enter')
  await expect(ops.getByRole('list', { name: 'Policies for Operations', exact: true })).not.toContainText('PowerUserAccess')
  await expect(ops.getByRole('button', { name: 'Close the policy list' })).toBeFocused()
  await expect(diff.getByText('PowerUserAccess attached to Operations')).toHaveCount(0)

  // A renamed user travels to Apply; back from Apply, the plan is as it was left.
  await ops.getByLabel('User name').fill('operator')
  await expect(diff.getByRole('listitem').filter({ hasText: 'User operator' })).toContainText('Will create')
  await expect(next).toBeEnabled()
  await next.click()
  await expect(page.locator('main#main')).toHaveAttribute('data-step', 'apply')
  await page.getByRole('navigation', { name: 'Setup steps' }).getByRole('button', { name: /Plan/ }).click()
  await expect(roleCard(page, 'Operations').getByLabel('User name')).toHaveValue('operator')
})

test('the admin role is added on request, and a blocking conflict stops Continue with its reason', async ({ page, bridge }) => {
  // A real scan (credential report included) and axe in both themes, more than once.
  test.setTimeout(180_000)
  await openAtStep(page, bridge, 'plan')
  await page.getByLabel('Also an admin user').check()
  const admin = roleCard(page, 'Administrator')
  await expect(admin.getByLabel('Group name')).toHaveValue('Administrators')
  await expect(admin.getByRole('list', { name: 'Policies for Administrator', exact: true })).toContainText('AdministratorAccess')

  // A group that exists under another spelling: IAM names ignore case, so "developers" cannot be made.
  const server = bridge.practice.server!
  const root = new IAMClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { ...server.rootCredentials! } })
  await root.send(new CreateGroupCommand({ GroupName: 'developers' }))
  const dev = roleCard(page, 'Development')
  await dev.getByLabel('User name').fill('dev2')
  await expect(dev.getByText(/A group named "developers" already exists, and IAM names ignore case/)).toBeVisible()
  const next = page.getByRole('button', { name: 'Continue to Apply' })
  await expect(next).toBeDisabled()
  await expect(page.getByText(/A conflict stops Apply: A group named "developers" already exists/)).toBeVisible()
  await expect(page.getByTestId('plan-diff').getByRole('listitem').filter({ hasText: 'Group Developers' })).toContainText('Conflict')

  await dev.getByLabel('Group name').fill('developers')
  await expect(next).toBeEnabled()
  await expect(page.getByTestId('plan-diff').getByRole('listitem').filter({ hasText: 'Group developers' })).toContainText('Exists')
})
