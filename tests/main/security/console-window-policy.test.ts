import { describe, expect, it } from 'vitest'
import {
  consolePartition,
  consoleWindowOptions,
  decideConsoleNavigation,
  decideConsolePermission,
  decideConsoleWindowOpen,
  isConsoleNavigationAllowed
} from '../../../src/main/security/console-window-policy'

describe('console window policy', () => {
  it("lets a console window go to AWS's sign-in and console hosts over https", () => {
    for (const url of [
      'https://signin.aws.amazon.com/federation?Action=login',
      'https://111122223333.signin.aws.amazon.com/console',
      'https://console.aws.amazon.com/console/home',
      'https://us-east-1.console.aws.amazon.com/billing/home'
    ]) {
      expect(isConsoleNavigationAllowed(url), url).toBe(true)
    }
  })

  it('keeps it away from everything else, look-alikes included', () => {
    for (const url of [
      'http://console.aws.amazon.com/',
      'https://console.aws.amazon.com.evil.example/',
      'https://evilconsole.aws.amazon.com/',
      'https://user:pw@console.aws.amazon.com/',
      'https://console.aws.amazon.com:8443/',
      'https://docs.aws.amazon.com/IAM/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url'
    ]) {
      expect(isConsoleNavigationAllowed(url), url).toBe(false)
    }
  })

  it("allows the practice account's own origin, and only that port", () => {
    const options = { practiceOrigin: 'http://127.0.0.1:4566' }
    expect(isConsoleNavigationAllowed('http://127.0.0.1:4566/federation?Action=login', options)).toBe(true)
    expect(isConsoleNavigationAllowed('http://127.0.0.1:4566/console', options)).toBe(true)
    expect(isConsoleNavigationAllowed('http://127.0.0.1:4567/console', options)).toBe(false)
    expect(isConsoleNavigationAllowed('http://127.0.0.1:4566/console')).toBe(false)
  })

  it('sends refused AWS links (documentation) to the browser, and other links nowhere', () => {
    expect(decideConsoleNavigation('https://docs.aws.amazon.com/IAM/')).toEqual({ allow: false, openExternally: 'https://docs.aws.amazon.com/IAM/' })
    expect(decideConsoleNavigation('https://evil.example/')).toEqual({ allow: false })
    expect(decideConsoleWindowOpen('https://console.aws.amazon.com/s3')).toEqual({ action: 'deny', openExternally: 'https://console.aws.amazon.com/s3' })
    expect(decideConsoleWindowOpen('https://evil.example/')).toEqual({ action: 'deny' })
  })

  it('grants console pages no permission at all', () => {
    for (const permission of ['clipboard-read', 'clipboard-sanitized-write', 'notifications', 'media', 'geolocation'])
      expect(decideConsolePermission(permission)).toBe(false)
  })

  it('gives each account and role its own persistent partition, with no preload and a sandbox', () => {
    expect(consolePartition('111122223333', 'dev')).toBe('persist:cairn-role-111122223333-dev')
    const options = consoleWindowOptions({ accountId: '111122223333', role: 'billing' })
    expect(options.webPreferences).toEqual({
      partition: 'persist:cairn-role-111122223333-billing',
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
      devTools: false
    })
    expect(options.webPreferences).not.toHaveProperty('preload')
    expect(options.title).toBe('AWS console · billing (111122223333)')
  })
})
