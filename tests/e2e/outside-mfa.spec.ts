import { IAMClient } from '@aws-sdk/client-iam'
import type { Page } from '@playwright/test'
import { enableDeviceInConsole, type ConsoleDevice } from '../support/console-mfa-device'
import { expect, test, type Bridge } from './support/bridge'
import { ask, codeAt, steadyNow } from './support/cairn-calls'
import { expectAccessible, openAtStep } from './support/screens'

/**
 * An MFA device the user turned on in the AWS console, not through Cairn: Profiles says Cairn
 * does not know it and links to the MFA step, where it is chosen; then its codes start sessions.
 */

/** What the user does in the IAM console: a virtual device named dev-phone, turned on for dev with two codes. */
function enableInConsole(bridge: Bridge, userName: string): Promise<ConsoleDevice> {
  const server = bridge.practice.server
  if (!server?.rootCredentials) throw new Error('the practice account did not start')
  return enableDeviceInConsole(new IAMClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: server.rootCredentials, maxAttempts: 1 }), userName)
}

const card = (page: Page, role: string) => page.getByTestId(`role-card-${role}`)

test('a device enabled in the AWS console is chosen on the MFA step, and Profiles then starts a session with its code', async ({ page, bridge }) => {
  test.setTimeout(150_000)
  await openAtStep(page, bridge, 'profiles')
  await ask(page, 'connect.practice', {})
  const { summary } = await ask(page, 'setup.apply', { roles: await ask(page, 'setup.defaults', {}) })
  expect(summary.outcome).toBe('done')
  const { serial, seed } = await enableInConsole(bridge, 'dev')
  await page.reload()

  // Profiles: the code is good, but Cairn does not know which device it is from.
  await card(page, 'dev').getByRole('button', { name: 'Refresh session for dev' }).click()
  await page.keyboard.type(codeAt(seed, await steadyNow()))
  const problem = card(page, 'dev').getByRole('alert')
  await expect(problem).toContainText('Cairn does not know this user’s MFA device')
  await expect(problem).toContainText('choose it on the MFA step in Cairn')
  await expect(problem).toContainText('cairn mfa use dev')
  await expectAccessible(page)
  await problem.getByRole('button', { name: 'Go to the MFA step' }).click()
  await expect(page.locator('main#main')).toHaveAttribute('data-step', 'mfa')

  // The MFA step lists dev's device and offers to use it.
  const dev = page.getByTestId('mfa-user-dev')
  const listed = dev.getByRole('list', { name: "dev's MFA devices" })
  await expect(listed).toContainText(serial)
  await expect(dev).toContainText('MFA on')
  await expectAccessible(page)
  await dev.getByRole('button', { name: `Use ${serial} for dev's sessions` }).click()
  await expect(dev.getByTestId('mfa-device-used')).toContainText(`Cairn now starts dev's sessions with ${serial}`)
  await expect(listed).toContainText('Cairn uses this one')
  await expect(dev.getByRole('button', { name: /^Use .* for dev's sessions$/ })).toHaveCount(0)

  // Back on Profiles, the next code from the same device starts dev's MFA-backed session.
  await page.evaluate(() => window.cairn.journey.update({ current: 'profiles' }))
  await page.reload()
  await card(page, 'dev').getByRole('button', { name: 'Refresh session for dev' }).click()
  await page.keyboard.type(codeAt(seed, (await steadyNow()) + 30_000))
  await expect(card(page, 'dev').getByRole('status')).toContainText('New session for dev started')
  const role = (await ask(page, 'profiles.list', {})).roles.find((entry) => entry.role === 'dev')
  expect(role?.session?.state).toBe('valid')
})
