import { describe, expect, it } from 'vitest'
import { hardenedWebPreferences, mainWindowOptions } from '../../../src/main/security/window-options'

describe('mainWindowOptions', () => {
  it('hardens the web preferences exactly as the Electron security checklist asks', () => {
    expect(mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', darkBackground: false }).webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: true
    })
  })

  it('never enables blink features or disables the same-origin policy', () => {
    const prefs = hardenedWebPreferences('/p.cjs') as Record<string, unknown>
    expect(prefs['enableBlinkFeatures']).toBeUndefined()
    expect(prefs['disableBlinkFeatures']).toBeUndefined()
    expect(prefs['webSecurity']).toBe(true)
  })

  it('opens hidden until ready, with a background that matches the theme', () => {
    const dark = mainWindowOptions({ preloadPath: '/p.cjs', darkBackground: true })
    const light = mainWindowOptions({ preloadPath: '/p.cjs', darkBackground: false, iconPath: '/icon.png' })
    expect(dark.show).toBe(false)
    expect(dark.backgroundColor).not.toBe(light.backgroundColor)
    expect(light.icon).toBe('/icon.png')
    expect('icon' in dark).toBe(false)
  })
})
