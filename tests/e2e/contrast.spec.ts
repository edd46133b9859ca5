import type { Locator, Page } from '@playwright/test'
import { expect, test } from './support/bridge'
import { openAtStep } from './support/screens'

/**
 * The pixels axe does not judge: form fields' edges against what surrounds them (WCAG 1.4.11
 * asks 3:1 of a component's boundary), disabled buttons that look disabled in the dark theme
 * too, and no focus ring on a heading the app focused itself. Computed styles, both themes.
 */

type Rgba = [number, number, number, number]

function parseColor(css: string): Rgba {
  const match = /^rgba?\(([^)]+)\)$/.exec(css.trim())
  if (!match) throw new Error(`not an rgb() colour: ${css}`)
  const [r = 0, g = 0, b = 0, a = 1] = match[1]!.split(/[\s,/]+/).map(Number)
  return [r, g, b, a]
}

/** WCAG 2's relative luminance of an sRGB colour. */
function luminance([r, g, b]: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** A field's edge colour, its own background, the background it sits on (the card) and the page's. */
async function fieldColours(field: Locator): Promise<{ border: string; inside: string; behind: string; page: string }> {
  return field.evaluate((element) => {
    const opaque = (start: Element | null): string => {
      for (let node = start; node; node = node.parentElement) {
        const background = getComputedStyle(node).backgroundColor
        if (!/rgba\(.*,\s*0\)$/.test(background) && background !== 'transparent') return background
      }
      return 'rgb(255, 255, 255)'
    }
    const style = getComputedStyle(element)
    if (style.borderTopStyle === 'none' || parseFloat(style.borderTopWidth) === 0) throw new Error('the field has no border')
    return {
      border: style.borderTopColor,
      inside: opaque(element),
      behind: opaque(element.parentElement),
      page: getComputedStyle(document.body).backgroundColor
    }
  })
}

async function theme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' })
}

test('form fields have edges of at least 3:1 against their background, in both themes', async ({ page, bridge }) => {
  await openAtStep(page, bridge, 'connect', 'real')
  const form = page.getByRole('form', { name: 'Access key' })
  await page.getByRole('textbox', { name: 'Access key ID' }).fill(`ASIA${'Z'.repeat(16)}`)
  const fields = [
    page.getByRole('textbox', { name: 'Access key ID' }),
    page.getByLabel('Secret access key', { exact: true }),
    page.getByRole('textbox', { name: 'Session token' })
  ]
  await expect(form).toBeVisible()
  for (const colorScheme of ['light', 'dark'] as const) {
    await theme(page, colorScheme)
    for (const field of fields) {
      const name = `${colorScheme}: ${await field.getAttribute('id')}`
      const colours = await fieldColours(field)
      const edge = parseColor(colours.border)
      for (const against of [colours.inside, colours.behind, colours.page]) {
        expect(contrast(edge, parseColor(against)), `${name}: ${colours.border} against ${against}`).toBeGreaterThanOrEqual(3)
      }
    }
  }
})

test('a disabled button looks disabled in the dark theme, and stays readable', async ({ page, bridge }) => {
  await openAtStep(page, bridge, 'connect', 'real')
  await theme(page, 'dark')
  const connect = page.getByRole('button', { name: 'Connect', exact: true })
  await expect(connect).toBeDisabled()
  const look = () =>
    connect.evaluate((button) => {
      const style = getComputedStyle(button)
      return { color: style.color, background: style.backgroundColor, cursor: style.cursor, opacity: style.opacity }
    })
  const disabled = await look()

  await page.getByRole('textbox', { name: 'Access key ID' }).fill(`AKIA${'Z'.repeat(16)}`)
  await page.getByLabel('Secret access key', { exact: true }).fill('x'.repeat(40))
  await page.getByLabel(/let Cairn delete this root access key/).check()
  await expect(connect).toBeEnabled()
  // Away from the button: the enabled look without hover.
  await page.mouse.move(0, 0)
  const enabled = await look()

  expect(disabled.cursor).toBe('not-allowed')
  expect(enabled.cursor).toBe('pointer')
  expect(disabled.background).not.toBe(enabled.background)
  expect(disabled.color).not.toBe(enabled.color)
  const disabledContrast = contrast(parseColor(disabled.color), parseColor(disabled.background))
  const enabledContrast = contrast(parseColor(enabled.color), parseColor(enabled.background))
  // Dimmer than the enabled button, never illegible.
  expect(disabledContrast).toBeLessThan(enabledContrast)
  expect(disabledContrast).toBeGreaterThanOrEqual(3)

  // Hovering a disabled button changes nothing.
  await page.getByRole('textbox', { name: 'Access key ID' }).fill('')
  await expect(connect).toBeDisabled()
  await connect.hover({ force: true })
  expect(await look()).toEqual(disabled)
})

test('a heading the app focuses shows no ring, a control reached with Tab does', async ({ page, bridge }) => {
  await openAtStep(page, bridge, 'connect', 'real')
  const heading = page.getByRole('heading', { level: 1 })
  const outline = (target: Locator) => target.evaluate((element) => getComputedStyle(element).outlineStyle)
  for (const colorScheme of ['light', 'dark'] as const) {
    await theme(page, colorScheme)
    // Focused by a keyboard-started move, as when Continue is pressed with Enter: still no ring.
    await page.keyboard.press('Shift')
    await heading.evaluate((element: HTMLElement) => element.focus())
    await expect(heading).toBeFocused()
    // Chromium counts this focus as :focus-visible, the case a plain :focus rule would miss.
    expect(await heading.evaluate((element) => element.matches(':focus-visible'))).toBe(true)
    expect(await outline(heading)).toBe('none')
    await page.keyboard.press('Tab')
    const control = page.locator(':focus')
    await expect(control).not.toHaveCount(0)
    expect(await control.evaluate((element) => element.tagName)).not.toBe('H1')
    expect(await outline(control)).toBe('solid')
  }
})
