import type { BrowserWindowConstructorOptions } from 'electron'

export interface WindowOptionsInput {
  preloadPath: string
  iconPath?: string
  darkBackground: boolean
}

/** What every Cairn window gets, the app's own and the AWS console ones alike. */
export const sandboxedWebPreferences = {
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
  safeDialogs: true
} as const satisfies NonNullable<BrowserWindowConstructorOptions['webPreferences']>

/** The hardened web preferences of the app's own windows: the sandbox plus the contract preload. */
export function hardenedWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return { preload: preloadPath, ...sandboxedWebPreferences, spellcheck: false, devTools: true }
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Cairn',
    width: 1120,
    height: 780,
    minWidth: 820,
    minHeight: 600,
    show: false,
    backgroundColor: input.darkBackground ? '#16181d' : '#f7f7f5',
    autoHideMenuBar: true,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: hardenedWebPreferences(input.preloadPath)
  }
}
