import type { Page } from '@playwright/test'
import { expect, test } from './support/bridge'
import { captureScreen, expectAccessible, openAtStep } from './support/screens'
import { codeAt } from '../../src/main/mfa/totp-codes'
import type { PracticeServer } from '../../src/practice'

/** The console-only steps: root MFA (rehearsed), Connect, billing access and the root key's end. */

function server(bridge: { practice: { server: PracticeServer | null } }): PracticeServer {
  const found = bridge.practice.server
  if (!found) throw new Error('the practice account did not start')
  return found
}

/** Made up at run time, so no key-shaped literal sits in the source. */
const madeUpKeyId = (prefix: 'AKIA' | 'ASIA') => `${prefix}${'Z'.repeat(12)}${String(Date.now()).slice(-4)}`
const madeUpSecret = () => `${'x'.repeat(30)}${String(Date.now()).slice(-10)}`

/**
 * Tabs from the screen's heading to its last control and says which of the screen's visible,
 * enabled controls were never reached.
 */
async function controlsTabSkips(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    // A radio group is one Tab stop (its checked radio); arrow keys move within it.
    const otherRadio = (el: HTMLElement) => el instanceof HTMLInputElement && el.type === 'radio' && !el.checked
    const controls = [...document.querySelectorAll<HTMLElement>('main button, main input, main a[href], main summary, main textarea, main select')].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.checkVisibility() && !otherRadio(el)
    )
    controls.forEach((el, i) => (el.dataset['tabProbe'] = String(i)))
    return controls.length
  })
  await page.getByRole('heading', { level: 1 }).focus()
  const seen = new Set<string>()
  for (let i = 0; i < total + 40 && seen.size < total; i++) {
    await page.keyboard.press('Tab')
    const probe = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['tabProbe'] ?? null)
    if (probe !== null) seen.add(probe)
  }
  return page.evaluate(
    (reached) =>
      [...document.querySelectorAll<HTMLElement>('[data-tab-probe]')]
        .filter((el) => !reached.includes(el.dataset['tabProbe'] ?? ''))
        .map((el) => `${el.tagName} ${el.getAttribute('type') ?? ''} ${el.textContent?.trim() ?? ''}`),
    [...seen]
  )
}

test.describe('Secure the root user', () => {
  test('rehearses root MFA on the practice account, and Check again turns green', async ({ page, bridge }) => {
    await openAtStep(page, bridge, 'root')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secure the root user')
    // In the practice account the real account's guide is folded away; it opens on demand.
    await page.getByText('How this looks on your real account').click()
    // The drawings are images with a summary; the numbered steps beside them are the text.
    await expect(page.getByRole('img', { name: /Security credentials page/ })).toBeVisible()
    await expect(page.locator('ol.guide-steps li').filter({ hasText: '"Assign MFA device"' })).toHaveCount(1)
    await expect(page.locator('ol.guide-steps li').filter({ hasText: '"Show QR code"' })).toContainText('label may differ slightly')
    await expect(page.getByTestId('root-check')).toContainText('MFA off')
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled()

    await page.getByRole('button', { name: 'Open the AWS console' }).click()
    await expect.poll(() => bridge.openedExternally).toEqual(['https://console.aws.amazon.com/iam/home#/security_credentials'])

    await page.getByRole('button', { name: 'Start the rehearsal' }).click()
    const qr = page.getByTestId('root-qr')
    await expect(qr).toBeVisible()
    expect(await qr.evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width)).toBeGreaterThanOrEqual(200)
    await captureScreen(page, 'root', { mask: [qr] })
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Show secret key' }).click()
    const seed = (await page.getByTestId('root-secret').innerText()).replace(/\s/g, '')
    const now = Date.now()
    await page.getByRole('textbox', { name: 'MFA code 1' }).fill(codeAt(seed, now - 30_000))
    await page.getByRole('textbox', { name: 'MFA code 2' }).fill(codeAt(seed, now))
    await page.getByRole('button', { name: 'Add MFA' }).click()

    await expect(page.getByText('Rehearsal done')).toBeVisible()
    await expect(page.getByTestId('root-check')).toContainText('MFA on')
    await expect(page.getByTestId('root-check')).toContainText('AccountMFAEnabled = 1')
    // The secret is forgotten with the set-up.
    expect(await page.content()).not.toContain(seed)
    await page.getByRole('button', { name: 'Check again' }).click()
    await expect(page.getByTestId('root-check')).toContainText('MFA on')
    await expect(page.getByRole('button', { name: 'Continue' })).toBeEnabled()
  })

  test('lets the rehearsal be skipped on purpose, and reaches every control from the keyboard', async ({ page, bridge }) => {
    await openAtStep(page, bridge, 'root')
    await expect(page.getByTestId('root-check')).toContainText('MFA off')
    expect(await controlsTabSkips(page)).toEqual([])
    await page.getByRole('button', { name: 'Skip the rehearsal' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.locator('main#main')).toHaveAttribute('data-step', 'connect')
  })

  test('on a real account before Connect, says it is not verified yet and still lets the user go on', async ({ page, bridge }) => {
    await openAtStep(page, bridge, 'root', 'real')
    await expect(page.getByTestId('not-verified')).toContainText('Security status step')
    await expect(page.getByRole('button', { name: 'Start the rehearsal' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Continue (not verified yet)' })).toBeEnabled()
  })
})

test.describe('Connect', () => {
  test('connects to the practice account with one button and shows who it is', async ({ page, bridge }) => {
    await openAtStep(page, bridge, 'connect')
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled()
    await page.getByRole('button', { name: 'Connect to the practice account' }).click()
    const summary = page.getByTestId('connection-summary')
    await expect(summary).toContainText(server(bridge).accountId)
    await expect(summary).toContainText('The root user')
    await expect(page.getByRole('button', { name: 'Continue' })).toBeEnabled()
    await captureScreen(page, 'connect')
    await expectAccessible(page)
    expect(await controlsTabSkips(page)).toEqual([])
    await page.getByRole('button', { name: 'Disconnect' }).click()
    await expect(page.getByRole('button', { name: 'Connect to the practice account' })).toBeVisible()
  })

  test('checks a real key as it is typed and never keeps the secret after sending it', async ({ page, bridge }) => {
    await openAtStep(page, bridge, 'connect', 'real')
    await expect(page.getByRole('img', { name: /Access keys/ }).first()).toBeVisible()
    const id = page.getByRole('textbox', { name: 'Access key ID' })
    const secret = page.getByLabel('Secret access key', { exact: true })
    const connect = page.getByRole('button', { name: 'Connect', exact: true })

    await id.fill('AKIA123')
    await expect(page.getByText('this one has 7 characters')).toBeVisible()
    await expect(id).toHaveAttribute('aria-invalid', 'true')
    await id.fill(madeUpKeyId('AKIA'))
    await expect(id).not.toHaveAttribute('aria-invalid', 'true')
    await secret.fill('too-short')
    await expect(page.getByText(/A secret access key is 40 characters.*this one has 9/)).toBeVisible()
    await expect(secret).toHaveAttribute('type', 'password')
    await page.getByRole('button', { name: 'Show the secret access key' }).click()
    await expect(secret).toHaveAttribute('type', 'text')

    await id.fill(madeUpKeyId('ASIA'))
    await expect(page.getByRole('textbox', { name: 'Session token' })).toBeVisible()
    await expect(page.getByText('only works with its session token')).toBeVisible()
    await expect(connect).toBeDisabled()

    const secretValue = madeUpSecret()
    await id.fill(madeUpKeyId('AKIA'))
    await secret.fill(secretValue)
    await expect(page.getByRole('textbox', { name: 'Session token' })).toHaveCount(0)
    // A root key needs the consent first.
    await expect(connect).toBeDisabled()
    await page.getByLabel(/let Cairn delete this root access key/).check()
    await expect(connect).toBeEnabled()
    await captureScreen(page, 'connect-real')
    await expectAccessible(page)
    expect(await controlsTabSkips(page)).toEqual([])

    // Sent to the practice account, which does not know the key: refused, and the secret is gone.
    await page.getByText('Advanced: another endpoint').click()
    await page.getByRole('textbox', { name: 'IAM and STS endpoint' }).fill(server(bridge).endpoint)
    await connect.click()
    await expect(page.getByRole('alert')).toContainText('AWS did not accept that key')
    await expect(secret).toHaveValue('')
    expect(await page.content()).not.toContain(secretValue)
    expect(await page.evaluate(() => [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value))).not.toContain(secretValue)

    // A real key of the account's root user, made as the console would: connected, and said to be root.
    const practice = server(bridge)
    const made = (await (
      await fetch(`${practice.endpoint}/_practice/root/access-keys`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${practice.rootConsole.email}:${practice.rootConsole.password}`).toString('base64')}` }
      })
    ).json()) as { accessKeyId: string; secretAccessKey: string }
    await id.fill(made.accessKeyId)
    await secret.fill(made.secretAccessKey)
    await connect.click()
    await expect(page.getByTestId('connection-summary')).toContainText(practice.accountId)
    await expect(page.getByTestId('connection-summary')).toContainText('The root user')
    await expect(page.getByText('This is the root user’s key')).toBeVisible()
    expect(await page.content()).not.toContain(made.secretAccessKey)
  })
})

test.describe('Billing access', () => {
  test('reads off, does it on the practice account, reads on; then deletes the bootstrap key with consent', async ({ page, bridge }) => {
    await openAtStep(page, bridge, 'billing')
    await page.evaluate(() => window.cairn.connect.practice())
    await page.reload()
    await expect(page.getByRole('img', { name: /Activate IAM Access/ })).toBeVisible()
    const state = page.getByTestId('billing-state')
    await expect(state).toContainText('IAM access to billing: Off')

    await page.getByRole('button', { name: 'Do it on the practice account' }).click()
    await expect(state).toContainText('IAM access to billing: On')
    expect(server(bridge).state.console.iamUserAccessToBilling).toBe(true)
    await page.getByRole('button', { name: 'Check again' }).click()
    await expect(state).toContainText('IAM access to billing: On')
    await expect(page.getByRole('button', { name: 'Do it on the practice account' })).toHaveCount(0)

    const remove = page.getByRole('button', { name: 'Delete the temporary root access key' })
    await expect(remove).toBeDisabled()
    await captureScreen(page, 'billing')
    await expectAccessible(page)
    expect(await controlsTabSkips(page)).toEqual([])

    await page.getByLabel(/Delete the root access key Cairn is connected with/).check()
    await remove.click()
    const done = page.getByTestId('bootstrap-key-deleted')
    await expect(done).toContainText('Root access keys now: 0')
    await expect(done).toContainText(/AccountAccessKeysPresent|no longer works/)
    expect(server(bridge).state.root.accessKeys).toEqual([])
    expect(await page.evaluate(() => window.cairn.connect.status())).toEqual({ ok: true, value: { connected: false } })

    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.locator('main#main')).toHaveAttribute('data-step', 'profiles')
  })

  test('on a real account, says honestly that Cairn cannot read the setting and how to confirm it', async ({ page, bridge }) => {
    await openAtStep(page, bridge, 'billing', 'real')
    await expect(page.getByTestId('billing-state')).toContainText('Cannot tell')
    await expect(page.getByTestId('billing-state')).toContainText('no API')
    await expect(page.getByRole('button', { name: 'Do it on the practice account' })).toHaveCount(0)
    // Not connected: the key, if any, is deleted by hand, with the drawn dialog.
    await expect(page.getByRole('img', { name: /delete dialog/ })).toBeVisible()
  })
})
