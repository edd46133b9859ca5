import {
  IAMClient,
  ListGroupsCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  UpdateAccountPasswordPolicyCommand
} from '@aws-sdk/client-iam'
import type { Locator, Page } from '@playwright/test'
import { authenticator } from 'otplib'
import type { PracticeServer } from '../../src/practice'
import { expect, test, type Bridge } from './support/bridge'
import { captureScreen, expectAccessible, openAtStep } from './support/screens'

const screen = (page: Page) => page.locator('main#main')

function practiceOf(bridge: Bridge): PracticeServer {
  const server = bridge.practice.server
  if (!server) throw new Error('the practice account did not start')
  return server
}

/** Root's own IAM client on the practice account: what the test checks the account with. */
function rootIam(server: PracticeServer): IAMClient {
  if (!server.rootCredentials) throw new Error('the practice root has no access key')
  return new IAMClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: server.rootCredentials, maxAttempts: 1 })
}

/** Keyboard only: Tab until `target` has focus (at most `limit` presses), then it can be pressed with Enter. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

async function press(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target)
  await page.keyboard.press('Enter')
}

/** The default roles applied through the bridge, as the Apply screen would (the MFA test starts after it). */
async function applyDefaults(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const roles = await window.cairn.setup.defaults({})
    if (!roles.ok) return roles
    return window.cairn.setup.apply({ roles: roles.value })
  })
}

/**
 * A password policy made stricter while CreateLoginProfile calls are in flight: the passwords
 * Cairn generated for the old policy are refused (PasswordPolicyViolation, which no retry
 * fixes), so every console-password step fails and the rest of the run finishes.
 */
async function tightenPasswordPolicy(server: PracticeServer, minimumLength: number): Promise<void> {
  await rootIam(server).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: minimumLength }))
}

const slowLoginProfiles = (server: PracticeServer) => server.setFaults({ actions: ['CreateLoginProfile'], latencyMs: 1500 })

test.describe('Apply', () => {
  test('applies the planned roles: each row goes to done, the bar fills, the summary counts', async ({ page, bridge }) => {
    test.setTimeout(120_000)
    const server = practiceOf(bridge)
    await openAtStep(page, bridge, 'plan')
    // The roles come from the Plan screen, as a user brings them.
    await page.getByRole('button', { name: /^Continue/ }).click()
    await expect(screen(page)).toHaveAttribute('data-step', 'apply')

    const rows = page.getByTestId('apply-rows').locator('li')
    await expect(rows.first()).toBeVisible()
    const total = await rows.count()
    expect(total).toBe(19)
    await expect(page.getByTestId('apply-rows').locator('li[data-state="waiting"]')).toHaveCount(total)
    await expect(page.getByTestId('apply-bar')).toHaveAttribute('value', '0')
    await expect(page.getByRole('button', { name: /^Continue/ })).toBeDisabled()

    await press(page, page.getByRole('button', { name: 'Apply', exact: true }))
    const summary = page.getByTestId('apply-summary')
    await expect(summary).toHaveAttribute('data-outcome', 'done', { timeout: 30_000 })
    await expect(summary.getByRole('heading')).toBeFocused()
    await expect(page.getByTestId('apply-bar')).toHaveAttribute('value', String(total))
    await expect(page.getByTestId('apply-bar')).toHaveAttribute('max', String(total))
    await expect(page.getByTestId('apply-rows').locator('li[data-state="done"]')).toHaveCount(17)
    // CairnRequireMFA waits for each user's MFA device, by design.
    await expect(page.getByTestId('apply-rows').locator('li[data-state="skipped"]')).toHaveCount(2)
    await expect(page.getByTestId('apply-rows').locator('li[data-state="skipped"]').first()).toContainText('Waits for MFA')
    await expect(summary.locator('[data-count="created"] dd')).toHaveText('17')
    await expect(summary.locator('[data-count="deferred"] dd')).toHaveText('2')
    await expect(summary.locator('[data-count="failed"] dd')).toHaveText('0')
    await expect(page.getByTestId('apply-announcement')).toHaveText(/^Apply finished: 17 created/)
    await expect(page.getByRole('button', { name: /^Continue/ })).toBeEnabled()
    // No secret reached the page: the passwords and keys are in the keychain only.
    expect(await page.locator('body').innerText()).not.toMatch(/AKIA[A-Z0-9]{16}/)
    expect(Object.keys(server.state.users).sort()).toEqual(['billing', 'dev', 'ops'])

    await expectAccessible(page)
    await captureScreen(page, 'apply')
  })

  test('a step AWS throttles says so with its attempt while it waits, then ends done like the rest', async ({ page, bridge }) => {
    test.setTimeout(120_000)
    const server = practiceOf(bridge)
    await openAtStep(page, bridge, 'plan')
    await page.getByRole('button', { name: /^Continue/ }).click()
    await expect(screen(page)).toHaveAttribute('data-step', 'apply')

    // The first CreateGroup is throttled; each CreateGroup takes a second, so the retry is on screen long enough to read.
    server.setFaults({ actions: ['CreateGroup'], failCalls: [1], failWith: 'Throttling', latencyMs: 1000 })
    await press(page, page.getByRole('button', { name: 'Apply', exact: true }))
    const retrying = page.getByTestId('apply-rows').locator('li[data-state="retrying"]')
    await expect(retrying).toHaveCount(1, { timeout: 10_000 })
    await expect(retrying).toHaveAttribute('data-step', /^group:/)
    await expect(retrying).toContainText('Retrying (attempt 2)')
    await expect(retrying).toContainText('AWS asked Cairn to slow down (Throttling)')
    const step = await retrying.getAttribute('data-step')
    await expectAccessible(page)

    const summary = page.getByTestId('apply-summary')
    await expect(summary).toHaveAttribute('data-outcome', 'done', { timeout: 30_000 })
    await expect(page.locator(`li[data-step="${step}"]`)).toHaveAttribute('data-state', 'done')
    await expect(summary.locator('[data-count="failed"] dd')).toHaveText('0')
    expect(
      Object.values(server.state.groups)
        .map((group) => group.groupName)
        .sort()
    ).toEqual(['Developers', 'Finance', 'Operations'])
    server.setFaults({})
  })

  test('a failed run shows its failed rows and why; Resume finishes it after a restart; Roll back deletes exactly what it created', async ({
    page,
    bridge
  }) => {
    test.setTimeout(180_000)
    const server = practiceOf(bridge)
    const iam = rootIam(server)
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8 }))
    await openAtStep(page, bridge, 'apply')
    // No plan in this window and no apply in the journal: back to Plan.
    await expect(page.getByTestId('apply-nothing')).toBeVisible()

    // A first apply (the window that ran it is gone) stopped with failures.
    slowLoginProfiles(server)
    const first = applyDefaults(page)
    await expect.poll(() => Object.keys(server.state.users).length, { timeout: 10_000 }).toBeGreaterThan(0)
    await tightenPasswordPolicy(server, 40)
    expect(await first).toMatchObject({ ok: true, value: { summary: { outcome: 'failed' } } })

    await page.reload()
    await expect(page.getByTestId('last-run')).toContainText('The last apply did not finish')
    await expect(page.getByRole('button', { name: /^Continue/ })).toBeDisabled()

    // Resume, and the policy changes under it again: the failed rows say why and what next.
    const failingResume = page.getByRole('button', { name: 'Resume', exact: true })
    await tabTo(page, failingResume)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('apply-rows').locator('li[data-step^="login-profile:"][data-state="running"]').first()).toBeVisible({ timeout: 10_000 })
    await tightenPasswordPolicy(server, 64)
    const summary = page.getByTestId('apply-summary')
    await expect(summary).toHaveAttribute('data-outcome', 'failed', { timeout: 30_000 })
    const failed = page.getByTestId('apply-rows').locator('li[data-state="failed"]')
    await expect(failed).toHaveCount(3)
    await expect(failed.first()).toContainText('password policy')
    await expect(failed.first()).toContainText('PasswordPolicyViolation')
    await expect(summary.locator('[data-count="failed"] dd')).toHaveText('3')
    await expect(page.getByTestId('apply-announcement')).toHaveText(/^Apply stopped: 3 steps failed/)
    await expect(page.getByRole('button', { name: /^Continue/ })).toBeDisabled()
    await expectAccessible(page)
    await captureScreen(page, 'apply-failed')

    // AWS behaves again: Resume completes the same run.
    server.setFaults({})
    await press(page, page.getByRole('button', { name: 'Resume', exact: true }))
    await expect(summary).toHaveAttribute('data-outcome', 'done', { timeout: 30_000 })
    const rows = page.getByTestId('apply-rows').locator('li')
    const total = await rows.count()
    await expect(page.getByTestId('apply-bar')).toHaveAttribute('value', String(total))
    await expect(page.getByTestId('apply-rows').locator('li[data-state="failed"]')).toHaveCount(0)
    await expect(page.getByRole('button', { name: /^Continue/ })).toBeEnabled()
    expect(Object.values(server.state.users).every((user) => user.loginProfile !== undefined && user.loginProfile !== null)).toBe(true)

    // Someone else's user stays: rollback takes back this run's changes and nothing else.
    const { CreateUserCommand } = await import('@aws-sdk/client-iam')
    await iam.send(new CreateUserCommand({ UserName: 'someone-else' }))
    await press(page, page.getByRole('button', { name: 'Roll back', exact: true }))
    const confirm = page.getByTestId('rollback-confirm')
    await expect(confirm.getByRole('heading')).toBeFocused()
    const listed = await confirm.getByRole('listitem').allInnerTexts()
    expect(listed).toHaveLength(17)
    expect(listed).toEqual(expect.arrayContaining(['Delete the user dev', 'Delete the group Developers', "Delete dev's access key (and its keychain copy)"]))
    expect(listed.join('\n')).not.toContain('someone-else')
    await expectAccessible(page)
    await press(page, confirm.getByRole('button', { name: 'Delete these 17' }))
    const rolledBack = page.getByTestId('rollback-summary')
    await expect(rolledBack).toHaveAttribute('data-outcome', 'done', { timeout: 30_000 })
    await expect(page.getByTestId('apply-rows').locator('li[data-state="done"]')).toHaveCount(17)
    await expect(page.getByTestId('apply-announcement')).toHaveText('Rollback finished: 17 changes undone.')
    await expect(page.getByRole('button', { name: /^Continue/ })).toBeDisabled()

    const users = (await iam.send(new ListUsersCommand({}))).Users ?? []
    expect(users.map((u) => u.UserName)).toEqual(['someone-else'])
    expect((await iam.send(new ListGroupsCommand({}))).Groups ?? []).toEqual([])
  })
})

/** Two consecutive codes as an authenticator app shows them now, away from a code change. */
async function twoCodes(seed: string): Promise<{ code1: string; code2: string }> {
  const into = Date.now() % 30_000
  if (into < 1500 || into > 27_000) await new Promise((resolve) => setTimeout(resolve, (31_500 - into) % 30_000))
  const now = Date.now()
  const at = (ms: number) => authenticator.clone({ epoch: ms, step: 30, digits: 6 }).generate(seed)
  return { code1: at(now - 30_000), code2: at(now) }
}

async function paste(box: Locator, text: string): Promise<void> {
  await box.evaluate((el, value) => {
    const data = new DataTransfer()
    data.setData('text', value)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, text)
}

async function unassignedDevices(iam: IAMClient): Promise<number> {
  return ((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices ?? []).length
}

/** The default roles applied, then a restart at the MFA step: the users come from what the apply recorded. */
async function restartAtMfaAfterApply(page: Page, bridge: Bridge): Promise<void> {
  await openAtStep(page, bridge, 'apply')
  await expect(page.getByTestId('apply-nothing')).toBeVisible()
  expect(await applyDefaults(page)).toMatchObject({ ok: true, value: { summary: { outcome: 'done' } } })
  await page.evaluate(() => window.cairn.journey.update({ current: 'mfa' }))
  await page.reload()
}

test.describe('MFA for each user', () => {
  test('sets up dev with the QR code’s secret: wrong codes say why and keep the QR, the boxes advance and take a paste, the device is enabled', async ({
    page,
    bridge
  }) => {
    test.setTimeout(180_000)
    const server = practiceOf(bridge)
    const iam = rootIam(server)
    await restartAtMfaAfterApply(page, bridge)
    await expect(screen(page)).toHaveAttribute('data-step', 'mfa')

    const dev = page.getByTestId('mfa-user-dev')
    await expect(dev).toContainText('No MFA yet')
    await expect(page.getByTestId('mfa-user-ops')).toContainText('No MFA yet')
    await expect(page.getByRole('button', { name: /^Continue/ })).toBeDisabled()
    await expect(page.getByText('dev and ops still need an MFA device.')).toBeVisible()

    await press(page, dev.getByRole('button', { name: 'Set up MFA for dev' }))
    const panel = dev.getByTestId('enroll-panel')
    await expect(panel.getByRole('heading', { name: 'Set up MFA for dev' })).toBeFocused()
    const qr = panel.getByTestId('mfa-qr')
    await expect(qr).toBeVisible()
    await expect(qr).toHaveAttribute('src', /^data:image\/png;base64,/)
    expect(await qr.evaluate((img) => getComputedStyle(img).imageRendering)).toBe('pixelated')
    expect(await qr.evaluate((img) => getComputedStyle(img.parentElement as Element).backgroundColor)).toBe('rgb(255, 255, 255)')
    await expect(panel).toContainText(`practice · dev@${server.accountId}`)

    await press(page, panel.getByRole('button', { name: 'Show secret key' }))
    const secretText = await panel.getByTestId('mfa-secret').innerText()
    expect(secretText).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/)
    const seed = secretText.replace(/ /g, '')

    const mask = [qr, panel.getByTestId('mfa-secret')]
    await expectAccessible(page)
    await captureScreen(page, 'mfa', { mask })

    // Two codes of some other key: said in words, and the same QR code stays for the next try.
    const box1 = panel.getByRole('textbox', { name: 'MFA code 1' })
    const box2 = panel.getByRole('textbox', { name: 'MFA code 2' })
    await expect(box1).toHaveAttribute('inputmode', 'numeric')
    await expect(box1).toHaveAttribute('autocomplete', 'one-time-code')
    const qrBefore = await qr.getAttribute('src')
    await tabTo(page, box1)
    await page.keyboard.type('123456')
    // Six digits move on to the second box by themselves.
    await expect(box2).toBeFocused()
    await page.keyboard.type('654321')
    await page.keyboard.press('Enter')
    const tryAgain = panel.getByTestId('mfa-try-again')
    await expect(tryAgain).toHaveAttribute('data-kind', 'not-this-secret')
    await expect(tryAgain).toContainText('Those codes come from another entry')
    await expect(tryAgain).toContainText(`Use the entry "practice · dev@${server.accountId}"`)
    await expect(qr).toHaveAttribute('src', qrBefore ?? '')
    await expect(box1).toHaveValue('')
    await expect(box1).toBeFocused()

    // The same code twice.
    const { code1: same } = await twoCodes(seed)
    await page.keyboard.type(same + same)
    await expect(box1).toHaveValue(same)
    await expect(box2).toHaveValue(same)
    await page.keyboard.press('Enter')
    await expect(tryAgain).toHaveAttribute('data-kind', 'same-code')
    await expect(tryAgain).toContainText('You entered the same code twice')

    // Hidden again on demand.
    await press(page, panel.getByRole('button', { name: 'Hide secret key' }))
    await expect(panel.getByTestId('mfa-secret')).toHaveCount(0)

    // Both codes pasted at once into the first box fill both; Add MFA turns the device on.
    const { code1, code2 } = await twoCodes(seed)
    await paste(box1, `${code1} ${code2}`)
    await expect(box1).toHaveValue(code1)
    await expect(box2).toHaveValue(code2)
    await expect(panel.getByRole('button', { name: 'Add MFA' })).toBeFocused()
    await page.keyboard.press('Enter')
    const enabled = dev.getByTestId('mfa-enabled')
    await expect(enabled).toContainText('MFA is on for dev')
    await expect(enabled).toContainText('Both codes are valid and consecutive.')
    await expect(enabled).toContainText('API calls as dev work only in MFA-backed sessions')
    await expect(enabled.locator('.notice-title')).toBeFocused()
    // The QR code and the secret are gone from the page with the set-up.
    await expect(page.getByTestId('mfa-qr')).toHaveCount(0)
    await expect(page.getByTestId('mfa-secret')).toHaveCount(0)
    await expect(dev).toContainText('MFA on')
    const devices = (await iam.send(new ListMFADevicesCommand({ UserName: 'dev' }))).MFADevices ?? []
    expect(devices).toHaveLength(1)
    await expect(dev.getByRole('list', { name: "dev's MFA devices" })).toContainText(devices[0]?.SerialNumber ?? '-')

    // ops is still missing: Continue only with an explicit "later", which says what it means.
    await expect(page.getByText('ops still needs an MFA device.')).toBeVisible()
    const later = page.getByRole('checkbox', { name: 'I’ll set up MFA for ops later' })
    await expect(page.locator('.mfa-later')).toContainText('Cairn cannot get sessions for ops')
    await tabTo(page, later)
    await page.keyboard.press('Space')
    await expect(page.getByRole('button', { name: /^Continue/ })).toBeEnabled()
    await expectAccessible(page)
  })

  test('Cancel, and leaving the step with a set-up open, delete the unused device', async ({ page, bridge }) => {
    test.setTimeout(120_000)
    const server = practiceOf(bridge)
    const iam = rootIam(server)
    await restartAtMfaAfterApply(page, bridge)

    const ops = page.getByTestId('mfa-user-ops')
    await press(page, ops.getByRole('button', { name: 'Set up MFA for ops' }))
    await expect(ops.getByTestId('mfa-qr')).toBeVisible()
    expect(await unassignedDevices(iam)).toBe(1)
    await press(page, ops.getByRole('button', { name: 'Cancel' }))
    await expect(ops.getByTestId('enroll-panel')).toHaveCount(0)
    await expect(ops).toContainText(/deleted/i)
    expect(await unassignedDevices(iam)).toBe(0)

    await press(page, ops.getByRole('button', { name: 'Set up MFA for ops' }))
    await expect(ops.getByTestId('mfa-qr')).toBeVisible()
    expect(await unassignedDevices(iam)).toBe(1)
    await press(page, page.getByRole('button', { name: 'Back to Apply' }))
    await expect(screen(page)).toHaveAttribute('data-step', 'apply')
    await expect.poll(() => unassignedDevices(iam)).toBe(0)
  })
})
