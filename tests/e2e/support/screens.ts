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

/** The window the journey is measured in: a laptop's app window. */
export const windowSize = { width: 1280, height: 800 } as const

export interface ScreenMeasure {
  /** From the top of the window to the end of the screen's content (the header included, the grid's stretch not). */
  height: number
  /** Where the primary action's bottom edge sits when the screen opens, scrolled to the top. */
  primaryBottom: number
}

/**
 * How tall a screen is at 1280x800 and whether its primary action is in the first window-height.
 * The height is the content's, not the page's: a short screen counts as short, not as one window.
 */
export async function measureScreen(page: Page, primary: Locator): Promise<ScreenMeasure> {
  await page.setViewportSize(windowSize)
  await page.evaluate(() => window.scrollTo(0, 0))
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)
  await expect(primary).toBeVisible()
  const box = await primary.boundingBox()
  if (!box) throw new Error('the primary action has no box')
  const height = await page.evaluate(() => {
    const main = document.querySelector('main#main')
    const last = main?.lastElementChild
    if (!main || !last) return 0
    return Math.ceil(last.getBoundingClientRect().bottom + window.scrollY + parseFloat(getComputedStyle(main).paddingBottom))
  })
  return { height, primaryBottom: Math.ceil(box.y + box.height) }
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
