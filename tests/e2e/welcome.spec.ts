import AxeBuilder from '@axe-core/playwright'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from './support/bridge'
import { repoRoot } from '../support/build'
import { channelNames } from '../../src/shared/contract'

const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version

test.describe('Welcome screen', () => {
  test('renders and shows app.info fetched through the bridge from the real handlers', async ({ page, bridge }) => {
    await bridge.open(page)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secure your AWS account, calmly.')
    await expect(page.getByTestId('app-version')).toHaveText(version)
    await expect(page.getByTestId('app-platform')).toContainText(process.platform)
    // The real keychain probe ran against the test's private gnome-keyring.
    await expect(page.getByTestId('keychain-status')).toHaveText(/ready$/)
    expect(bridge.received).toContainEqual({ channel: 'app.info', payload: {} })
  })

  test('offers the practice account first and selected, already running', async ({ page, bridge }) => {
    await bridge.open(page)
    const status = bridge.practice.status()
    if (!status.running) throw new Error(status.message)
    await expect(page.getByTestId('practice-status')).toContainText(`practice account ${status.accountId}`)
    await expect(page.getByRole('radio', { name: /Practice account/ })).toBeChecked()
    await expect(page.getByRole('button', { name: 'Start with the practice account' })).toBeVisible()
    await page.getByRole('radio', { name: /My AWS account/ }).check()
    await expect(page.getByRole('button', { name: 'Start with my AWS account' })).toBeVisible()
  })

  test('runs under the strict CSP without a single violation', async ({ page, bridge }) => {
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text())
    })
    await bridge.open(page)
    await expect(page.getByTestId('system-status')).toBeVisible()
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'))
    expect(csp).toContain("script-src 'self'")
    expect(violations).toEqual([])
    // An injected inline script is refused and reported: the policy is really enforced.
    const outcome = await page.evaluate(async () => {
      const refused = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective)))
      const script = document.createElement('script')
      script.textContent = 'window.__injected = true'
      document.head.append(script)
      return { directive: await refused, ran: (window as unknown as { __injected?: boolean }).__injected === true }
    })
    expect(outcome).toEqual({ directive: 'script-src-elem', ran: false })
  })

  test('window.cairn holds only the contract and rejects bad calls with typed errors', async ({ page, bridge }) => {
    await bridge.open(page)
    const shape = await page.evaluate(() => Object.keys(window.cairn).sort())
    expect(shape).toEqual([...new Set(channelNames.map((c) => c.split('.')[0])), 'on'].sort())
    const invalid = await page.evaluate(() => (window.cairn.app.info as (r: unknown) => Promise<unknown>)({ nope: 1 }))
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    // A page script calling the binding directly still meets main's own checks.
    const direct = await page.evaluate(() => (window as unknown as { __cairnInvoke(c: unknown, p: unknown): Promise<unknown> }).__cairnInvoke('vault.dump', {}))
    expect(direct).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    const wrongType = await page.evaluate(() =>
      (window as unknown as { __cairnInvoke(c: unknown, p: unknown): Promise<unknown> }).__cairnInvoke('app.info', 'x')
    )
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    await expect(page.getByTestId('app-version')).toHaveText(version)
  })

  test('refuses requests from a subframe, even on the app origin', async ({ page, bridge }) => {
    await bridge.open(page)
    // Built with DOM APIs: the CSP forbids frames, so the frame never loads and cannot call.
    const framed = await page.evaluate(async () => {
      const frame = document.createElement('iframe')
      frame.src = '/index.html'
      document.body.append(frame)
      await new Promise((r) => setTimeout(r, 300))
      try {
        return frame.contentWindow && 'cairn' in frame.contentWindow ? 'loaded' : 'blocked'
      } catch {
        return 'blocked'
      }
    })
    expect(framed).toBe('blocked')
    const fromSubframe = await bridge.dispatcher.dispatch('app.info', {}, { url: `${bridge.origin}/index.html`, isMainFrame: false })
    expect(fromSubframe).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
  })

  test('delivers main -> renderer events through the same bridge', async ({ page, bridge }) => {
    await bridge.open(page)
    await page.evaluate(() => {
      ;(window as unknown as { seen: unknown[] }).seen = []
      window.cairn.on('progress', (payload) => (window as unknown as { seen: unknown[] }).seen.push(payload))
    })
    await bridge.emit(page, 'progress', { operationId: 'apply-1', stepId: 'create-group:Finance', state: 'running' })
    expect(await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toEqual([
      { operationId: 'apply-1', stepId: 'create-group:Finance', state: 'running' }
    ])
  })

  test('has no serious or critical accessibility violations', async ({ page, bridge }) => {
    await bridge.open(page)
    await expect(page.getByTestId('system-status')).toBeVisible()
    const results = await new AxeBuilder({ page }).analyze()
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
  })

  test('can be used with the keyboard alone', async ({ page, bridge }) => {
    await bridge.open(page)
    // The screen's heading takes focus when it opens, so Tab goes on from the top of the step.
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(page.getByRole('radio', { name: /Practice account/ })).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(page.getByRole('radio', { name: /My AWS account/ })).toBeChecked()
    await page.keyboard.press('Tab')
    await expect(page.getByRole('button', { name: 'Start with my AWS account' })).toBeFocused()
  })
})
