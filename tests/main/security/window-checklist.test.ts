import { describe, expect, it } from 'vitest'
import { consoleWindowOptions } from '../../../src/main/security/console-window-policy'
import { mainWindowOptions } from '../../../src/main/security/window-options'

/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
 * the items that are web preferences, item by item for every kind of window Cairn opens:
 * the app window (our page, with the contract preload) and the role console windows (AWS's
 * remote pages, no preload at all).
 */

const windows = {
  'the app window': mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', darkBackground: false }).webPreferences ?? {},
  'a console window': consoleWindowOptions({ accountId: '111122223333', role: 'dev' }).webPreferences ?? {}
}

const checklist: Array<[string, string, unknown]> = [
  ['2. no Node.js integration', 'nodeIntegration', false],
  ['2. no Node.js integration in workers', 'nodeIntegrationInWorker', false],
  ['2. no Node.js integration in subframes', 'nodeIntegrationInSubFrames', false],
  ['3. context isolation', 'contextIsolation', true],
  ['4. process sandboxing', 'sandbox', true],
  ['6. web security stays on', 'webSecurity', true],
  ['8. no insecure content on https pages', 'allowRunningInsecureContent', false],
  ['9. no experimental features', 'experimentalFeatures', false],
  ['11/12. no <webview> tag', 'webviewTag', false],
  ['13. no navigation by dropping a file or link', 'navigateOnDragDrop', false]
]

describe.each(Object.entries(windows))('%s', (_kind, prefs) => {
  const preferences = prefs as Record<string, unknown>

  it.each(checklist)('%s (%s: %s), set explicitly rather than left to a default', (_item, key, value) => {
    expect(Object.prototype.hasOwnProperty.call(preferences, key)).toBe(true)
    expect(preferences[key]).toBe(value)
  })

  it('10. enables no Blink features and turns on nothing else unsafe', () => {
    expect(preferences).not.toHaveProperty('enableBlinkFeatures')
    expect(preferences).not.toHaveProperty('additionalArguments')
    expect(preferences).not.toHaveProperty('plugins')
    expect(preferences['enableWebSQL']).not.toBe(true)
  })
})

describe('the difference between the two', () => {
  it('only the app window has a preload; the console window, showing remote pages, has none and no devtools', () => {
    expect(windows['the app window']).toHaveProperty('preload', '/app/out/preload/index.cjs')
    expect(windows['a console window']).not.toHaveProperty('preload')
    expect(windows['a console window']).toHaveProperty('devTools', false)
  })

  it('console windows never share the app’s session: each role has its own persistent partition', () => {
    expect(windows['the app window']).not.toHaveProperty('partition')
    const dev = consoleWindowOptions({ accountId: '111122223333', role: 'dev' }).webPreferences?.partition
    const billing = consoleWindowOptions({ accountId: '111122223333', role: 'billing' }).webPreferences?.partition
    const otherAccount = consoleWindowOptions({ accountId: '444455556666', role: 'dev' }).webPreferences?.partition
    expect(new Set([dev, billing, otherAccount]).size).toBe(3)
    for (const partition of [dev, billing, otherAccount]) expect(partition).toMatch(/^persist:cairn-role-/)
  })
})
