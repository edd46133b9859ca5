import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from './support/bridge'
import { captureScreen, expectAccessible } from './support/screens'

const step = (page: import('@playwright/test').Page) => page.locator('main#main')

test.describe('The stepper', () => {
  test('Start opens the first step, the stepper says where the user is, and a restart comes back there', async ({ page, bridge }) => {
    await bridge.open(page)
    const nav = page.getByRole('navigation', { name: 'Setup steps' })
    await expect(nav.getByRole('listitem')).toHaveCount(9)
    await captureScreen(page, 'welcome')
    await page.getByRole('button', { name: 'Start with the practice account' }).click()
    await expect(step(page)).toHaveAttribute('data-step', 'root')
    await expect(nav.locator('[aria-current="step"]')).toContainText('Secure the root user')
    // Steps not reached yet are shown but cannot be opened.
    await expect(nav.getByRole('button', { name: /Plan/ })).toHaveCount(0)
    await expect(page.getByTestId('account-badge')).toContainText('Practice account')

    // journey.json holds where the user is and nothing else; a reload is what a restart looks like.
    const saved = JSON.parse(readFileSync(path.join(bridge.dataDir, 'journey.json'), 'utf8')) as Record<string, unknown>
    expect(saved).toEqual({ account: 'practice', current: 'root', reached: 'root', done: ['welcome'], finished: false })
    await page.reload()
    await expect(step(page)).toHaveAttribute('data-step', 'root')
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused()
  })

  test('goes back to any step already reached, and Welcome offers to continue where the user left off', async ({ page, bridge }) => {
    await bridge.open(page)
    await page.evaluate(() => window.cairn.journey.update({ account: 'practice', done: 'welcome', current: 'connect' }))
    await page.reload()
    await expect(step(page)).toHaveAttribute('data-step', 'connect')
    const nav = page.getByRole('navigation', { name: 'Setup steps' })
    await nav.getByRole('button', { name: /Welcome/ }).click()
    await expect(step(page)).toHaveAttribute('data-step', 'welcome')
    await page.getByRole('button', { name: 'Continue where you left off' }).click()
    await expect(step(page)).toHaveAttribute('data-step', 'connect')
  })

  test('choosing the real account starts its own journey and labels it', async ({ page, bridge }) => {
    await bridge.open(page)
    await page.evaluate(() => window.cairn.journey.update({ account: 'practice', done: 'welcome', current: 'status' }))
    await page.reload()
    await page
      .getByRole('navigation', { name: 'Setup steps' })
      .getByRole('button', { name: /Welcome/ })
      .click()
    await page.getByRole('radio', { name: /My AWS account/ }).check()
    await page.getByRole('button', { name: 'Start with my AWS account' }).click()
    await expect(step(page)).toHaveAttribute('data-step', 'root')
    await expect(page.getByTestId('account-badge')).toHaveText(/^AWS account/)
    expect(await page.evaluate(() => window.cairn.journey.get())).toMatchObject({ ok: true, value: { account: 'real', reached: 'root' } })
  })

  test('is usable with the keyboard: skip link, then the stepper, then the screen', async ({ page, bridge }) => {
    await bridge.open(page)
    await page.evaluate(() => window.cairn.journey.update({ account: 'practice', done: 'welcome', current: 'connect' }))
    await page.reload()
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused()
    await page.keyboard.press('Shift+Tab')
    await expect(page.getByRole('navigation', { name: 'Setup steps' }).getByRole('button', { name: /Secure the root user/ })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(step(page)).toHaveAttribute('data-step', 'root')
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused()
    await expectAccessible(page)
  })
})
