import AxeBuilder from '@axe-core/playwright'
import path from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { repoRoot } from '../../support/build'
import type { JourneyStep } from '../../../src/shared/contract'
import type { Bridge } from './bridge'

/** Where every screen's light and dark screenshot goes (kept as CI artefacts; the README shows a few). */
export const screenshotDir = path.join(repoRoot, '.test-artifacts', 'screens')

/**
 * Saves the screen in the light and the dark theme as `<name>-light.png` / `<name>-dark.png`.
 * `mask` covers anything secret-bearing (a QR code encodes an MFA seed), so no artefact holds one.
 */
export async function captureScreen(page: Page, name: string, options: { mask?: Locator[] } = {}): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' })
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${colorScheme}.png`), fullPage: true, mask: options.mask ?? [], animations: 'disabled' })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** axe-core on the screen as it is now, in both themes: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const results = await new AxeBuilder({ page }).analyze()
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(bad.map((v) => `${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Opens the app at a step of the journey, the way a restart would: journey.json says where. */
export async function openAtStep(page: Page, bridge: Pick<Bridge, 'open'>, step: JourneyStep, account: 'practice' | 'real' = 'practice'): Promise<void> {
  await bridge.open(page)
  await page.evaluate(
    async ([s, a]) => {
      await window.cairn.journey.update({ account: a, done: 'welcome', current: s })
    },
    [step, account] as const
  )
  await page.reload()
  await expect(page.locator('main#main')).toHaveAttribute('data-step', step)
}
