import type { Page } from '@playwright/test'
import type { PracticeServer } from '../../src/practice'
import { expect, test, type Bridge } from './support/bridge'
import { ask } from './support/cairn-calls'
import { captureScreen, expectAccessible, openAtStep } from './support/screens'

/**
 * Billing access does not let the temporary root access key be walked past: Continue stays
 * disabled while the key Cairn is connected with lives, and the only other way on is "Keep it
 * for now", which the journey records (rootKeyKept) until the key is deleted.
 */

const screen = (page: Page) => page.locator('main#main')
const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue', exact: true })
const deleteButton = (page: Page) => page.getByRole('button', { name: 'Delete the temporary root access key' })
const keepButton = (page: Page) => page.getByRole('button', { name: 'Keep it for now' })

function practiceOf(bridge: Bridge): PracticeServer {
  const server = bridge.practice.server
  if (!server) throw new Error('the practice account did not start')
  return server
}

/** Billing access on the practice account, connected (as Connect would) with its temporary root key. */
async function openBillingConnected(page: Page, bridge: Bridge): Promise<void> {
  await openAtStep(page, bridge, 'billing')
  const info = await ask(page, 'connect.practice', {})
  expect(info).toMatchObject({ isRoot: true, practice: true })
  // The connection lives in main: the screen reads it when it opens.
  await page.reload()
  await expect(screen(page)).toHaveAttribute('data-step', 'billing')
  await expect(deleteButton(page)).toBeVisible()
}

async function deleteTheKey(page: Page): Promise<void> {
  await page.getByLabel(/Delete the root access key Cairn is connected with/).check()
  await deleteButton(page).click()
  await expect(page.getByTestId('bootstrap-key-deleted')).toContainText('Root access keys now: 0')
}

test('Continue waits while the temporary root key lives; deleting it lets the user on', async ({ page, bridge }) => {
  const server = practiceOf(bridge)
  await openBillingConnected(page, bridge)
  expect(server.state.root.accessKeys).toHaveLength(1)

  await expect(continueButton(page)).toBeDisabled()
  await expect(continueButton(page)).toHaveAccessibleDescription('Delete the temporary root access key first, or choose “Keep it for now”.')
  await expect(page.getByTestId('keep-root-key')).toContainText('A root access key can do anything in your account, and MFA does not protect it')
  await expect(keepButton(page)).toHaveAccessibleDescription(/MFA does not protect it/)
  await expectAccessible(page)
  await captureScreen(page, 'billing-root-key-gate')

  await deleteTheKey(page)
  expect(server.state.root.accessKeys).toEqual([])
  await expect(continueButton(page)).toBeEnabled()
  await expect(keepButton(page)).toHaveCount(0)
  expect((await ask(page, 'journey.get', {})).rootKeyKept).toBeUndefined()

  await continueButton(page).click()
  await expect(screen(page)).toHaveAttribute('data-step', 'profiles')
})

test('"Keep it for now" lets the user on and the journey records it; deleting the key later clears it', async ({ page, bridge }) => {
  const server = practiceOf(bridge)
  await openBillingConnected(page, bridge)
  await expect(continueButton(page)).toBeDisabled()

  await keepButton(page).click()
  await expect(screen(page)).toHaveAttribute('data-step', 'profiles')
  const kept = await ask(page, 'journey.get', {})
  expect(kept).toMatchObject({ rootKeyKept: true, finished: true })
  expect(kept.done).toContain('billing')
  // Nothing was deleted: the key is alive, as chosen.
  expect(server.state.root.accessKeys).toHaveLength(1)

  // Profiles, the daily screen, keeps saying so; its button leads back to Billing access.
  const warning = page.getByTestId('root-key-kept')
  await expect(warning).toContainText('A root access key is still alive')
  await warning.getByRole('button', { name: 'Delete it on Billing access' }).click()
  // Back on Billing access the choice stands (Continue is on), and the key can still go.
  await expect(screen(page)).toHaveAttribute('data-step', 'billing')
  await expect(page.getByTestId('keep-root-key')).toContainText('You chose to keep this key for now')
  await expect(continueButton(page)).toBeEnabled()

  await deleteTheKey(page)
  expect(server.state.root.accessKeys).toEqual([])
  await expect.poll(async () => (await ask(page, 'journey.get', {})).rootKeyKept).toBeUndefined()
  await expect(continueButton(page)).toBeEnabled()
  await continueButton(page).click()
  await expect(screen(page)).toHaveAttribute('data-step', 'profiles')
  await expect(page.getByTestId('root-key-kept')).toHaveCount(0)
})
