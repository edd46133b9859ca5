import type { Locator, Page } from '@playwright/test'
import { expect, test } from './support/bridge'
import { expectAccessible, openAtStep } from './support/screens'
import { codeAt } from '../../src/main/mfa/totp-codes'

/** Secure the root user at 1280x800: the next action is in the first window-height, without scrolling. */

const windowHeight = 800

async function fromTheTop(page: Page): Promise<number> {
  await page.evaluate(() => window.scrollTo(0, 0))
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)
  return page.evaluate(() => document.documentElement.scrollHeight)
}

async function expectInFirstWindow(control: Locator): Promise<void> {
  await expect(control).toBeVisible()
  const box = await control.boundingBox()
  expect(box, 'the control has a box').not.toBeNull()
  expect(box!.y + box!.height).toBeLessThanOrEqual(windowHeight)
}

test('on the practice account, every next action of the root step is in the first 800 px at 1280x800', async ({ page, bridge }) => {
  await page.setViewportSize({ width: 1280, height: windowHeight })
  await openAtStep(page, bridge, 'root')
  await expect(page.getByTestId('root-check')).toContainText('MFA off')

  // The real account's guide is folded away, and opens on demand.
  const realGuide = page.locator('details.real-account-guide')
  await expect(realGuide).not.toHaveAttribute('open')
  const opening = await fromTheTop(page)
  console.log(`root step at 1280x800, before the rehearsal: scrollHeight ${opening}px`)
  await expectInFirstWindow(page.getByRole('button', { name: 'Start the rehearsal' }))

  await page.getByRole('button', { name: 'Start the rehearsal' }).click()
  await expect(page.getByTestId('root-qr')).toBeVisible()
  const rehearsal = await fromTheTop(page)
  console.log(`root step at 1280x800, rehearsal running: scrollHeight ${rehearsal}px`)
  await expectInFirstWindow(page.getByRole('textbox', { name: 'MFA code 1' }))
  await expectInFirstWindow(page.getByRole('textbox', { name: 'MFA code 2' }))
  await expectInFirstWindow(page.getByRole('button', { name: 'Add MFA' }))

  await page.getByRole('button', { name: 'Show secret key' }).click()
  const seed = (await page.getByTestId('root-secret').innerText()).replace(/\s/g, '')
  const now = Date.now()
  await page.getByRole('textbox', { name: 'MFA code 1' }).fill(codeAt(seed, now - 30_000))
  await page.getByRole('textbox', { name: 'MFA code 2' }).fill(codeAt(seed, now))
  await page.getByRole('button', { name: 'Add MFA' }).click()

  // The result takes the focus when it appears.
  const done = page.getByTestId('rehearsal-done')
  await expect(done).toContainText('Rehearsal done')
  await expect(done).toBeFocused()
  await expect(page.getByTestId('root-check')).toContainText('MFA on')
  const finished = await fromTheTop(page)
  console.log(`root step at 1280x800, rehearsal done: scrollHeight ${finished}px`)
  await expectInFirstWindow(page.getByRole('button', { name: 'Check again' }))
  await expectInFirstWindow(page.getByRole('button', { name: 'Continue', exact: true }))
  await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeEnabled()

  // The real account's guide opens on demand, every page of it.
  await realGuide.locator('summary').click()
  await expect(realGuide).toHaveAttribute('open')
  await expect(realGuide.getByRole('img', { name: /Security credentials page/ })).toBeVisible()
  await expect(realGuide.getByRole('button', { name: 'Open the AWS console' })).toBeVisible()
  await expectAccessible(page)
})

test('on a real account, the guide is the action: open, one page at a time, with I did this', async ({ page, bridge }) => {
  await page.setViewportSize({ width: 1280, height: windowHeight })
  await openAtStep(page, bridge, 'root', 'real')
  await expect(page.getByTestId('not-verified')).toBeVisible()
  await expect(page.locator('details.real-account-guide')).toHaveCount(0)
  const height = await fromTheTop(page)
  console.log(`root step at 1280x800, real account: scrollHeight ${height}px`)
  await expect(page.locator('.console-art:visible')).toHaveCount(1)
  await expectInFirstWindow(page.getByRole('button', { name: 'Open the AWS console' }))
  const didThis = page.getByRole('button', { name: 'I did this' })
  const didThisBox = await didThis.boundingBox()
  console.log(`root step at 1280x800, real account: "I did this" ends at ${didThisBox ? didThisBox.y + didThisBox.height : '?'}px`)
  await expect(page.getByText('Page 1 of 4')).toBeVisible()
  await didThis.click()
  await expect(page.getByText('Page 2 of 4')).toBeVisible()
  await expect(page.getByRole('img', { name: /Security credentials page/ })).toBeVisible()
  await expect(page.locator('.console-art:visible')).toHaveCount(1)
  await page.getByRole('button', { name: 'Next page' }).click()
  await page.getByRole('button', { name: 'Next page' }).click()
  await expect(page.getByText('Page 4 of 4')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Next page' })).toHaveCount(0)
  await didThis.click()
  await expect(page.getByText('All 4 pages done.')).toBeVisible()
  await page.getByRole('button', { name: 'Show all 4 pages' }).click()
  await expect(page.locator('.console-art:visible')).toHaveCount(4)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'One page at a time' }).click()
  await expect(page.locator('.console-art:visible')).toHaveCount(1)
})
